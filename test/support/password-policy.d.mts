// Types for password-policy.mjs.
import type { PasswordPolicyState } from '../../src/state/types.js';

/** The password policy that meets the well-architected baseline exactly, as IAM returns it. */
export const STRONG_PASSWORD_POLICY: Readonly<PasswordPolicyState>;
