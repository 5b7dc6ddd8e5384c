import { describe, expect, it, test } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, MAX_LISTED_ISSUES, formatIssue, formatIssues, type InputIssue } from '../src/errors.js';
import { validatePolicyFile } from '../src/policy/load.js';

const issue = (index: number): InputIssue => ({
  file: 'p.yml',
  line: 2,
  column: index + 1,
  message: `problem ${index}`,
});

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
    expect(
      formatIssues(issues.slice(0, MAX_LISTED_ISSUES + 1))
        .split('\n')
        .at(-1),
    ).toBe('and 1 more problem');
  });
});

describe('formatIssue', () => {
  it('keeps a message and a file name that hold newlines or control characters on one line', () => {
    const line = formatIssue({
      file: 'p\n::warning::x.yml',
      line: 2,
      column: 1,
      message: 'unknown key "bad\n::error file=x,line=1::forged\r\u001b[2J"',
    });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('p\\n::warning::x.yml:2:1 unknown key "bad\\n::error file=x,line=1::forged\\r\\u001b[2J"');
  });

  it('a policy key with a newline is reported on one line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aab-issue-')), 'policy.yml');
    writeFileSync(file, 'version: 1\n"bad\\n::error file=x,line=1::forged": 1\n');
    const issues = await validatePolicyFile(file);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(formatIssue(issue)).not.toMatch(/\n/);
    expect(issues.map(formatIssue).join('\n')).toContain('bad\\n::error file=x,line=1::forged');
  });
});
