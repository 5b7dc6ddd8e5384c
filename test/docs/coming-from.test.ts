/**
 * The README's "Coming from another tool" table names only controls we have, with settings a policy accepts,
 * so a team that copies a row gets a valid policy.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { controlDefinition } from '../../src/controls/registry.js';
import { checkPolicyText } from '../../src/policy/load.js';

const readme = readFileSync('README.md', 'utf8');
const table = /<!-- coming-from:start[^>]*-->\n([\s\S]*?)<!-- coming-from:end -->/.exec(readme)?.[1] ?? '';
const rows = table.split('\n').filter((line) => line.startsWith('| `'));

/** The `control` and `control: setting` references of a row's first cell. */
function references(row: string): { control: string; setting?: string }[] {
  const firstCell = row.split(' | ')[0] ?? '';
  return [...firstCell.matchAll(/`([A-Za-z]+\.[\w-]+)(?:: ([^`]+))?`/g)].map((match) =>
    match[2] === undefined ? { control: match[1] ?? '' } : { control: match[1] ?? '', setting: match[2] },
  );
}

const knownControl = (id: string) => controlDefinition(id) !== undefined;

describe('README: coming from another tool', () => {
  it('has the table', () => {
    expect(rows.length).toBeGreaterThan(15);
  });

  it.each(rows.map((row) => [row.slice(0, 60), row]))('%s… names controls we have', (_label, row) => {
    const named = references(row);
    expect(named.length).toBeGreaterThan(0);
    expect(named.map((reference) => reference.control).filter((id) => !knownControl(id))).toEqual([]);
  });

  it.each(
    rows
      .flatMap((row) => references(row))
      .filter((reference) => reference.setting !== undefined)
      .map((reference) => [`${reference.control}: ${reference.setting ?? ''}`]),
  )('%s is a valid policy setting', (text) => {
    const [control = '', value = ''] = text.split(/: (.*)/s);
    const [area = '', key = ''] = control.split('.');
    const policy = { version: 1, [area]: { [key]: parse(value) as unknown } };
    expect(checkPolicyText(JSON.stringify(policy), 'README.md').issues).toEqual([]);
  });
});
