/** The files `init` writes: a commented policy and a workflow (pull-request check plus a nightly drift run). */

export const POLICY_PATH = '.github/aws-account-baseline.yml';
export const WORKFLOW_PATH = '.github/workflows/aws-account-baseline.yml';
export const DEFAULT_BASELINE = 'builtin:well-architected-root';
export const SCHEMA_URL = 'https://raw.githubusercontent.com/OWNER/aws-account-baseline/main/policies/schema.json';
const ROLE_NAME = 'aws-account-baseline-read-only';

export interface PolicyTemplate {
  /** As written in `extends`: `builtin:NAME` or a path relative to the policy's folder. */
  baseline: string;
  /** `init --adopt`: the account the waivers were taken from (written as the `account.id` guard). */
  accountId?: string;
}

export function policyText(template: PolicyTemplate): string {
  const guard =
    template.accountId === undefined
      ? [
          '# Stop before any control when the credentials belong to another account:',
          '# account:',
          '#   id: "111122223333"',
        ]
      : [
          '# Stop before any control when the credentials belong to another account:',
          'account:',
          `  id: "${template.accountId}"`,
        ];
  return `${[
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
    '# The AWS account baseline of this repository, checked by aws-account-baseline on pull requests and every',
    '# night (.github/workflows/aws-account-baseline.yml). Everything below adds to, or overrides, the baseline it',
    `# extends; later values win. Check a change locally: aws-account-baseline validate --policy ${POLICY_PATH}`,
    'version: 1',
    `extends: [${template.baseline}]`,
    '',
    ...guard,
    '',
    '# Override what differs from the baseline: every key, its values and its meaning are in the schema above (your',
    '# editor completes them) and in docs/policy-format.md ("Every key"). For example:',
    '# contacts:',
    '#   security: { required: true, email: "*@example.com" }',
    '',
    '# What no API shows, attested by a person (a missing or stale date is a finding):',
    '# attestations:',
    '#   root-password-rotated: { lastVerified: 2026-10-01, by: security@example.com }',
    '',
    '# Severity overrides per control (critical | high | medium | low):',
    '# severity: { attestations.root-password-rotated: high }',
    '',
  ].join('\n')}`;
}

/** The comment that stands where `init --adopt` would put waivers. */
export const EXCEPTIONS_EXAMPLE = [
  '# Waivers: a reason and an expiry each; a waived finding stays in every report, and an expired waiver stops',
  '# waiving. (`init --adopt` writes one per current deviation.)',
  '# exceptions:',
  '#   - { control: contacts.operations, reason: "sandbox account: no operations team", expires: 2027-03-31 }',
  '',
].join('\n');

export function workflowText(accountId: string | undefined): string {
  const role = `arn:aws:iam::${accountId ?? 'ACCOUNT_ID'}:role/${ROLE_NAME}`;
  return `# Checks the AWS account against ${POLICY_PATH}:
# - on pull requests that change the policy: the report in the job summary, as annotations and as a PR comment;
# - every night: drift goes to code scanning (SARIF) and to one drift issue, which closes itself when fixed.
# Before the first run: create the read-only OIDC role (deploy/oidc-role.yaml or deploy/terraform of
# aws-account-baseline) and put its ARN in role-to-assume below.
name: AWS account baseline

on:
  pull_request:
    paths:
      - ${POLICY_PATH}
      - ${WORKFLOW_PATH}
  schedule:
    - cron: '17 4 * * *'   # 04:17 UTC; an odd minute avoids the top-of-the-hour queue
  workflow_dispatch:

permissions:
  contents: read
  id-token: write          # OIDC: the job's token is exchanged for the read-only role
  issues: write            # the drift issue (nightly)
  pull-requests: write     # the PR comment
  security-events: write   # SARIF upload to code scanning (nightly)

jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v6
      - id: baseline
        uses: OWNER/aws-account-baseline@v1
        with:
          policy: ${POLICY_PATH}
          role-to-assume: ${role}   # the read-only role's ARN
          fail-on: high
          sarif-file: aws-account-baseline.sarif
          pr-comment: \${{ github.event_name == 'pull_request' }}
          drift-issue: \${{ github.event_name != 'pull_request' }}
      # Nightly and manual runs only; upload even when the check failed: that is when the alerts matter.
      - if: \${{ always() && github.event_name != 'pull_request' && steps.baseline.outputs.sarif != '' }}
        uses: github/codeql-action/upload-sarif@v4
        with:
          sarif_file: \${{ steps.baseline.outputs.sarif }}
          category: aws-account-baseline
`;
}
