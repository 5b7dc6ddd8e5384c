/**
 * A policy that sets no check (only `version: 1`, or only waivers and severities) would report every account
 * COMPLIANT: a typo in a section name or a forgotten `extends` must not pass silently, so it gets a warning.
 */
import type { Policy, PolicyBody } from './types.js';

const CHECKING_SECTIONS = [
  'passwordPolicy',
  'root',
  'contacts',
  'iamUsers',
  'iamPolicies',
  'serverCertificates',
  'attestations',
] as const;

/** The warning for a policy that checks nothing (in any target either), or undefined when it checks something. */
export function nothingCheckedWarning(policy: Policy): string | undefined {
  if (checksSomething(policy) || (policy.targets ?? []).some(checksSomething)) return undefined;
  return (
    `the policy checks nothing: it sets none of ${CHECKING_SECTIONS.join(', ')} ` +
    '(add one, or extend a baseline such as `builtin:cis-aws-foundations`)'
  );
}

function checksSomething(body: Omit<PolicyBody, 'account'>): boolean {
  // An empty `passwordPolicy: {}` still checks that a policy exists; the other sections check only what they list.
  if (body.passwordPolicy !== undefined) return true;
  return CHECKING_SECTIONS.some(
    (section) => section !== 'passwordPolicy' && Object.keys(body[section] ?? {}).length > 0,
  );
}
