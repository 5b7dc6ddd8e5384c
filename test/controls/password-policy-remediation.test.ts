import {
  NO_POLICY_BASELINE,
  changedSettings,
  mergePasswordPolicy,
  settingsFromRequest,
  settingsFromState,
  toUpdateRequest,
  type PasswordPolicySettings,
} from '../../src/controls/password-policy-remediation.js';
import type { PasswordPolicyExpectation } from '../../src/policy/types.js';
import { strongPasswordPolicy } from '../support/builders.js';

const LIVE: PasswordPolicySettings = {
  minimumLength: 14,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercase: false,
  requireLowercase: false,
  allowUsersToChangePassword: false,
  maxAgeDays: 90,
  reusePrevention: 12,
  hardExpiry: false,
};

function merged(live: Partial<PasswordPolicySettings>, desired: PasswordPolicyExpectation): PasswordPolicySettings {
  return mergePasswordPolicy({ ...LIVE, ...live }, desired);
}

describe('mergePasswordPolicy: the stricter of live and desired, setting by setting', () => {
  describe('minimumLength (larger is stricter)', () => {
    test('live stricter: 20 stays 20 when 14 is desired', () =>
      expect(merged({ minimumLength: 20 }, { minimumLength: 14 }).minimumLength).toBe(20));
    test('equal: 14 stays 14', () =>
      expect(merged({ minimumLength: 14 }, { minimumLength: 14 }).minimumLength).toBe(14));
    test('live looser: 8 becomes 14', () =>
      expect(merged({ minimumLength: 8 }, { minimumLength: 14 }).minimumLength).toBe(14));
    test('undeclared: live kept', () => expect(merged({ minimumLength: 9 }, {}).minimumLength).toBe(9));
    test('a live length under the API minimum (a gap read as 0) is raised to 6', () =>
      expect(merged({ minimumLength: 0 }, {}).minimumLength).toBe(6));
  });

  describe.each([
    'requireSymbols',
    'requireNumbers',
    'requireUppercase',
    'requireLowercase',
    'allowUsersToChangePassword',
    'hardExpiry',
  ] as const)('%s (true is stricter)', (field) => {
    test('live stricter: true stays true when false is desired', () =>
      expect(merged({ [field]: true }, { [field]: false })[field]).toBe(true));
    test('live stricter: true stays true when undeclared', () =>
      expect(merged({ [field]: true }, {})[field]).toBe(true));
    test('equal: true stays true', () => expect(merged({ [field]: true }, { [field]: true })[field]).toBe(true));
    test('equal: false stays false', () => expect(merged({ [field]: false }, { [field]: false })[field]).toBe(false));
    test('live looser: false becomes true', () =>
      expect(merged({ [field]: false }, { [field]: true })[field]).toBe(true));
  });

  describe('maxAgeDays (a smaller positive age is stricter; never expiring is loosest)', () => {
    test('live stricter: 30 stays 30 when 90 is desired', () =>
      expect(merged({ maxAgeDays: 30 }, { maxAgeDays: 90 }).maxAgeDays).toBe(30));
    test('equal: 90 stays 90', () => expect(merged({ maxAgeDays: 90 }, { maxAgeDays: 90 }).maxAgeDays).toBe(90));
    test('live looser: 180 becomes 90', () =>
      expect(merged({ maxAgeDays: 180 }, { maxAgeDays: 90 }).maxAgeDays).toBe(90));
    test('live looser: never expiring becomes 90', () =>
      expect(merged({ maxAgeDays: null }, { maxAgeDays: 90 }).maxAgeDays).toBe(90));
    test('undeclared: live kept, expiring or not', () => {
      expect(merged({ maxAgeDays: 45 }, {}).maxAgeDays).toBe(45);
      expect(merged({ maxAgeDays: null }, {}).maxAgeDays).toBeNull();
    });
  });

  describe('reusePrevention (larger is stricter; off is loosest)', () => {
    test('live stricter: 24 stays 24 when 5 is desired', () =>
      expect(merged({ reusePrevention: 24 }, { reusePrevention: 5 }).reusePrevention).toBe(24));
    test('equal: 12 stays 12', () =>
      expect(merged({ reusePrevention: 12 }, { reusePrevention: 12 }).reusePrevention).toBe(12));
    test('live looser: 5 becomes 24', () =>
      expect(merged({ reusePrevention: 5 }, { reusePrevention: 24 }).reusePrevention).toBe(24));
    test('live looser: off becomes 24', () =>
      expect(merged({ reusePrevention: null }, { reusePrevention: 24 }).reusePrevention).toBe(24));
    test('undeclared: off stays off', () => expect(merged({ reusePrevention: null }, {}).reusePrevention).toBeNull());
  });

  test('a policy entirely looser than live changes nothing', () => {
    const strict: PasswordPolicySettings = {
      ...LIVE,
      minimumLength: 32,
      requireSymbols: true,
      maxAgeDays: 30,
      reusePrevention: 24,
      hardExpiry: true,
    };
    const result = mergePasswordPolicy(strict, {
      minimumLength: 8,
      requireSymbols: false,
      maxAgeDays: 365,
      reusePrevention: 1,
      hardExpiry: false,
    });
    expect(result).toEqual(strict);
    expect(changedSettings(strict, result)).toEqual([]);
  });
});

describe('settingsFromState', () => {
  test('reads expiry and reuse prevention as null when off', () => {
    const settings = settingsFromState(strongPasswordPolicy({ expirePasswords: false, passwordReusePrevention: 0 }));
    expect(settings.maxAgeDays).toBeNull();
    expect(settings.reusePrevention).toBeNull();
  });
  test('maps every field', () => {
    expect(settingsFromState(strongPasswordPolicy())).toEqual({
      minimumLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercase: true,
      requireLowercase: true,
      allowUsersToChangePassword: true,
      maxAgeDays: 90,
      reusePrevention: 24,
      hardExpiry: false,
    });
  });
});

describe('toUpdateRequest: the whole policy, since an omitted field reverts to its default', () => {
  test('sends every field, false values included', () => {
    expect(toUpdateRequest(LIVE)).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 12,
      HardExpiry: false,
    });
  });
  test('"off" expiry and reuse prevention are left out (the API accepts only 1..N; the default 0 means off)', () => {
    const request = toUpdateRequest({ ...LIVE, maxAgeDays: null, reusePrevention: null });
    expect(request).not.toHaveProperty('MaxPasswordAge');
    expect(request).not.toHaveProperty('PasswordReusePrevention');
  });
  test('round-trips through settingsFromRequest', () => {
    for (const settings of [
      LIVE,
      NO_POLICY_BASELINE,
      { ...LIVE, maxAgeDays: null, reusePrevention: null, hardExpiry: true },
    ]) {
      expect(settingsFromRequest(toUpdateRequest(settings))).toEqual(settings);
    }
  });
});

describe('changedSettings', () => {
  test('lists only the settings that differ', () => {
    expect(changedSettings(LIVE, { ...LIVE, minimumLength: 20, hardExpiry: true })).toEqual([
      'minimumLength',
      'hardExpiry',
    ]);
  });
  test('against no live policy, every setting is a change', () => {
    expect(changedSettings(null, LIVE)).toHaveLength(9);
  });
});
