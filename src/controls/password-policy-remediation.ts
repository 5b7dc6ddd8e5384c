/**
 * How `apply` remediates the password policy, next to its controls (password-policy.ts) so the settings' names are
 * known in these two modules only; src/remediate/ handles any area's settings by name.
 *
 * The policy `apply` writes: setting by setting, the stricter of the live and the desired value, so a run never
 * loosens anything. UpdateAccountPasswordPolicy replaces the whole policy (an omitted field reverts to its
 * default), so the result is always a complete policy. Pure: no I/O; the request is plain data (controls import
 * no AWS SDK, so its shape is written out below by AWS's field names).
 */
import type { PasswordPolicyExpectation } from '../policy/types.js';
import type { PasswordPolicyState } from '../state/types.js';

/** UpdateAccountPasswordPolicy's input (the SDK's PasswordPolicyRequest has this shape). */
export interface PasswordPolicyRequest {
  MinimumPasswordLength?: number | undefined;
  RequireSymbols?: boolean | undefined;
  RequireNumbers?: boolean | undefined;
  RequireUppercaseCharacters?: boolean | undefined;
  RequireLowercaseCharacters?: boolean | undefined;
  AllowUsersToChangePassword?: boolean | undefined;
  MaxPasswordAge?: number | undefined;
  PasswordReusePrevention?: number | undefined;
  HardExpiry?: boolean | undefined;
}

/** A complete password policy, named as in the policy file; `null` = expiry / reuse prevention off. */
export interface PasswordPolicySettings {
  minimumLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercase: boolean;
  requireLowercase: boolean;
  allowUsersToChangePassword: boolean;
  maxAgeDays: number | null;
  reusePrevention: number | null;
  hardExpiry: boolean;
}

/** UpdateAccountPasswordPolicy accepts MinimumPasswordLength 6..128. */
export const API_MINIMUM_LENGTH = 6;

export type PasswordPolicySetting = keyof PasswordPolicySettings;

/** In the order the diff shows them (the policy file's order). */
export const PASSWORD_POLICY_SETTINGS: readonly PasswordPolicySetting[] = [
  'minimumLength',
  'requireSymbols',
  'requireNumbers',
  'requireUppercase',
  'requireLowercase',
  'allowUsersToChangePassword',
  'maxAgeDays',
  'reusePrevention',
  'hardExpiry',
];

/**
 * What AWS enforces when an account has no custom policy (IAM User Guide, "Default password policy"): at least 8
 * characters, from at least 3 of the 4 character types. A custom policy has no "3 of 4" rule, so a policy created
 * in its place must require three named types (or all four) to be no weaker.
 */
export const AWS_DEFAULT_MINIMUM_LENGTH = 8;
export const AWS_DEFAULT_CHARACTER_TYPES = 3;
const CHARACTER_TYPES = ['requireUppercase', 'requireLowercase', 'requireNumbers', 'requireSymbols'] as const;

/**
 * What a new policy starts from when the account has none. The API's own defaults (length 6, nothing required)
 * would be weaker than AWS's default, so the length floor is 8; the character types must be declared, and
 * `weakerThanAwsDefault` refuses a new policy that requires fewer than three.
 */
export const NO_POLICY_BASELINE: PasswordPolicySettings = {
  minimumLength: AWS_DEFAULT_MINIMUM_LENGTH,
  requireSymbols: false,
  requireNumbers: false,
  requireUppercase: false,
  requireLowercase: false,
  allowUsersToChangePassword: false,
  maxAgeDays: null,
  reusePrevention: null,
  hardExpiry: false,
};

/**
 * Why creating `settings` where the account has no policy would loosen AWS's default, with the fix; undefined
 * when it would not. Never create a policy with fewer than 8 characters or fewer than three character types.
 */
export function weakerThanAwsDefault(settings: PasswordPolicySettings): string | undefined {
  const required = CHARACTER_TYPES.filter((type) => settings[type]);
  const problems: string[] = [];
  if (settings.minimumLength < AWS_DEFAULT_MINIMUM_LENGTH)
    problems.push(`a minimum length of ${settings.minimumLength}`);
  if (required.length < AWS_DEFAULT_CHARACTER_TYPES) {
    problems.push(
      required.length === 0
        ? 'no character type'
        : `only ${required.length} character type(s) (${required.join(', ')})`,
    );
  }
  if (problems.length === 0) return undefined;
  const missing = CHARACTER_TYPES.filter((type) => !settings[type]);
  const fixes = [
    ...(required.length < AWS_DEFAULT_CHARACTER_TYPES
      ? [`set at least ${AWS_DEFAULT_CHARACTER_TYPES - required.length} more of ${missing.join(', ')} to true`]
      : []),
    ...(settings.minimumLength < AWS_DEFAULT_MINIMUM_LENGTH
      ? [`set minimumLength to ${AWS_DEFAULT_MINIMUM_LENGTH} or more`]
      : []),
  ];
  return (
    `the account has no password policy, so AWS enforces its default (at least ` +
    `${AWS_DEFAULT_MINIMUM_LENGTH} characters from ` +
    `${AWS_DEFAULT_CHARACTER_TYPES} of the 4 character types); the policy to create would require ` +
    `${problems.join(' and ')}, ` +
    `which is weaker: in the policy file, ${fixes.join(' and ')}`
  );
}

