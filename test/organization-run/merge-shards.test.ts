import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import { InputError } from '../../src/errors.js';
import { mergeOrgReports } from '../../src/organization-run/merge-shards.js';
import { renderJson } from '../../src/report/json.js';
import { buildOrgReport, type AccountOutcome } from '../../src/report/org-report.js';
import { formatShard, selectShard } from '../../src/organization-run/shard.js';

function finding(control: string, status: Finding['status'], resource = 'account'): Finding {
  return {
    control,
    status,
    severity: 'medium',
    resource,
    expected: 'x',
    actual: status === 'pass' ? 'x' : 'y',
    message: `${control} ${status}`,
    remediation: 'fix it',
    location: { file: 'policy.yml', line: 3, column: 3 },
    references: [],
  };
}

function outcome(id: string, index: number): AccountOutcome {
  const statuses: Finding['status'][] = ['pass', 'fail', 'error', 'waived'];
  return {
    id,
    name: `acct-${index}`,
    ...(index % 7 === 3 ? { accessError: 'AccessDenied: not authorized' } : {}),
    ...(index % 2 === 0 ? { credentialReportGeneratedAt: '2026-11-26T10:00:00Z' } : {}),
    findings: [
      finding('passwordPolicy.minimumLength', statuses[index % 4] ?? 'pass'),
      finding('root.mfa', 'pass', 'root'),
    ],
    warnings: index % 5 === 0 ? ['waiver for iamUsers.consoleMfa matched nothing'] : [],
  };
}

const ids = Array.from({ length: 23 }, (_, index) => String(100000000000 + index * 7919));
const outcomes = ids.map(outcome);
const META = { policy: '.github/aws-account-baseline.yml', generatedAt: '2026-11-26T12:00:00.000Z' };

function shardReports(
  total: number,
  generatedAt = (index: number) => `2026-11-26T12:${String(index).padStart(2, '0')}:00.000Z`,
) {
  return Array.from({ length: total }, (_, index) => {
    const spec = { index: index + 1, total };
    const mine = new Set(selectShard(ids, spec));
    const report = buildOrgReport(outcomes.filter((entry) => mine.has(entry.id)).reverse(), {
      ...META,
      generatedAt: generatedAt(index),
      shard: formatShard(spec),
    });
    return { file: `shard-${index + 1}.json`, text: renderJson(report) };
  });
}

describe('buildOrgReport', () => {
  it('holds one section per account sorted by ID, all findings tagged with their account, and the summed summary', () => {
    const report = buildOrgReport([outcomes[2], outcomes[0]] as AccountOutcome[], META);
    expect(report.account).toEqual({ id: null });
    expect(report.accounts.map((section) => section.id)).toEqual([ids[0], ids[2]]);
    expect(report.findings.map((entry) => entry.account)).toEqual([ids[0], ids[0], ids[2], ids[2]]);
    expect(report.summary).toEqual({ pass: 3, fail: 0, error: 1, waived: 0, manual: 0, skipped: 0 });
    expect(report.accounts[1]?.summary.error).toBe(1);
    expect(report.warnings).toEqual([`account ${ids[0]}: waiver for iamUsers.consoleMfa matched nothing`]);
    expect(report).not.toHaveProperty('shard');
  });
});

describe('mergeOrgReports', () => {
  it.each([1, 2, 3, 5, 23])(
    'merging %i shards gives the single-job report byte for byte (generatedAt aside)',
    (total) => {
      const single = renderJson(buildOrgReport(outcomes, META));
      const merged = mergeOrgReports(shardReports(total));
      expect(merged.generatedAt).toBe(`2026-11-26T12:${String(total - 1).padStart(2, '0')}:00.000Z`);
      expect(renderJson({ ...merged, generatedAt: META.generatedAt })).toBe(single);
    },
  );

  it('takes shard files in any order', () => {
    const reports = shardReports(4);
    expect(mergeOrgReports([...reports].reverse())).toEqual(mergeOrgReports(reports));
  });

  it('refuses a missing shard, a repeated shard and an account in two reports, naming the files', () => {
    const reports = shardReports(3);
    expect(() => mergeOrgReports(reports.slice(0, 2))).toThrow('shard-1.json:1:1 shard 3/3 missing');
    const repeated = [...reports, { ...reports[0], file: 'again.json' } as (typeof reports)[number]];
    let error: unknown;
    try {
      mergeOrgReports(repeated);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const messages = (error as InputError).issues.map((issue) => `${issue.file} ${issue.message}`);
    expect(messages).toContain('again.json shard 1/3 is also in shard-1.json');
    expect(messages).toContain(`again.json account ${ids[0]} is also in shard-1.json`);
  });

  it('refuses shards of runs with different shard counts and reports of different policies', () => {
    const [first] = shardReports(2);
    const [, second] = shardReports(3);
    expect(() => mergeOrgReports([first, second] as { file: string; text: string }[])).toThrow(
      'is from a run of 3 shards, others of 2',
    );
    const other = {
      file: 'other.json',
      text: (second?.text ?? '').replace('.github/aws-account-baseline.yml', 'other.yml'),
    };
    expect(() => mergeOrgReports([first, other] as { file: string; text: string }[])).toThrow(
      'other.json:1:1 policy other.yml differs',
    );
  });

  it('points at the line and column of broken JSON, and refuses what is not a report', () => {
    // The whole message, in our words: JSON.parse's wording differs between Node versions.
    expect(() => mergeOrgReports([{ file: 'bad.json', text: '{\n  "version": 1,\n  oops\n}' }])).toThrow(
      /^bad\.json:3:3 not valid JSON: unexpected "o", expected a double-quoted property name$/,
    );
    expect(() => mergeOrgReports([{ file: 'cut.json', text: '{\n  "version": 1,\n  "policy": "p' }])).toThrow(
      /^cut\.json:3:13 not valid JSON: unterminated string$/,
    );
    expect(() => mergeOrgReports([{ file: 'x.json', text: '{"version":2}' }])).toThrow(
      'x.json:1:1 not an aws-account-baseline JSON report of version 1',
    );
    expect(() => mergeOrgReports([])).toThrow(InputError);
  });

  it('accepts single-account reports as one section each', () => {
    const plain = (id: string, status: Finding['status']) => ({
      file: `${id}.json`,
      text: JSON.stringify({
        version: 1,
        account: { id },
        policy: 'p.yml',
        generatedAt: '2026-11-26T12:00:00.000Z',
        summary: {},
        findings: [finding('root.mfa', status, 'root')],
        warnings: [],
      }),
    });
    const merged = mergeOrgReports([plain('222222222222', 'fail'), plain('111111111111', 'pass')]);
    expect(merged.accounts.map((section) => section.id)).toEqual(['111111111111', '222222222222']);
    expect(merged.findings.map((entry) => [entry.account, entry.status])).toEqual([
      ['111111111111', 'pass'],
      ['222222222222', 'fail'],
    ]);
    expect(merged.summary).toMatchObject({ pass: 1, fail: 1 });
  });
});
