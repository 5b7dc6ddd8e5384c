import { beforeAll, describe, expect, it } from '@jest/globals';
import { compileMatcher, matcherKind, matcherProblem, normalizePhone } from '../../src/controls/matchers.js';
import { loadRegexEngine } from '../../src/policy/patterns.js';

// Loaded on demand in the product (a policy's first /regex/); these tests use patterns directly.
beforeAll(loadRegexEngine);

describe('contact matchers', () => {
  it('tells globs, regexes and literals apart', () => {
    expect(matcherKind('*@example.com')).toBe('glob');
    expect(matcherKind('sec?@example.com')).toBe('glob');
    expect(matcherKind('/^sec.*$/i')).toBe('regex');
    expect(matcherKind('security@example.com')).toBe('literal');
  });

  it('anchors globs at both ends', () => {
    const matcher = compileMatcher('*@example.com');
    expect(matcher.test('security@example.com')).toBe(true);
    expect(matcher.test('security@example.com.evil.net')).toBe(false);
    expect(matcher.test('security@sub.example.com')).toBe(false);
    expect(matcher.test('security@exampleXcom')).toBe(false); // the dot is literal
  });

  it('anchors regexes so a forgotten $ does not widen them', () => {
    const matcher = compileMatcher('/[a-z]+@example\\.com/');
    expect(matcher.test('ops@example.com')).toBe(true);
    expect(matcher.test('ops@example.com.evil.net')).toBe(false);
    expect(compileMatcher('/a|b/').test('ab')).toBe(false); // alternation stays inside the anchors
  });

  it('compares e-mail case-insensitively and other fields exactly', () => {
    expect(compileMatcher('*@EXAMPLE.com', { caseInsensitive: true }).test('Sec@example.COM')).toBe(true);
    expect(compileMatcher('/sec@example\\.com/', { caseInsensitive: true }).test('SEC@example.com')).toBe(true);
    expect(compileMatcher('Security', { caseInsensitive: true }).test('security')).toBe(true);
    expect(compileMatcher('CISO').test('ciso')).toBe(false);
    expect(compileMatcher('CISO').test('CISO')).toBe(true);
  });

  it('compares literal phone numbers by their digits', () => {
    const matcher = compileMatcher('+1 (206) 555-0100', { normalizeLiteral: normalizePhone });
    expect(matcher.test('+12065550100')).toBe(true);
    expect(matcher.test('+1 206 555 0101')).toBe(false);
    expect(normalizePhone(' +44 20 7946 0000')).toBe('+442079460000');
  });

  it('explains unusable regexes and refuses stateful flags', () => {
    expect(matcherProblem('/[unclosed/')).toMatch(/^invalid regex/);
    expect(matcherProblem('/a/g')).toMatch(/flags "g" are not supported/);
    expect(matcherProblem('/a/i')).toBeUndefined();
    expect(matcherProblem('*@example.com')).toBeUndefined();
    expect(() => compileMatcher('/(/')).toThrow(/invalid regex/);
  });
});
