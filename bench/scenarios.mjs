// Fixtures for the bench: one compliant account the local AWS server serves, and a policy that reads every
// source (so the critical path covers every call a check can make).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { iamUserRow, rootAccountRow } from '../test/support/credential-report-csv.mjs';
import { STRONG_PASSWORD_POLICY } from '../test/support/password-policy.mjs';

export const ACCOUNT_ID = '111122223333';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/aws-account-baseline`;
export const OIDC_REQUEST_TOKEN = 'bench-request-token';

// Written out rather than `extends: [builtin:...]`, so the figures do not move when a bundled baseline changes.
export const POLICY_YAML = `version: 1
account:
  id: "${ACCOUNT_ID}"
passwordPolicy:
  minimumLength: 14
  requireSymbols: true
  requireNumbers: true
  requireUppercase: true
  requireLowercase: true
  allowUsersToChangePassword: true
  maxAgeDays: 90
  reusePrevention: 24
root:
  mfa: hardware
  accessKeys: forbidden
  signingCertificates: forbidden
  maxDaysSinceLastUse: 90
contacts:
  billing: { required: true }
  operations: { required: true }
  security: { required: true }
  primary: { required: true }
iamUsers:
  consoleMfa: required
  maxActiveAccessKeys: 1
  maxAccessKeyAgeDays: 90
  maxUnusedCredentialDays: 45
`;

/** Every control the registry has (the first build's plus the later ones), for the "every control" figure. */
export const ALL_CONTROLS_YAML = POLICY_YAML.replace(
  '  maxDaysSinceLastUse: 90\n',
  '  maxDaysSinceLastUse: 90\n  centralizedAccess: required\n',
)
  .replace('  primary: { required: true }\n', '  primary: { required: true }\n  distinct: true\n')
  .replace('  consoleMfa: required\n', '  consoleMfa: required\n  initialSetupAccessKeys: forbidden\n')
  .concat('accessAnalyzer:\n  required: true\n')
  .concat(
    'iamPolicies:\n  userPolicies: forbidden\n  fullAdminPolicies: forbidden\n  supportRole: required\n' +
      '  cloudShellFullAccess: forbidden\n',
  )
  .concat('serverCertificates:\n  expired: forbidden\n  expiryWarningDays: 30\n');

/** Users, groups and roles that satisfy every iamPolicies control: permissions through groups, a support role. */
const AUTHORIZATION = {
  users: [{ name: 'user-0', groups: ['readers'] }],
  groups: [{ name: 'readers', attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }],
  roles: [{ name: 'support', attachedPolicies: ['arn:aws:iam::aws:policy/AWSSupportAccess'] }],
  policies: [
    {
      name: 'read-logs',
      attachmentCount: 1,
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:Get*', Resource: '*' }] },
    },
  ],
};

/** A password policy as IAM returns it, meeting POLICY_YAML (the organization bench's members use it too). */
export { STRONG_PASSWORD_POLICY };

const CONTACT = { name: 'Ops Team', title: 'Lead', email: 'ops@example.com', phone: '+1 555 0100' };

function isoDaysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/**
 * The account, compliant with POLICY_YAML. `freshReport`: a credential report generated a minute ago
 * (reused); otherwise none exists and the check must generate one.
 */
export function account({ freshReport, users = 3, allControls = false }) {
  const rows = [rootAccountRow(ACCOUNT_ID, { password_last_used: isoDaysAgo(200) })];
  for (let index = 0; index < users; index++) {
    rows.push(iamUserRow(ACCOUNT_ID, `user-${index}`, { password_last_used: isoDaysAgo(3) }));
  }
  return {
    accountId: ACCOUNT_ID,
    passwordPolicy: STRONG_PASSWORD_POLICY,
    accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: users },
    virtualMfaDevices: [],
    credentialReport: freshReport ? { rows, generatedAt: new Date(Date.now() - 60_000).toISOString() } : { rows },
    alternateContacts: allControls
      ? {
          BILLING: { ...CONTACT, email: 'billing@example.com', phone: '+1 555 0101' },
          OPERATIONS: CONTACT,
          SECURITY: { ...CONTACT, email: 'security@example.com', phone: '+1 555 0102' },
        }
      : { BILLING: CONTACT, OPERATIONS: CONTACT, SECURITY: CONTACT },
    ...(allControls && {
      authorization: AUTHORIZATION,
      serverCertificates: [{ name: 'www', expiration: new Date(Date.now() + 200 * 86_400_000).toISOString() }],
      analyzers: Object.fromEntries(
        ['us-east-1', 'eu-west-1'].map((region) => [region, [{ name: 'account-analyzer', type: 'ACCOUNT' }]]),
      ),
    }),
    contactInformation: {
      fullName: 'Example Corp',
      phoneNumber: '+1 555 0100',
      addressLine1: '1 Main St',
      city: 'Springfield',
      countryCode: 'US',
      postalCode: '12345',
    },
  };
}

/** A temporary folder holding the policy file; returns its path. */
export function writePolicy(yaml = POLICY_YAML) {
  const dir = mkdtempSync(join(tmpdir(), 'aab-bench-'));
  const file = join(dir, 'policy.yml');
  writeFileSync(file, yaml);
  return { dir, file };
}
