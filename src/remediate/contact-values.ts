/**
 * The alternate-contact values `apply` may write. A contact is written only when all four fields AWS requires are
 * known: from the policy's literal values, or from environment variables (AAB_CONTACT_SECURITY_PHONE, ...), so
 * phone numbers need not sit in the repository. In a workflow, set them as the step's `env:` from secrets.
 */
import type { ContactExpectation } from '../policy/types.js';
import type { AlternateContactKey } from '../controls/contacts.js';
import type { AlternateContact, AlternateContactType } from '../state/types.js';
import { compileMatcher, matcherKind, normalizePhone, type MatcherOptions } from '../controls/matchers.js';

export const CONTACT_FIELDS = ['name', 'title', 'email', 'phone'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Where values that are not in the policy come from: `process.env` in the CLI and the action. */
export type ContactValueSource = Readonly<Record<string, string | undefined>>;

export function contactType(key: AlternateContactKey): AlternateContactType {
  return key.toUpperCase() as AlternateContactType;
}

export function contactEnvName(type: AlternateContactType, field: ContactField): string {
  return `AAB_CONTACT_${type}_${field.toUpperCase()}`;
}

/** As the contacts controls compare (src/controls/contacts.ts): e-mails case-insensitively, phones by digits. */
const MATCHER_OPTIONS: Record<ContactField, MatcherOptions> = {
  email: { caseInsensitive: true },
  name: {},
  title: {},
  phone: { normalizeLiteral: normalizePhone },
};

/** A matcher with no glob characters that is not a /regex/ is also the literal value to write. */
export function isLiteral(matcher: string): boolean {
  return matcherKind(matcher) === 'literal';
}

function fieldMatches(field: ContactField, value: string, pattern: string): boolean {
  try {
    return compileMatcher(pattern, MATCHER_OPTIONS[field]).test(value);
  } catch {
    return false; // an unusable regex is reported by validation and the controls; it never "matches"
  }
}

/** Whether a live value already equals the value to write, as the controls would judge it. */
export function sameContactValue(field: ContactField, live: string, wanted: string): boolean {
  if (field === 'email') return live.toLowerCase() === wanted.toLowerCase();
  if (field === 'phone') return normalizePhone(live) === normalizePhone(wanted);
  return live === wanted;
}

/** True when a live contact satisfies every matcher the policy declares. */
export function contactMatches(live: AlternateContact, expectation: ContactExpectation): boolean {
  return CONTACT_FIELDS.every((field) => {
    const pattern = expectation[field];
    return pattern === undefined || fieldMatches(field, live[field], pattern);
  });
}

export interface ResolvedContactValues {
  /** Complete values, when every field is known and consistent with the policy's matchers. */
  values?: AlternateContact;
  /** Why the values are not complete: missing fields (with the variable to set) or values the matchers refuse. */
  problems: string[];
}

export function resolveContactValues(
  key: AlternateContactKey,
  expectation: ContactExpectation,
  source: ContactValueSource,
): ResolvedContactValues {
  const type = contactType(key);
  const found: Partial<AlternateContact> = {};
  const problems: string[] = [];
  for (const field of CONTACT_FIELDS) {
    const matcher = expectation[field];
    const envName = contactEnvName(type, field);
    // The policy's literal wins: the repository is the source of truth; the environment fills the gaps.
    const value = matcher !== undefined && isLiteral(matcher) ? matcher : source[envName]?.trim();
    if (value === undefined || value === '') {
      problems.push(
        `no ${field} (the policy has ${matcher === undefined ? 'none' : 'only a pattern'}; set ${envName})`,
      );
    } else if (matcher !== undefined && !fieldMatches(field, value, matcher)) {
      problems.push(`${envName} does not match the policy's ${field} pattern ${matcher}`);
    } else {
      found[field] = value;
    }
  }
  if (problems.length > 0) return { problems };
  return { values: found as AlternateContact, problems };
}