export function settingsFromState(live: PasswordPolicyState): PasswordPolicySettings {
  const age = live.maxPasswordAge;
  const reuse = live.passwordReusePrevention;
  return {
    minimumLength: live.minimumPasswordLength,
    requireSymbols: live.requireSymbols,
    requireNumbers: live.requireNumbers,
    requireUppercase: live.requireUppercaseCharacters,
    requireLowercase: live.requireLowercaseCharacters,
    allowUsersToChangePassword: live.allowUsersToChangePassword,
    maxAgeDays: live.expirePasswords && age !== undefined && age > 0 ? age : null,
    reusePrevention: reuse !== undefined && reuse > 0 ? reuse : null,
    hardExpiry: live.hardExpiry,
  };
}

/** A boolean requirement stays on once on; `false` in the policy means "not checked", never "turn off". */
function stricterFlag(live: boolean, desired: boolean | undefined): boolean {
  return live || desired === true;
}

function positive(value: number | undefined): number | null {
  return value !== undefined && value > 0 ? value : null;
}

/** Passwords that expire sooner are stricter; "never expires" (null) is the loosest. */
function stricterMaxAge(live: number | null, desired: number | undefined): number | null {
  const wanted = positive(desired);
  if (wanted === null) return live;
  return live === null ? wanted : Math.min(live, wanted);
}

function stricterReuse(live: number | null, desired: number | undefined): number | null {
  const wanted = positive(desired);
  if (wanted === null) return live;
  return live === null ? wanted : Math.max(live, wanted);
}

/** The stricter of `live` and `desired`, setting by setting; undeclared settings keep their live value. */
export function mergePasswordPolicy(
  live: PasswordPolicySettings,
  desired: PasswordPolicyExpectation,
): PasswordPolicySettings {
  // A live length below the API's minimum (a gap read as 0) is raised to it: the call would be refused otherwise.
  return {
    minimumLength: Math.max(API_MINIMUM_LENGTH, live.minimumLength, desired.minimumLength ?? 0),
    requireSymbols: stricterFlag(live.requireSymbols, desired.requireSymbols),
    requireNumbers: stricterFlag(live.requireNumbers, desired.requireNumbers),
    requireUppercase: stricterFlag(live.requireUppercase, desired.requireUppercase),
    requireLowercase: stricterFlag(live.requireLowercase, desired.requireLowercase),
    allowUsersToChangePassword: stricterFlag(live.allowUsersToChangePassword, desired.allowUsersToChangePassword),
    maxAgeDays: stricterMaxAge(live.maxAgeDays, desired.maxAgeDays),
    reusePrevention: stricterReuse(live.reusePrevention, desired.reusePrevention),
    hardExpiry: stricterFlag(live.hardExpiry, desired.hardExpiry),
  };
}

/**
 * The complete UpdateAccountPasswordPolicy input. MaxPasswordAge and PasswordReusePrevention accept only 1..N, so
 * "off" is expressed by leaving them out (their default, 0, means off); every other field is always sent.
 */
export function toUpdateRequest(settings: PasswordPolicySettings): PasswordPolicyRequest {
  return {
    MinimumPasswordLength: settings.minimumLength,
    RequireSymbols: settings.requireSymbols,
    RequireNumbers: settings.requireNumbers,
    RequireUppercaseCharacters: settings.requireUppercase,
    RequireLowercaseCharacters: settings.requireLowercase,
    AllowUsersToChangePassword: settings.allowUsersToChangePassword,
    ...(settings.maxAgeDays !== null && { MaxPasswordAge: settings.maxAgeDays }),
    ...(settings.reusePrevention !== null && { PasswordReusePrevention: settings.reusePrevention }),
    HardExpiry: settings.hardExpiry,
  };
}

/** Settings whose value differs; against no live policy (`null`) every setting is a change. */
export function changedSettings(
  live: PasswordPolicySettings | null,
  next: PasswordPolicySettings,
): PasswordPolicySetting[] {
  return PASSWORD_POLICY_SETTINGS.filter((setting) => live === null || live[setting] !== next[setting]);
}

