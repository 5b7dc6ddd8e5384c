import { describe, expect, test } from '@jest/globals';
import { InputError, MAX_LISTED_ISSUES, formatIssues, type InputIssue } from '../src/errors.js';

const issue = (index: number): InputIssue => ({ file: 'p.yml', line: 2, column: index + 1, message: `problem ${index}` });

describe('formatIssues', () => {
  test('lists every issue up to the cap', () => {
    const issues = Array.from({ length: MAX_LISTED_ISSUES }, (_, index) => issue(index));
    expect(formatIssues(issues).split('\n')).toHaveLength(MAX_LISTED_ISSUES);
  });

  test('beyond the cap: the first ones, then how many more', () => {
    const issues = Array.from({ length: 300_000 }, (_, index) => issue(index));
    const lines = formatIssues(issues).split('\n');
    expect(lines).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(lines[0]).toBe('p.yml:2:1 problem 0');
    expect(lines[MAX_LISTED_ISSUES]).toBe('and 299980 more problems');
    expect(new InputError(issues).message).toBe(lines.join('\n'));
    expect(formatIssues(issues.slice(0, MAX_LISTED_ISSUES + 1)).split('\n').at(-1)).toBe('and 1 more problem');
  });
});
