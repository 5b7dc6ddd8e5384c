/**
 * The malformed-policy corpus: every test/fixtures/policies/invalid/NAME.yml is refused with exactly the issues
 * written next to it in NAME.expected (one `FILE:LINE:COL message` per line, paths relative to that folder).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { InputError, formatIssue } from '../../src/errors.js';
import { loadPolicy, validatePolicyFile } from '../../src/policy/load.js';

const dir = 'test/fixtures/policies/invalid';
const cases = readdirSync(dir)
  .filter((name) => name.endsWith('.yml'))
  .sort()
  .map((name) => ({ name, expected: readFileSync(`${dir}/${name.replace(/\.yml$/, '.expected')}`, 'utf8').trimEnd() }));

test('the corpus holds at least 40 malformed policies', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
});

test.each(cases)('$name is refused with the expected issues', async ({ name, expected }) => {
  const issues = await validatePolicyFile(`${dir}/${name}`);
  const actual = issues.map((issue) => formatIssue(issue).split(`${dir}/`).join('')).join('\n');
  expect(actual).toBe(expected);
  for (const issue of issues) {
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
  }
});

test('loadPolicy throws one InputError carrying every issue', async () => {
  const error = await loadPolicy(`${dir}/many-problems.yml`).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).issues).toHaveLength(5);
  expect((error as InputError).message.split('\n')[0]).toBe(
    `${dir}/many-problems.yml:3:18 \`passwordPolicy.minimumLength\` must be between 6 and 128 (got 4)`,
  );
});
