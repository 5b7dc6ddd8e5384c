import { beforeAll, describe, expect, test } from '@jest/globals';
import { compileMatcher, matcherProblem } from '../../src/controls/matchers.js';
import { applyWaivers } from '../../src/controls/waivers.js';
import type { Finding } from '../../src/findings.js';
import { checkPolicyText } from '../../src/policy/load.js';
import { globMatches, loadRegexEngine } from '../../src/policy/patterns.js';

// Loaded on demand in the product (a policy's first /regex/); these tests use patterns directly.
beforeAll(loadRegexEngine);

// These inputs took minutes on a backtracking engine (the time doubles with each character). The assertions are on
// the answers: a regression shows as a test that never finishes, not as a flaky timing.
describe('user patterns run in linear time', () => {
  test('a nested-quantifier regex against a 40-character name that almost matches', () => {
    const name = `${'Ann Marie '.repeat(4)}!`;
    expect(name.length).toBeGreaterThanOrEqual(33);
    const matcher = compileMatcher('/^([A-Za-z]+ ?)+$/');
    expect(matcher.test(name)).toBe(false);
    expect(matcher.test('Ann Marie Smith')).toBe(true);
  });

  test('the same regex through the contacts options (case-insensitive e-mail) on a long value', () => {
    const matcher = compileMatcher('/(a|aa)+@example\\.com/', { caseInsensitive: true });
    expect(matcher.test(`${'A'.repeat(5000)}@example.org`)).toBe(false);
    expect(matcher.test(`${'A'.repeat(5000)}@EXAMPLE.com`)).toBe(true);
  });

  test('a waiver glob with many stars against a 40-character user name', () => {
    const pattern = '*a*a*a*a*a*a*a*a*a*a*a*a*b';
    const user = 'a'.repeat(48);
    expect(globMatches(pattern, user)).toBe(false);
    expect(globMatches(pattern, `${user}b`)).toBe(true);
  });

  test('the same glob through applyWaivers and through a contact matcher', () => {
    const user = 'a'.repeat(60);
    const failing: Finding = {
      control: 'iamUsers.consoleMfa',
      status: 'fail',
      severity: 'high',
      resource: user,
      expected: 'MFA',
      actual: 'none',
      message: 'm',
      remediation: 'r',
      location: { file: 'p.yml', line: 1, column: 1 },
      references: [],
    };
    const policy = {
      version: 1 as const,
      file: 'p.yml',
      locations: {},
      exceptions: [
        { control: 'iamUsers.consoleMfa', resource: '*a*a*a*a*a*a*a*a*a*a*a*a*b', reason: 'r', expires: '2099-01-01' },
      ],
    };
    const outcome = applyWaivers([failing], policy, new Date('2026-12-01T00:00:00Z'));
    expect(outcome.findings[0]?.status).toBe('fail');
    expect(compileMatcher('*a*a*a*a*a*a*a*a*a*a*a*a*b').test(user)).toBe(false);
  });
});

describe('globMatches', () => {
  test.each([
    ['*', '', true],
    ['**', 'x', true],
    ['a*', 'a', true],
    ['*a', 'ba', true],
    ['*a', 'ab', false],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXbYcZ', false],
    ['a*b', 'aab', true],
    ['?', '', false],
    ['?', '😀', true], // one character, not one UTF-16 unit
    ['a?c', 'abc', true],
    ['a.c', 'abc', false],
    ['[ab]', 'a', false], // brackets are literal
    ['[ab]', '[ab]', true],
    ['\\*', '\\anything', true], // no escapes: a backslash is literal
  ])('%s vs %s -> %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  test('case-insensitive when asked', () => {
    expect(globMatches('*@EXAMPLE.com', 'Sec@example.COM', true)).toBe(true);
    expect(globMatches('*@EXAMPLE.com', 'Sec@example.COM')).toBe(false);
  });
});

describe('regex semantics on the linear engine', () => {
  test('flags i and s, and whole-value anchoring', () => {
    expect(compileMatcher('/sec/i').test('SEC')).toBe(true);
    expect(compileMatcher('/a.b/').test('a\nb')).toBe(false);
    expect(compileMatcher('/a.b/s').test('a\nb')).toBe(true);
    expect(compileMatcher('/a|b/').test('ab')).toBe(false);
    expect(compileMatcher('/^sec.*$/u').test('security')).toBe(true);
  });
});

describe('patterns the engine cannot take are refused', () => {
  test.each([
    ['/(a)\\1/', 'a backreference (\\1) cannot be matched in linear time (rewrite the pattern without it)'],
    ['/(?<n>a)\\k<n>/', 'a backreference (\\k) cannot be matched in linear time (rewrite the pattern without it)'],
    ['/(?=a)a/', 'lookahead ((?=) cannot be matched in linear time (rewrite the pattern without it)'],
    ['/(?!b)a/', 'lookahead ((?!) cannot be matched in linear time (rewrite the pattern without it)'],
    ['/(?<=a)b/', 'lookbehind ((?<=) cannot be matched in linear time (rewrite the pattern without it)'],
    ['/(?<!a)b/', 'lookbehind ((?<!) cannot be matched in linear time (rewrite the pattern without it)'],
    ['/a{1001}/', 'not supported by the linear-time regex engine (RE2 syntax): invalid repeat count: {1001}'],
    ['/(/', 'invalid regex: unterminated group'],
    ['/[a/', 'invalid regex: unterminated character class'],
    ['/a/g', 'regex flags "g" are not supported (use i, s or u)'],
  ])('%s', (pattern, problem) => {
    expect(matcherProblem(pattern)).toBe(problem);
    expect(() => compileMatcher(pattern)).toThrow(problem);
  });

  test('at policy load, as FILE:LINE:COL on the value', () => {
    const text = [
      'version: 1',
      'contacts:',
      '  security:',
      "    name: '/(a)\\1/'",
      "    email: '*@example.com'",
      'targets:',
      "  - accounts: ['111122223333']",
      '    contacts:',
      '      primary:',
      "        phone: '/(?=1)1+/'",
      '',
    ].join('\n');
    expect(checkPolicyText(text, 'p.yml').issues).toEqual([
      {
        file: 'p.yml',
        line: 4,
        column: 11,
        message:
          '`contacts.security.name` is not a usable pattern: a backreference (\\1) cannot be matched in linear time (rewrite the pattern without it)',
      },
      {
        file: 'p.yml',
        line: 10,
        column: 16,
        message:
          '`targets.0.contacts.primary.phone` is not a usable pattern: lookahead ((?=) cannot be matched in linear time (rewrite the pattern without it)',
      },
    ]);
  });

  test('an invalid expression at load', () => {
    expect(checkPolicyText("version: 1\ncontacts:\n  billing:\n    title: '/([a-z]/'\n", 'p.yml').issues).toEqual([
      {
        file: 'p.yml',
        line: 4,
        column: 12,
        message: '`contacts.billing.title` is not a usable pattern: invalid regex: unterminated group',
      },
    ]);
  });
});
