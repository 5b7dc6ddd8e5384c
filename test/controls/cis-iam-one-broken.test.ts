/**
 * Every new IAM recommendation at once, through evaluate(): an account that meets them all passes, and breaking
 * exactly one fails exactly that control.
 */
import { describe, expect, it } from '@jest/globals';
import { evaluate } from '../../src/evaluate.js';
import type {
  AccountState,
  AuthorizationDetails,
  CredentialReportRow,
  ServerCertificate,
  VirtualMfaDevice,
} from '../../src/state/types.js';
import { ACCOUNT_ID, NOW, daysAgo, ok, policyWith as policy, rootRow, state, userRow } from '../support/builders.js';

const POLICY = policy({
  iamUsers: { consoleMfa: 'hardware', initialSetupAccessKeys: 'forbidden' },
  iamPolicies: {
    userPolicies: 'forbidden',
    fullAdminPolicies: 'forbidden',
    supportRole: 'required',
    cloudShellFullAccess: 'forbidden',
  },
  serverCertificates: { expired: 'forbidden', expiryWarningDays: 30 },
});

interface Account {
  rows: CredentialReportRow[];
  devices: VirtualMfaDevice[];
  details: AuthorizationDetails;
  certificates: ServerCertificate[];
}

function compliantAccount(): Account {
  const principal = (kind: string, name: string, attachedPolicies: string[] = []) => ({
    name,
    arn: `arn:aws:iam::${ACCOUNT_ID}:${kind}/${name}`,
    attachedPolicies,
    inlinePolicies: [],
  });
  return {
    rows: [
      rootRow(),
      userRow('alice', {
        passwordEnabled: true,
        passwordLastUsed: daysAgo(1),
        mfaActive: true,
        accessKey1Active: true,
        accessKey1LastRotated: daysAgo(20),
        accessKey1LastUsedDate: daysAgo(2),
      }),
    ],
    devices: [{ serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/root`, userArn: `arn:aws:iam::${ACCOUNT_ID}:root` }],
    details: {
      users: [principal('user', 'alice')],
      groups: [principal('group', 'admins', ['arn:aws:iam::aws:policy/AdministratorAccess'])],
      roles: [principal('role', 'support', ['arn:aws:iam::aws:policy/AWSSupportAccess'])],
      policies: [],
    },
    certificates: [
      {
        name: 'site',
        arn: `arn:aws:iam::${ACCOUNT_ID}:server-certificate/site`,
        expiration: new Date(NOW.getTime() + 90 * 86_400_000).toISOString(),
      },
    ],
  };
}

function failing(account: Account): string[] {
  const extra: Partial<AccountState> = {
    authorizationDetails: ok(account.details),
    serverCertificates: ok(account.certificates),
  };
  const result = evaluate(POLICY, state({ rows: account.rows, virtualMfaDevices: ok(account.devices) }, extra), NOW);
  return result.findings.filter((finding) => finding.status !== 'pass').map((finding) => finding.control);
}

describe('one broken recommendation, one failing control', () => {
  it('passes the compliant account', () => {
    expect(failing(compliantAccount())).toEqual([]);
  });

  const breakers: Array<[string, (account: Account) => void]> = [
    [
      'iamUsers.consoleMfa',
      (account) => account.devices.push({ serialNumber: 'v', userArn: `arn:aws:iam::${ACCOUNT_ID}:user/alice` }),
    ],
    [
      'iamUsers.initialSetupAccessKeys',
      (account) =>
        Object.assign(account.rows[1]!, {
          accessKey2Active: true,
          accessKey2LastRotated: daysAgo(20),
          accessKey2LastUsedDate: 'N/A',
        }),
    ],
    [
      'iamPolicies.userPolicies',
      (account) => account.details.users[0]!.inlinePolicies.push({ name: 'p', document: { Statement: [] } }),
    ],
    [
      'iamPolicies.fullAdminPolicies',
      (account) =>
        account.details.policies.push({
          name: 'god',
          arn: `arn:aws:iam::${ACCOUNT_ID}:policy/god`,
          attachmentCount: 1,
          document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
        }),
    ],
    ['iamPolicies.supportRole', (account) => account.details.roles.splice(0)],
    [
      'iamPolicies.cloudShellFullAccess',
      (account) => account.details.groups[0]!.attachedPolicies.push('arn:aws:iam::aws:policy/AWSCloudShellFullAccess'),
    ],
    ['serverCertificates.expired', (account) => (account.certificates[0]!.expiration = daysAgo(1))],
    [
      'serverCertificates.expiryWarningDays',
      (account) => (account.certificates[0]!.expiration = new Date(NOW.getTime() + 10 * 86_400_000).toISOString()),
    ],
  ];

  it.each(breakers)('%s', (control, breakIt) => {
    const account = compliantAccount();
    breakIt(account);
    expect(failing(account)).toEqual([control]);
  });
});
