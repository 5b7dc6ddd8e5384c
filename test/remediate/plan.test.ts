import { computePlan } from '../../src/remediate/plan.js';
import type { Finding } from '../../src/findings.js';
import type { AlternateContact } from '../../src/state/types.js';
import { policyWith, stateWith, strongPasswordPolicy } from '../support/builders.js';

const SECURITY: AlternateContact = {
  name: 'Sec Team',
  title: 'CISO',
  email: 'security@example.com',
  phone: '+1 206 555 0100',
};
const SECURITY_ENV = {
  AAB_CONTACT_SECURITY_NAME: SECURITY.name,
  AAB_CONTACT_SECURITY_TITLE: SECURITY.title,
  AAB_CONTACT_SECURITY_EMAIL: SECURITY.email,
  AAB_CONTACT_SECURITY_PHONE: SECURITY.phone,
};

function finding(control: string, status: Finding['status'], resource = 'account'): Finding {
  return {
    control,
    status,
    severity: 'high',
    resource,
    expected: '',
    actual: '',
    message: `${control} is not as declared.`,
    remediation: 'from the finding',
    location: { file: 'policy.yml', line: 1, column: 1 },
    references: [],
  };
}

describe('computePlan: password policy', () => {
  const policy = policyWith({ passwordPolicy: { minimumLength: 14, requireSymbols: true, maxAgeDays: 90 } });

  test('a looser live policy gets the whole merged policy, and the diff lists only what changes', () => {
    const state = stateWith({
      passwordPolicy: {
        ok: true,
        value: strongPasswordPolicy({ minimumPasswordLength: 8, requireSymbols: false, maxPasswordAge: 180 }),
      },
    });
    const plan = computePlan(policy, state);
    expect(plan.changes).toEqual([
      { target: 'passwordPolicy', setting: 'minimumLength', from: 8, to: 14 },
      { target: 'passwordPolicy', setting: 'requireSymbols', from: false, to: true },
      { target: 'passwordPolicy', setting: 'maxAgeDays', from: 180, to: 90 },
    ]);
    expect(plan.requests.passwordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    });
  });

  test('a stricter live policy is not weakened: no change, no request', () => {
    const state = stateWith({
      passwordPolicy: {
        ok: true,
        value: strongPasswordPolicy({ minimumPasswordLength: 20, maxPasswordAge: 30, hardExpiry: true }),
      },
    });
    const plan = computePlan(policy, state);
    expect(plan.changes).toEqual([]);
    expect(plan.requests).toEqual({ contacts: [] });
  });

  test('no live policy: the desired settings, and for undeclared ones the defaults (length at least 8)', () => {
    const desired = { requireNumbers: true, requireUppercase: true, requireLowercase: true };
    const plan = computePlan(
      policyWith({ passwordPolicy: desired }),
      stateWith({ passwordPolicy: { ok: true, value: null } }),
    );
    expect(plan.requests.passwordPolicy).toEqual({
      MinimumPasswordLength: 8,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: false,
      HardExpiry: false,
    });
    expect(plan.changes).toHaveLength(9);
    expect(plan.changes[0]).toEqual({ target: 'passwordPolicy', setting: 'minimumLength', from: null, to: 8 });
    expect(plan.blocked).toEqual([]);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      'no character type at all',
      { maxAgeDays: 90 },
      'would require no character type, which is weaker: in the policy file, set at least 3 more of requireUppercase, requireLowercase, requireNumbers, requireSymbols to true',
    ],
    [
      'two character types',
      { minimumLength: 14, requireSymbols: true, requireNumbers: true },
      'would require only 2 character type(s) (requireNumbers, requireSymbols), which is weaker: in the policy file, set at least 1 more of requireUppercase, requireLowercase to true',
    ],
  ])(
    'no live policy and %s: blocked, since it would replace AWS default (8 characters, 3 of 4 types) with a weaker one',
    (_name, desired, reason) => {
      const plan = computePlan(
        policyWith({ passwordPolicy: desired }),
        stateWith({ passwordPolicy: { ok: true, value: null } }),
      );
      expect(plan.requests.passwordPolicy).toBeUndefined();
      expect(plan.changes).toEqual([]);
      expect(plan.blocked).toEqual([
        {
          target: 'passwordPolicy',
          reason: `the account has no password policy, so AWS enforces its default (at least 8 characters from 3 of the 4 character types); the policy to create ${reason}`,
        },
      ]);
    },
  );

  test('a live policy with fewer than three character types is still tightened (nothing is loosened there)', () => {
    const live = strongPasswordPolicy({
      requireSymbols: false,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      minimumPasswordLength: 8,
    });
    const plan = computePlan(
      policyWith({ passwordPolicy: { minimumLength: 12 } }),
      stateWith({ passwordPolicy: { ok: true, value: live } }),
    );
    expect(plan.blocked).toEqual([]);
    expect(plan.changes).toEqual([{ target: 'passwordPolicy', setting: 'minimumLength', from: 8, to: 12 }]);
  });

  test('no live policy and no declared setting: nothing is invented', () => {
    const plan = computePlan(
      policyWith({ passwordPolicy: {} }),
      stateWith({ passwordPolicy: { ok: true, value: null } }),
    );
    expect(plan.requests.passwordPolicy).toBeUndefined();
    expect(plan.blocked).toEqual([
      { target: 'passwordPolicy', reason: expect.stringContaining('declares no setting') },
    ]);
  });

  test('an unreadable live policy blocks the write (it could loosen what it cannot see)', () => {
    const state = stateWith({
      passwordPolicy: {
        ok: false,
        error: { code: 'AccessDenied', message: 'no', action: 'iam:GetAccountPasswordPolicy' },
      },
    });
    const plan = computePlan(policy, state);
    expect(plan.requests.passwordPolicy).toBeUndefined();
    expect(plan.blocked[0]?.reason).toContain('AccessDenied');
  });

  test('a source not collected blocks the write too', () => {
    expect(computePlan(policy, stateWith()).blocked).toEqual([
      { target: 'passwordPolicy', reason: expect.stringContaining('not collected') },
    ]);
  });

  test('a waived setting keeps its live value', () => {
    const state = stateWith({
      passwordPolicy: { ok: true, value: strongPasswordPolicy({ minimumPasswordLength: 8, requireSymbols: false }) },
    });
    const plan = computePlan(policy, state, { findings: [finding('passwordPolicy.minimumLength', 'waived')] });
    expect(plan.changes.map((change) => change.setting)).toEqual(['requireSymbols']);
    expect(plan.requests.passwordPolicy?.MinimumPasswordLength).toBe(8);
  });

  test('a policy section that is absent plans nothing', () => {
    const plan = computePlan(policyWith({}), stateWith({ passwordPolicy: { ok: true, value: null } }));
    expect(plan).toEqual({ changes: [], requests: { contacts: [] }, blocked: [], manual: [] });
  });
});

