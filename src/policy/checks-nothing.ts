/**
 * A policy that sets no check (only `version: 1`, or only waivers and severities) would report every account
 * COMPLIANT: a typo in a section name or a forgotten `extends` must not pass silently, so it gets a warning.
 */
import { policySchemaJson } from '../generated/assets.js';
import type { Policy, PolicyBody } from './types.js';

/** Keys of a per-account override that select or adjust, and check nothing themselves. */
const NOT_CHECKS: ReadonlySet<string> = new Set(['accounts', 'organizationalUnits', 'exceptions', 'severity']);

/**
 * The sections that hold controls, from the schema generated from the control registry, so a new area counts
 * without an edit here: the keys an override may set, less those that only select or adjust.
 */
const CHECKING_SECTIONS: readonly string[] = Object.keys(
  (policySchemaJson['$defs'] as { target: { properties: Record<string, unknown> } }).target.properties,
).filter((key) => !NOT_CHECKS.has(key));

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
    (section) =>
      section !== 'passwordPolicy' &&
      Object.keys((body as Record<string, object | undefined>)[section] ?? {}).length > 0,
  );
}
