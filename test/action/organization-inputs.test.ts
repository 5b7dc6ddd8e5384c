import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { expandReportPatterns, readOrganizationInputs } from '../../src/action/organization-inputs.js';
import { UsageError } from '../../src/errors.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readOrganizationInputs', () => {
  it('is a single-account run without accounts, organization or OUs', () => {
    expect(readOrganizationInputs(inputs({}))).toEqual({
      step: { kind: 'single' },
      memberRoleName: 'aws-account-baseline-read-only',
      concurrency: 16,
    });
  });
  it('checks the organization, one shard of it, with the role, external ID and concurrency given', () => {
    expect(
      readOrganizationInputs(
        inputs({
          organization: 'true',
          shard: '2/4',
          'member-role-name': 'audit/ro',
          'external-id': 'x-123',
          concurrency: '32',
        }),
      ),
    ).toEqual({
      step: { kind: 'check', selection: { organization: true }, shard: { index: 2, total: 4 } },
      memberRoleName: 'audit/ro',
      externalId: 'x-123',
      concurrency: 32,
    });
  });
  it('discovers with shards (the organization by default) and merges with merge-reports', () => {
    expect(readOrganizationInputs(inputs({ shards: '8', 'organizational-units': 'ou-ab12-11111111' })).step).toEqual({
      kind: 'discover',
      selection: { organizationalUnits: ['ou-ab12-11111111'] },
      shards: 8,
    });
    expect(readOrganizationInputs(inputs({ shards: '3' })).step).toEqual({
      kind: 'discover',
      selection: { organization: true },
      shards: 3,
    });
    expect(readOrganizationInputs(inputs({ 'merge-reports': 'a/*.json\nb.json' })).step).toEqual({
      kind: 'merge',
      patterns: ['a/*.json', 'b.json'],
    });
  });
  it('refuses contradictory inputs', () => {
    expect(() => readOrganizationInputs(inputs({ organization: 'true', shards: '2', shard: '1/2' }))).toThrow(
      UsageError,
    );
    expect(() => readOrganizationInputs(inputs({ shard: '1/2' }))).toThrow('needs accounts');
    expect(() => readOrganizationInputs(inputs({ 'merge-reports': 'x.json', organization: 'true' }))).toThrow(
      UsageError,
    );
    expect(() => readOrganizationInputs(inputs({ organization: 'yes' }))).toThrow(UsageError);
    expect(() => readOrganizationInputs(inputs({ accounts: '123' }))).toThrow(UsageError);
  });
});

describe('expandReportPatterns', () => {
  it('expands a * pattern, a folder and a plain file, sorted without duplicates', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'aab-merge-'));
    for (const name of ['shard-2.json', 'shard-1.json', 'notes.txt']) writeFileSync(join(folder, name), '{}');
    expect(await expandReportPatterns([join(folder, 'shard-*.json'), folder, join(folder, 'shard-1.json')])).toEqual([
      join(folder, 'shard-1.json'),
      join(folder, 'shard-2.json'),
    ]);
    await expect(expandReportPatterns([join(folder, 'none-*.json')])).rejects.toThrow('nothing matches');
  });
});
