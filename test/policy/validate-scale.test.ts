/** Schema validation stays linear in the number of problems: a file with many bad entries is refused, not hung. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { checkPolicyText } from '../../src/policy/load.js';

describe('many invalid list items', () => {
  test('the generated validator appends errors in place: Ajv copies the whole list per failing item otherwise', () => {
    // vErrors.concat(...) once per failing item made 200,000 bad waivers run for minutes (quadratic).
    expect(readFileSync('src/generated/policy-validator.ts', 'utf8')).not.toContain('.concat(');
  });

  test('20,000 bad waivers: one issue each, in document order', () => {
    const checked = checkPolicyText(`version: 1\nexceptions: [${Array(20_000).fill('1').join(',')}]\n`, 'p.yml');
    expect(checked.issues).toHaveLength(20_000);
    expect(checked.issues[0]).toEqual({
      file: 'p.yml',
      line: 2,
      column: 14,
      message: '`exceptions.0` must be a mapping, not a number (1)',
    });
    expect(checked.issues.at(-1)?.message).toBe('`exceptions.19999` must be a mapping, not a number (1)');
  });
});

describe('deep nesting', () => {
  test('a document nested thousands of levels deep is one issue, not a crash', () => {
    const issues = checkPolicyText(`version: 1\nroot: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'p.yml').issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      file: 'p.yml',
      line: 2,
      message: 'the YAML is nested too deeply (no policy needs more than a few levels)',
    });
  });
});
