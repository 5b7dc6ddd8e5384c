/**
 * Contact matchers: a glob (`*@example.com`, `?` = one character), a `/regex/` (flags i, s, u allowed) or a
 * literal. Every form must match the whole value: `*@example.com` does not accept `a@example.com.evil`, and a
 * regex is anchored at both ends so a forgotten `^` or `$` cannot widen it. Regexes and globs run in linear time.
 */
import { compileLinearRegex, globMatches, regexParts, regexProblem } from '../policy/patterns.js';

export type MatcherKind = 'glob' | 'regex' | 'literal';

export interface MatcherOptions {
  /** E-mail addresses compare case-insensitively (domains are case-insensitive, mailboxes in practice). */
  caseInsensitive?: boolean;
  /** Applied to both sides of a literal comparison only (e.g. phone punctuation). */
  normalizeLiteral?: (value: string) => string;
}

export interface Matcher {
  pattern: string;
  kind: MatcherKind;
  test(value: string): boolean;
}

export function matcherKind(pattern: string): MatcherKind {
  if (regexParts(pattern)) return 'regex';
  return /[*?]/.test(pattern) ? 'glob' : 'literal';
}

/** Why a pattern cannot be used, or undefined when it can (for the policy validator and for evaluation). */
export function matcherProblem(pattern: string): string | undefined {
  const regex = regexParts(pattern);
  return regex ? regexProblem(regex.body, regex.flags) : undefined;
}

/**
 * Compiles a matcher (linear time, src/policy/patterns.ts); throws Error with matcherProblem's text for an
 * unusable regex.
 */
export function compileMatcher(pattern: string, options: MatcherOptions = {}): Matcher {
  const caseInsensitive = options.caseInsensitive === true;
  const kind = matcherKind(pattern);
  switch (kind) {
    case 'regex': {
      const { body, flags } = regexParts(pattern) ?? { body: '', flags: '' };
      return { pattern, kind, test: compileLinearRegex(body, flags, caseInsensitive) };
    }
    case 'glob':
      return { pattern, kind, test: (value) => globMatches(pattern, value, caseInsensitive) };
    case 'literal': {
      const normalize = (value: string): string => {
        const normalized = options.normalizeLiteral ? options.normalizeLiteral(value) : value;
        return caseInsensitive ? normalized.toLowerCase() : normalized;
      };
      const expected = normalize(pattern);
      return { pattern, kind, test: (value) => normalize(value) === expected };
    }
  }
}

/** Phone numbers as AWS accepts them (`+1 (206) 555-0100`): only digits and a leading + are significant. */
export function normalizePhone(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  return value.trim().startsWith('+') ? `+${digits}` : digits;
}

/** How each contact field compares, shared by the contacts controls and `apply` (so both agree on "matches"). */
export const CONTACT_MATCHER_OPTIONS: Readonly<Record<'email' | 'name' | 'title' | 'phone', MatcherOptions>> = {
  email: { caseInsensitive: true },
  name: {},
  title: {},
  phone: { normalizeLiteral: normalizePhone },
};