describe('computePlan: contacts', () => {
  const unset = stateWith({ alternateContacts: { SECURITY: { ok: true, value: null } } });

  test('written when all four values are known (environment), with the exact request', () => {
    const plan = computePlan(policyWith({ contacts: { security: { required: true } } }), unset, { env: SECURITY_ENV });
    expect(plan.requests.contacts).toEqual([
      {
        AlternateContactType: 'SECURITY',
        Name: 'Sec Team',
        Title: 'CISO',
        EmailAddress: 'security@example.com',
        PhoneNumber: '+1 206 555 0100',
      },
    ]);
    expect(plan.changes).toEqual([
      { target: 'contact:SECURITY', setting: 'name', from: null, to: 'Sec Team' },
      { target: 'contact:SECURITY', setting: 'title', from: null, to: 'CISO' },
      { target: 'contact:SECURITY', setting: 'email', from: null, to: 'security@example.com' },
      { target: 'contact:SECURITY', setting: 'phone', from: null, to: '+1 206 555 0100' },
    ]);
  });

  test('policy literals win over the environment; glob matchers are not values', () => {
    const policy = policyWith({ contacts: { security: { name: 'Policy Name', email: '*@example.com' } } });
    const plan = computePlan(policy, unset, { env: { ...SECURITY_ENV, AAB_CONTACT_SECURITY_NAME: 'Env Name' } });
    expect(plan.requests.contacts[0]).toMatchObject({ Name: 'Policy Name', EmailAddress: 'security@example.com' });
  });

  test('a missing field blocks the contact and names the variable to set', () => {
    const { AAB_CONTACT_SECURITY_PHONE: _phone, ...env } = SECURITY_ENV;
    const plan = computePlan(policyWith({ contacts: { security: { required: true } } }), unset, { env });
    expect(plan.requests.contacts).toEqual([]);
    expect(plan.blocked).toEqual([
      { target: 'contact:SECURITY', reason: expect.stringContaining('AAB_CONTACT_SECURITY_PHONE') },
    ]);
  });

  test('an environment value the policy pattern refuses is not written', () => {
    const policy = policyWith({ contacts: { security: { email: '*@corp.example' } } });
    const plan = computePlan(policy, unset, { env: SECURITY_ENV });
    expect(plan.requests.contacts).toEqual([]);
    expect(plan.blocked[0]?.reason).toContain('AAB_CONTACT_SECURITY_EMAIL does not match');
  });

  test('no change when live already has the values (e-mail case and phone punctuation as the controls compare)', () => {
    const live = { ...SECURITY, email: 'Security@Example.com', phone: '+12065550100' };
    const state = stateWith({ alternateContacts: { SECURITY: { ok: true, value: live } } });
    const plan = computePlan(policyWith({ contacts: { security: {} } }), state, { env: SECURITY_ENV });
    expect(plan.changes).toEqual([]);
    expect(plan.requests.contacts).toEqual([]);
  });

  test('a mismatching field: the diff shows it alone, the request carries all four', () => {
    const state = stateWith({ alternateContacts: { SECURITY: { ok: true, value: { ...SECURITY, title: 'Intern' } } } });
    const plan = computePlan(policyWith({ contacts: { security: {} } }), state, { env: SECURITY_ENV });
    expect(plan.changes).toEqual([{ target: 'contact:SECURITY', setting: 'title', from: 'Intern', to: 'CISO' }]);
    expect(plan.requests.contacts[0]).toMatchObject({ Name: 'Sec Team', Title: 'CISO' });
  });

  test('incomplete values but a live contact that passes: nothing to do, nothing blocked', () => {
    const state = stateWith({ alternateContacts: { SECURITY: { ok: true, value: SECURITY } } });
    const plan = computePlan(policyWith({ contacts: { security: { email: '*@example.com' } } }), state);
    expect(plan).toEqual({ changes: [], requests: { contacts: [] }, blocked: [], manual: [] });
  });

  test('an optional contact left unset is not blocked', () => {
    const plan = computePlan(policyWith({ contacts: { security: { required: false } } }), unset);
    expect(plan.blocked).toEqual([]);
  });

  test('an unreadable contact is never written', () => {
    const state = stateWith({
      alternateContacts: {
        SECURITY: { ok: false, error: { code: 'AccessDenied', message: 'no', action: 'account:GetAlternateContact' } },
      },
    });
    const plan = computePlan(policyWith({ contacts: { security: {} } }), state, { env: SECURITY_ENV });
    expect(plan.requests.contacts).toEqual([]);
    expect(plan.blocked[0]).toMatchObject({ target: 'contact:SECURITY' });
  });
});