/** The settings an UpdateAccountPasswordPolicy input sets (omitted fields take the API's defaults). */
export function settingsFromRequest(request: PasswordPolicyRequest): PasswordPolicySettings {
  return {
    minimumLength: request.MinimumPasswordLength ?? API_MINIMUM_LENGTH,
    requireSymbols: request.RequireSymbols ?? false,
    requireNumbers: request.RequireNumbers ?? false,
    requireUppercase: request.RequireUppercaseCharacters ?? false,
    requireLowercase: request.RequireLowercaseCharacters ?? false,
    allowUsersToChangePassword: request.AllowUsersToChangePassword ?? false,
    maxAgeDays: positive(request.MaxPasswordAge),
    reusePrevention: positive(request.PasswordReusePrevention),
    hardExpiry: request.HardExpiry ?? false,
  };
}

/** One setting the plan changes; `from` is null when the account has no policy yet. */
export interface PasswordPolicyChange {
  setting: PasswordPolicySetting;
  from: number | boolean | null;
  to: number | boolean | null;
}

export type PasswordPolicyPlan =
  | { blocked: string }
  | { merged: PasswordPolicySettings; changes: PasswordPolicyChange[]; request?: PasswordPolicyRequest };

/** What to write for `desired` over the live policy (`null`: the account has none), or why nothing can be. */
export function planPasswordPolicySettings(
  desired: PasswordPolicyExpectation,
  livePolicy: PasswordPolicyState | null,
): PasswordPolicyPlan {
  const live = livePolicy ? settingsFromState(livePolicy) : null;
  if (live === null && Object.keys(desired).length === 0) {
    return {
      blocked:
        'the account has no password policy and the policy file declares no setting: declare the settings to ' +
        'create one',
    };
  }
  const merged = mergePasswordPolicy(live ?? NO_POLICY_BASELINE, desired);
  // Creating a policy replaces AWS's default: refuse one weaker than it rather than loosen the account.
  const weaker = live === null ? weakerThanAwsDefault(merged) : undefined;
  if (weaker !== undefined) return { blocked: weaker };
  const changed = changedSettings(live, merged);
  if (changed.length === 0) return { merged, changes: [] };
  return {
    merged,
    request: toUpdateRequest(merged),
    changes: changed.map((setting) => ({
      setting,
      from: live === null ? null : live[setting],
      to: merged[setting],
    })),
  };
}

/** Whether the new password policy satisfies one desired setting (as the controls judge it). */
function satisfies(merged: PasswordPolicySettings, field: string, desired: PasswordPolicyExpectation): boolean {
  switch (field) {
    case 'minimumLength':
      return desired.minimumLength === undefined || merged.minimumLength >= desired.minimumLength;
    case 'reusePrevention':
      return desired.reusePrevention === undefined || (merged.reusePrevention ?? 0) >= desired.reusePrevention;
    case 'maxAgeDays':
      return (
        desired.maxAgeDays === undefined || (merged.maxAgeDays !== null && merged.maxAgeDays <= desired.maxAgeDays)
      );
    case 'hardExpiry':
      return desired.hardExpiry === undefined || merged.hardExpiry === desired.hardExpiry;
    case 'requireSymbols':
    case 'requireNumbers':
    case 'requireUppercase':
    case 'requireLowercase':
    case 'allowUsersToChangePassword':
      return desired[field] !== true || merged[field];
    default:
      return true;
  }
}

/**
 * What the plan does about a failing password-policy control (`key` is its key in the section): `settled` when
 * the planned policy satisfies it, `loosening` when meeting it would loosen a live setting (apply never does),
 * `open` when nothing is planned for it (a manual step).
 */
export function passwordPolicyFindingOutcome(
  key: string,
  merged: PasswordPolicySettings | undefined,
  desired: PasswordPolicyExpectation | undefined,
  writesPolicy: boolean,
): 'settled' | 'loosening' | 'open' {
  if (key === 'exists') return writesPolicy ? 'settled' : 'open';
  if (merged && desired && satisfies(merged, key, desired)) return 'settled';
  return merged ? 'loosening' : 'open';
}

/** How a diff shows a setting's `null`: no policy yet (`from`), or the setting's own "off". */
export function passwordPolicyNullLabel(setting: string, which: 'from' | 'to'): string {
  if (setting === 'maxAgeDays') return 'never expire';
  if (setting === 'reusePrevention') return 'off';
  return which === 'from' ? '(no policy)' : '(unset)';
}
