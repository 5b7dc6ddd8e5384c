/** Small builders for fixture policies and account states used by the pure control tests. */
import type { PasswordPolicyExpectation, Policy } from '../../src/policy/types.js';
import type { AccountState, PasswordPolicyState } from '../../src/state/types.js';

export const NOW = new Date('2026-11-26T12:00:00Z');
export const ACCOUNT_ID = '111122223333';

/** A policy as the loader would produce it, every declared key located on its own line. */
export function policyWith(body: Omit<Policy, 'version' | 'file' | 'locations'>, file = 'policy.yml'): Policy {
  const locations: Policy['locations'] = {};
  let line = 2;
  const visit = (value: unknown, path: string): void => {
    locations[path] = { file, line, column: path.split('.').length * 2 - 1 };
    line += 1;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`);
    }
  };
  for (const [key, value] of Object.entries(body)) visit(value, key);
  return { version: 1, file, locations, ...body };
}

export function stateWith(parts: Partial<Omit<AccountState, 'version' | 'collectedAt'>> = {}): AccountState {
  return {
    version: 1,
    collectedAt: NOW.toISOString(),
    identity: { ok: true, value: { accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/auditor` } },
    ...parts,
  };
}

/** A password policy that meets the well-architected baseline exactly. */
export function strongPasswordPolicy(overrides: Partial<PasswordPolicyState> = {}): PasswordPolicyState {
  return {
    minimumPasswordLength: 14,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    allowUsersToChangePassword: true,
    expirePasswords: true,
    maxPasswordAge: 90,
    passwordReusePrevention: 24,
    hardExpiry: false,
    ...overrides,
  };
}

/** The password-policy expectation of the well-architected baseline, every field declared. */
export function strongPasswordExpectation(overrides: PasswordPolicyExpectation = {}): PasswordPolicyExpectation {
  return {
    minimumLength: 14,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercase: true,
    requireLowercase: true,
    allowUsersToChangePassword: true,
    maxAgeDays: 90,
    reusePrevention: 24,
    hardExpiry: false,
    ...overrides,
  };
}
