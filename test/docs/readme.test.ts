/**
 * The README's control table is generated from the catalogue, so it never drifts from the code.
 * Regenerate with: UPDATE_DOCS=1 npm test -- test/docs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CONTROLS } from '../../src/controls/catalogue.js';
import { PACKAGE_VERSION } from '../../src/version.js';

const START = '<!-- controls:start (generated from src/controls: UPDATE_DOCS=1 npm test -- test/docs) -->';
const END = '<!-- controls:end -->';

function controlTable(): string {
  const rows = CONTROLS.map(
    (control) =>
      `| \`${control.id}\` | ${control.title} | ${control.severity} | ${control.permissions.map((p) => `\`${p}\``).join(', ') || 'none (the policy file)'} |`,
  );
  return ['| control | what it checks | default severity | data source (IAM permission) |', '|---|---|---|---|', ...rows].join('\n');
}

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('lists every control of the catalogue with its meaning, severity and permission', () => {
    const generated = `${START}\n${controlTable()}\n${END}`;
    const pattern = new RegExp(`${START.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s\\S]*?${END}`);
    if (process.env.UPDATE_DOCS) writeFileSync('README.md', readme.replace(pattern, generated));
    expect(readme).toContain(generated);
  });

  it('documents every input and output of action.yml', () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown>; runs: { using: string; main: string } };
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(readme).toContain(`| \`${name}\` |`);
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
    const examples = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').filter((text) => /^version: 1/m.test(text));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) expect(checkPolicyText(example, 'README.md').issues).toEqual([]);
  });
});
