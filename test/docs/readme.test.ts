/**
 * The README's control table is generated from the registry (npm run generate), so it never drifts from the code;
 * `npm run generate -- --check` (run by CI) fails on any stale generated file.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { controlTable } from '../../src/controls/docs-tables.js';
import { PACKAGE_VERSION } from '../../src/version.js';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('lists every control of the registry with its meaning, severity and permission', () => {
    expect(readme).toContain(
      `<!-- controls:start (generated from src/controls: npm run generate) -->\n${controlTable()}\n<!-- controls:end -->`,
    );
  });

  it('documents every input and output of action.yml', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
      runs: { using: string; main: string };
    };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
      expect(readme).toContain(`| \`${name}\` |`);
  });

  it('shows the two quick-start commands', () => {
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });

  it('states the same version as package.json', () => {
    expect(PACKAGE_VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});

describe('README policy examples', () => {
  it('every policy example in the README is valid', async () => {
    const { checkPolicyText } = await import('../../src/policy/load.js');
    const readme = readFileSync('README.md', 'utf8');
    const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? '')
      .filter((text) => /^version: 1/m.test(text));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(checkPolicyText(example, 'README.md').issues).toEqual([]);
  });
});
