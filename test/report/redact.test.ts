import { maskEmail, maskPhone, maskUserName, redactReport } from '../../src/report/redact.js';
import type { AccountState, CredentialReportRow } from '../../src/state/types.js';
import { makeFinding, makeReport } from './sample-report.js';
import { userRow } from '../support/builders.js';
import { registerSecrets } from '../../src/github/publish.js';
import { redactChanges } from '../../src/remediate/render-plan.js';

function row(user: string): CredentialReportRow {
  return userRow(user, {
    userCreationTime: '2024-01-01T00:00:00Z',
    passwordEnabled: true,
    passwordLastUsed: 'no_information',
  });
}

const state: AccountState = {
  version: 1,
  collectedAt: '2026-11-26T08:00:00Z',
  identity: { ok: true, value: { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/r/s' } },
  alternateContacts: {
    SECURITY: {
      ok: true,
      value: { name: 'Sec Team', title: 'CISO', email: 'jane.doe@example.com', phone: '+1 206 555 0134' },
    },
    BILLING: { ok: true, value: null },
    OPERATIONS: { ok: false, error: { code: 'AccessDenied', message: 'no', action: 'account:GetAlternateContact' } },
  },
  contactInformation: {
    ok: true,
    value: {
      fullName: 'Jane Doe',
      phoneNumber: '+44 20 7946 0958',
      addressLine1: 'x',
      city: 'y',
      countryCode: 'GB',
      postalCode: 'z',
    },
  },
  credentialReport: {
    ok: true,
    value: { generatedAt: '2026-11-26T07:00:00Z', rows: [row('<root_account>'), row('alice'), row('bob.smith@corp')] },
  },
};

const contactFinding = makeFinding({
  control: 'contacts.security',
  status: 'fail',
  severity: 'high',
  resource: 'contact:SECURITY',
  expected: 'email *@example.com',
  actual: 'email jane.doe@example.com, phone +1 206 555 0134',
  message:
    'Contact jane.doe@example.com (+1 206 555 0134); also listed: other@elsewhere.test, 0049 (30) 1234-5678, checked 2026-11-26.',
});
const userFinding = makeFinding({
  control: 'iamUsers.consoleMfa',
  status: 'fail',
  severity: 'high',
  resource: 'alice',
  message: 'alice has no MFA; malice and alice2 are other users; bob.smith@corp too.',
  expected: 'MFA on',
  actual: 'no MFA',
});
const primaryFinding = makeFinding({
  control: 'contacts.primary',
  status: 'pass',
  severity: 'low',
  actual: 'phone +44 20 7946 0958',
});

describe('masks', () => {
  it.each([
    ['jane.doe@example.com', 'j***@e***.com'],
    ['j@sub.example.co.uk', 'j***@s***.uk'],
  ])('e-mail %s -> %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it.each([
    ['+1 206 555 0134', '+1 *** *** **34'],
    ['+44 20 7946 0958', '+44 ** **** **58'],
    ['+12065550134', '+*********34'],
    ['(206) 555-0134', '(***) ***-**34'],
  ])('phone %s -> %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('user names keep their first character', () => expect(maskUserName('alice')).toBe('a***'));
});

describe('redactReport', () => {
  const report = makeReport([contactFinding, userFinding, primaryFinding], {
    warnings: ['Security contact jane.doe@example.com is shared.'],
  });

  it('off changes nothing and registers nothing', () => {
    expect(redactReport(report, state, 'off')).toEqual({ report, secrets: [] });
  });

  it('contacts masks known and found e-mails and phones in every field, and nothing else', () => {
    const { report: redacted, secrets } = redactReport(report, state, 'contacts');
    const [contact, user, primary] = redacted.findings;
    expect(contact?.actual).toBe('email j***@e***.com, phone +1 *** *** **34');
    expect(contact?.message).toBe(
      'Contact j***@e***.com (+1 *** *** **34); also listed: o***@e***.test, **** (**) ****-**78, checked 2026-11-26.',
    );
    expect(contact?.expected).toBe('email *@example.com');
    expect(primary?.actual).toBe('phone +44 ** **** **58');
    expect(redacted.warnings).toEqual(['Security contact j***@e***.com is shared.']);
    expect(user).toEqual(userFinding);
    expect(secrets).toEqual([
      '+1 206 555 0134',
      '+44 20 7946 0958',
      '0049 (30) 1234-5678',
      'jane.doe@example.com',
      'other@elsewhere.test',
    ]);
  });

  it('users also masks whole IAM user names in resource and message', () => {
    const { report: redacted, secrets } = redactReport(report, state, 'users');
    const user = redacted.findings[1];
    expect(user?.resource).toBe('a***');
    expect(user?.message).toBe('a*** has no MFA; malice and alice2 are other users; b*** too.');
    expect(secrets).toEqual(expect.arrayContaining(['alice', 'bob.smith@corp']));
    expect(secrets).not.toContain('<root_account>');
  });

  it('users masks the names of the authorization details when no credential report was read', () => {
    const policyFinding = makeFinding({
      control: 'iamPolicies.userPolicies',
      status: 'fail',
      severity: 'low',
      resource: 'arn:aws:iam::111122223333:user/carol',
      message: 'IAM user carol has policies of its own (inline admin); grant permissions through groups.',
    });
    const onlyDetails: AccountState = {
      version: 1,
      collectedAt: state.collectedAt,
      identity: state.identity,
      authorizationDetails: {
        ok: true,
        value: {
          users: [
            { name: 'carol', arn: 'arn:aws:iam::111122223333:user/carol', attachedPolicies: [], inlinePolicies: [] },
          ],
          groups: [],
          roles: [],
          policies: [],
        },
      },
    };
    const { report: redacted, secrets } = redactReport(makeReport([policyFinding]), onlyDetails, 'users');
    expect(redacted.findings[0]?.resource).toBe('arn:aws:iam::111122223333:user/c***');
    expect(redacted.findings[0]?.message).toBe(
      'IAM user c*** has policies of its own (inline admin); grant permissions through groups.',
    );
    expect(secrets).toContain('carol');
  });

  it('does not touch the input report', () => {
    const copy = structuredClone(report);
    redactReport(report, state, 'users');
    expect(report).toEqual(copy);
  });
});

describe('redactReport on unreadable contacts', () => {
  it('leaves AWS error text alone: the account ID in an ARN is not taken for a phone number', () => {
    const denied = makeFinding({
      control: 'contacts.operations',
      status: 'error',
      severity: 'medium',
      resource: 'contact:OPERATIONS',
      actual: 'unknown',
      message:
        'Could not read the OPERATIONS alternate contact: AccessDenied: User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: account:GetAlternateContact (the role needs account:GetAlternateContact).',
    });
    const { report } = redactReport(makeReport([denied]), state, 'contacts');
    expect(report.findings[0]?.message).toBe(denied.message);
    expect(report.findings[0]?.message).toContain('111122223333');
  });
});

describe('short contact values (a member-account admin must not be able to blank the job log)', () => {
  const shortState: AccountState = {
    ...state,
    alternateContacts: {
      SECURITY: { ok: true, value: { name: 'Sec', title: 'CISO', email: 'jane.doe@example.com', phone: '1' } },
      BILLING: { ok: true, value: { name: 'B', title: 'T', email: 'a@b', phone: ' ' } },
    },
    contactInformation: {
      ok: true,
      value: {
        fullName: 'Jane Doe',
        phoneNumber: '12',
        addressLine1: 'x',
        city: 'y',
        countryCode: 'GB',
        postalCode: 'z',
      },
    },
  };
  const shortFinding = makeFinding({
    control: 'contacts.security',
    status: 'fail',
    severity: 'high',
    resource: 'contact:SECURITY',
    actual: 'phone: 1, email: a@b',
    message: 'The security contact has phone 1 (1 finding).',
  });
  const other = makeFinding({
    control: 'root.mfa',
    status: 'fail',
    severity: 'critical',
    resource: 'root',
    message: 'Root of 111122223333 has 1 key.',
  });

  it('never registers values shorter than 4 characters or blank as log masks', () => {
    const { secrets } = redactReport(makeReport([shortFinding, other]), shortState, 'contacts');
    expect(secrets).toEqual(['jane.doe@example.com']);
    const registered: string[] = [];
    registerSecrets(['1', ' ', '12', '', 'a@b', 'abcd', '+1 206 555 0134'], (secret) => registered.push(secret));
    expect(registered).toEqual(['abcd', '+1 206 555 0134']);
  });

  it('masks them in our own output instead, as whole words of contact findings only', () => {
    const { report: redacted } = redactReport(makeReport([shortFinding, other]), shortState, 'contacts');
    expect(redacted.findings[0]?.actual).toBe('phone: ***, email: ***');
    expect(redacted.findings[0]?.message).toBe('The security contact has phone *** (*** finding).');
    expect(redacted.findings[1]).toEqual(other);
    expect(maskPhone('1')).toBe('***');
    expect(maskPhone(' ')).toBe('***');
    expect(maskEmail('a@b')).toBe('***');
  });

  it('the plan masks them too, and does not register them', () => {
    const { changes, secrets } = redactChanges(
      [{ target: 'contact:SECURITY', setting: 'phone', from: '1', to: '+1 206 555 0100' }],
      'contacts',
    );
    expect(changes[0]).toMatchObject({ from: '***', to: '+1 *** *** **00' });
    expect(secrets).toEqual(['+1 206 555 0100']);
  });
});
