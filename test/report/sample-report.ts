/** Hand-built reports for the reporter tests: one of every status, an extends location, hostile values. */
import { cis, securityHub } from '../../src/controls/references.js';
import { countStatuses, type Finding, type Report } from '../../src/findings.js';

const POLICY = '.github/aws-account-baseline.yml';

function finding(fields: Partial<Finding> & Pick<Finding, 'control' | 'status' | 'severity'>): Finding {
  return {
    resource: 'account',
    expected: '',
    actual: '',
    message: '',
    remediation: '',
    location: { file: POLICY, line: 1, column: 1 },
    references: [],
    ...fields,
  };
}

export function makeReport(findings: Finding[], overrides: Partial<Report> = {}): Report {
  return {
    version: 1,
    account: { id: '111122223333' },
    policy: POLICY,
    generatedAt: '2026-11-26T08:00:00.000Z',
    summary: countStatuses(findings),
    findings,
    warnings: [],
    ...overrides,
  };
}

export const sampleFindings: Finding[] = [
  finding({
    control: 'passwordPolicy.minimumLength',
    status: 'fail',
    severity: 'medium',
    expected: '>= 14',
    actual: '8',
    message: 'The minimum password length is 8.',
    remediation:
      'IAM console > Account settings > Password policy > Edit. CLI: aws iam update-account-password-policy --minimum-password-length 14',
    location: { file: POLICY, line: 5, column: 18 },
    references: [
      ...cis({ '3.0.0': '1.8', '5.0.0': '1.7' }),
      ...securityHub('IAM.15'),
      { standard: 'well-architected-lab', id: 'IAM password policy' },
    ],
  }),
  finding({
    control: 'passwordPolicy.requireSymbols',
    status: 'pass',
    severity: 'medium',
    expected: 'true',
    actual: 'true',
    message: 'Passwords require a symbol.',
    remediation: 'IAM console > Account settings > Password policy > Edit.',
    location: { file: POLICY, line: 6, column: 19 },
  }),
  finding({
    control: 'passwordPolicy.hardExpiry',
    status: 'fail',
    severity: 'low',
    expected: 'false',
    actual: 'true',
    message: 'Expired passwords need an administrator reset.',
    remediation: 'CLI: aws iam update-account-password-policy --no-hard-expiry',
    location: { file: 'builtin:well-architected-root', line: 12, column: 15 },
  }),
  finding({
    control: 'root.mfa',
    status: 'error',
    severity: 'critical',
    resource: 'root',
    expected: 'MFA on',
    actual: 'unknown',
    message: 'Could not read the account summary: AccessDenied: not authorized (the role needs iam:GetAccountSummary).',
    remediation: 'Sign in as root > Security credentials > Assign MFA device.',
    location: { file: POLICY, line: 14, column: 8 },
    // As for `mfa: hardware`: the MFA and the hardware MFA recommendations.
    references: [
      ...cis({ '5.0.0': '1.4' }),
      ...securityHub('IAM.9'),
      ...cis({ '5.0.0': '1.5' }),
      ...securityHub('IAM.6'),
    ],
  }),
  finding({
    control: 'root.accessKeys',
    status: 'skipped',
    severity: 'critical',
    resource: 'root',
    expected: 'no root access key',
    actual: 'not applicable',
    message: 'Root has no password and no active key (centralized root access).',
    remediation: 'Delete the root access keys.',
    location: { file: POLICY, line: 15, column: 15 },
  }),
  finding({
    control: 'contacts.security',
    status: 'fail',
    severity: 'high',
    resource: 'contact:SECURITY',
    expected: 'email *@example.com',
    actual: 'email ops@other.test',
    message: 'The security contact e-mail ops@other.test does not match *@example.com.',
    remediation: 'AWS console > Account > Alternate contacts > Edit.',
    location: { file: POLICY, line: 20, column: 30 },
  }),
  finding({
    control: 'iamUsers.consoleMfa',
    status: 'waived',
    severity: 'high',
    resource: 'break-glass',
    expected: 'MFA on',
    actual: 'no MFA',
    message: 'break-glass has a console password and no MFA.',
    remediation: 'IAM console > Users > break-glass > Security credentials > Assign MFA device.',
    location: { file: POLICY, line: 23, column: 15 },
    waiver: { reason: 'token in the safe', expires: '2027-03-31', location: { file: POLICY, line: 30, column: 5 } },
  }),
  finding({
    control: 'attestations.root-password-rotated',
    status: 'manual',
    severity: 'medium',
    resource: 'attestation:root-password-rotated',
    expected: 'verified within 365 days',
    actual: 'verified 2026-10-01 by security@example.com',
    message: 'Attested 56 days ago.',
    remediation: 'Rotate the root password and update lastVerified.',
    location: { file: POLICY, line: 28, column: 3 },
  }),
];

export const sampleReport: Report = makeReport(sampleFindings, {
  credentialReportGeneratedAt: '2026-11-26T07:58:12.000Z',
  warnings: ['Waiver for iamUsers.maxActiveAccessKeys (resource old-bot) matched nothing.'],
});

export const compliantReport: Report = makeReport(sampleFindings.filter((f) => f.status === 'pass'));

/** A value that tries every trick: table break, code span, HTML, a workflow command, a newline and a mention. */
export const HOSTILE = 'x|y `z` <img src=x onerror=alert(1)> **b** [l](http://e.test)\n::error::owned @octocat #1';

export { POLICY as SAMPLE_POLICY, finding as makeFinding };
