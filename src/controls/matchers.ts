/**
 * Contact matchers: a glob (`*@example.com`, `?` = one character), a `/regex/` (flags i, s, u allowed) or a
 * literal. Every form must match the whole value: `*@example.com` does not accept `a@example.com.evil`, and a
 * regex is anchored at both ends so a forgotten `^` or `$` cannot widen it.
 */

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

const REGEX_FORM = /^\/(.*)\/([a-z]*)$/s;
const ALLOWED_FLAGS = /^[isu]*$/;

export function matcherKind(pattern: string): MatcherKind {
  if (REGEX_FORM.test(pattern)) return 'regex';
  return /[*?]/.test(pattern) ? 'glob' : 'literal';
}

/** Why a pattern cannot be used, or undefined when it can (for the policy validator and for evaluation). */
export function matcherProblem(pattern: string): string | undefined {
  if (matcherKind(pattern) !== 'regex') return undefined;
  const [, body = '', flags = ''] = REGEX_FORM.exec(pattern) ?? [];
  if (!ALLOWED_FLAGS.test(flags)) return `regex flags "${flags}" are not supported (use i, s or u)`;
  try {
    new RegExp(body, flags);
    return undefined;
  } catch (error) {
    return `invalid regex: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Compiles a matcher; throws Error with matcherProblem's text for an unusable regex. */
export function compileMatcher(pattern: string, options: MatcherOptions = {}): Matcher {
  const problem = matcherProblem(pattern);
  if (problem) throw new Error(problem);
  const kind = matcherKind(pattern);
  const caseFlag = options.caseInsensitive ? 'i' : '';
  switch (kind) {
    case 'regex': {
      const [, body = '', flags = ''] = REGEX_FORM.exec(pattern) ?? [];
      const allFlags = [...new Set(flags + caseFlag)].join('');
      const regex = new RegExp(`^(?:${body})$`, allFlags);
      return { pattern, kind, test: (value) => regex.test(value) };
    }
    case 'glob': {
      const source = [...pattern].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : escapeRegex(char))).join('');
      const regex = new RegExp(`^${source}$`, `s${caseFlag}`);
      return { pattern, kind, test: (value) => regex.test(value) };
    }
    case 'literal': {
      const normalize = (value: string): string => {
        const normalized = options.normalizeLiteral ? options.normalizeLiteral(value) : value;
        return options.caseInsensitive ? normalized.toLowerCase() : normalized;
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

function escapeRegex(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
