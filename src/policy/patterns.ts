/**
 * User patterns (contact matchers, waiver globs) matched in time linear in the text: a policy comes from a pull
 * request or a shared baseline, and a backtracking engine lets one pattern stall a run for minutes
 * (`/^([A-Za-z]+ ?)+$/` doubles its time with each character). Regexes run on RE2 (re2js, a pure-JS port with no
 * backtracking); globs on a two-pointer matcher that never revisits more than the text since the last `*`.
 */
import type { RE2JS as Re2 } from 're2js';

/*
 * re2js is about 150 KB and builds its Unicode tables when loaded; most policies hold no regex, so a check loads
 * it only when one does (loadRegexEngine). A regex met before then is a programming error, not a user's.
 */
let re2: typeof Re2 | undefined;

export class RegexEngineNotLoadedError extends Error {
  constructor() {
    super('internal: a /regex/ was used before the regex engine was loaded (await loadRegexEngine())');
  }
}

export async function loadRegexEngine(): Promise<void> {
  re2 ??= (await import(/* webpackChunkName: "regex-engine" */ 're2js')).RE2JS;
}

function engine(): typeof Re2 {
  if (re2 === undefined) throw new RegexEngineNotLoadedError();
  return re2;
}

/** Flags a `/regex/` may carry; `g` and `y` are stateful and mean nothing for a whole-value match. */
const ALLOWED_FLAGS = /^[isu]*$/;

/** `/body/flags` -> its parts, or undefined when the text is not written as a regex. */
export function regexParts(pattern: string): { body: string; flags: string } | undefined {
  const match = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  return match ? { body: match[1] ?? '', flags: match[2] ?? '' } : undefined;
}

/**
 * Why a regex cannot be used, or undefined when it can. It must be a valid JavaScript expression (the syntax the
 * policy documents) that RE2 also takes: RE2 has no backreferences or lookaround, which is what keeps it linear.
 */
export function regexProblem(body: string, flags: string): string | undefined {
  if (!ALLOWED_FLAGS.test(flags)) return `regex flags "${flags}" are not supported (use i, s or u)`;
  try {
    new RegExp(body, flags);
  } catch (error) {
    return `invalid regex: ${javascriptReason(error)}`;
  }
  const re2js = engine(); // outside the try: a missing engine is not the pattern's fault
  try {
    re2js.compile(body, re2Flags(flags, false));
    return undefined;
  } catch (error) {
    return unsupportedReason(error instanceof Error ? error.message : String(error));
  }
}

/** A whole-value test for a regex regexProblem accepted; throws Error with its text otherwise. */
export function compileLinearRegex(body: string, flags: string, caseInsensitive: boolean): (value: string) => boolean {
  const problem = regexProblem(body, flags);
  if (problem) throw new Error(problem);
  // The group keeps an alternation inside the whole-value match: /a|b/ must not accept "ab".
  const regex = engine().compile(`(?:${body})`, re2Flags(flags, caseInsensitive));
  return (value) => regex.testExact(value);
}

function re2Flags(flags: string, caseInsensitive: boolean): number {
  // RE2 always reads code points, so `u` changes nothing here.
  const { CASE_INSENSITIVE, DOTALL } = engine();
  let mask = 0;
  if (caseInsensitive || flags.includes('i')) mask |= CASE_INSENSITIVE;
  if (flags.includes('s')) mask |= DOTALL;
  return mask;
}

function javascriptReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // V8 repeats the whole pattern before the reason ("Invalid regular expression: /(/: Unterminated group").
  const reason = message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

function unsupportedReason(re2Message: string): string {
  const detail = re2Message.replace(/^error parsing regexp: /, '');
  const linear = 'cannot be matched in linear time (rewrite the pattern without it)';
  const backreference = /invalid escape sequence: `(\\(?:[1-9]|k))/.exec(detail);
  if (backreference) return `a backreference (${backreference[1]}) ${linear}`;
  const lookaround = /`(\(\?<?[=!])/.exec(detail);
  if (lookaround?.[1])
    return `${lookaround[1].includes('<') ? 'lookbehind' : 'lookahead'} (${lookaround[1]}) ${linear}`;
  return `not supported by the linear-time regex engine (RE2 syntax): ${detail.replace(/`/g, '')}`;
}

/**
 * `*` any run of characters, `?` exactly one character (a code point), anything else literally; the whole text.
 * Greedy two pointers: on a mismatch only the last `*` takes one more character, so the work is at most
 * pattern length x text length, never exponential like a backtracking regex of `.*` runs.
 */
export function globMatches(pattern: string, text: string, caseInsensitive = false): boolean {
  const wanted = Array.from(pattern);
  const given = Array.from(text);
  const same = caseInsensitive ? sameIgnoringCase : (a: string, b: string): boolean => a === b;
  let p = 0;
  let t = 0;
  let lastStar = -1;
  let starText = 0;
  while (t < given.length) {
    const char = wanted[p];
    if (char === '*') {
      lastStar = p;
      starText = t;
      p += 1;
    } else if (char !== undefined && (char === '?' || same(char, given[t] ?? ''))) {
      p += 1;
      t += 1;
    } else if (lastStar >= 0) {
      p = lastStar + 1;
      starText += 1;
      t = starText;
    } else {
      return false;
    }
  }
  while (wanted[p] === '*') p += 1;
  return p === wanted.length;
}

function sameIgnoringCase(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}