describe('computePlan: manual steps and the account guard', () => {
  test('failures no API can fix become manual steps; errors, passes and API-settable failures do not', () => {
    const state = stateWith({
      passwordPolicy: { ok: true, value: strongPasswordPolicy({ minimumPasswordLength: 8 }) },
    });
    const findings = [
      finding('root.mfa', 'fail', 'root'),
      finding('attestations.root-password-rotated', 'fail'),
      finding('iamUsers.consoleMfa', 'error', 'alice'),
      finding('root.accessKeys', 'pass', 'root'),
      finding('passwordPolicy.minimumLength', 'fail'),
    ];
    const plan = computePlan(policyWith({ passwordPolicy: { minimumLength: 14 } }), state, { findings });
    expect(plan.manual.map((step) => step.control)).toEqual(['root.mfa', 'attestations.root-password-rotated']);
    expect(plan.manual[0]?.instructions.length).toBeGreaterThan(0);
  });

  test('a stricter live setting the policy wants looser (hardExpiry) is a manual step, never a write', () => {
    const state = stateWith({ passwordPolicy: { ok: true, value: strongPasswordPolicy({ hardExpiry: true }) } });
    const plan = computePlan(policyWith({ passwordPolicy: { hardExpiry: false } }), state, {
      findings: [finding('passwordPolicy.hardExpiry', 'fail')],
    });
    expect(plan.requests.passwordPolicy).toBeUndefined();
    expect(plan.manual).toEqual([
      expect.objectContaining({
        control: 'passwordPolicy.hardExpiry',
        message: expect.stringContaining('never loosens'),
      }),
    ]);
  });

  test('another account than the policy names: nothing is planned', () => {
    const state = stateWith({
      identity: { ok: true, value: { accountId: '999988887777', arn: 'arn' } },
      passwordPolicy: { ok: true, value: null },
    });
    const plan = computePlan(
      policyWith({ account: { id: '111122223333' }, passwordPolicy: { minimumLength: 14 } }),
      state,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.requests).toEqual({ contacts: [] });
    expect(plan.blocked).toEqual([{ target: 'account', reason: expect.stringContaining('999988887777') }]);
  });
});
