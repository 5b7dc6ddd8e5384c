import { readFile } from 'node:fs/promises';
import { SOURCE_ACTIONS } from '../../src/state/collect.js';

interface PolicyDocument {
  Statement: { Effect: string; Action: string[]; Resource: string }[];
}

describe('policies/iam/read-only.json', () => {
  it('grants exactly the actions the collector calls, read-only', async () => {
    const policy = JSON.parse(await readFile('policies/iam/read-only.json', 'utf8')) as PolicyDocument;
    const granted = policy.Statement.flatMap((statement) => statement.Action).sort();
    const called = [...new Set(Object.values(SOURCE_ACTIONS).flat())].sort();
    expect(granted).toEqual(called);
    expect(policy.Statement.every((statement) => statement.Effect === 'Allow')).toBe(true);
    expect(granted.filter((action) => !/:(Get|List|Generate)/.test(action))).toEqual([]);
  });

  it('is documented action by action in docs/permissions.md', async () => {
    const doc = await readFile('docs/permissions.md', 'utf8');
    for (const action of Object.values(SOURCE_ACTIONS).flat()) expect(doc).toContain(`\`${action}\``);
  });
});
