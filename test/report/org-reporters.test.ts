/** The reporters on an organization report: no single account ID, every finding tagged with its account. */
import type { Log, Result } from 'sarif';
import type { Finding, Report } from '../../src/findings.js';
import { buildOrgReport, type AccountOutcome } from '../../src/report/org-report.js';
import { buildAnnotations } from '../../src/report/annotations.js';
import { buildSarif } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { sarifSchemaErrors } from './sarif-schema.js';
import { HOSTILE, makeFinding, makeReport } from './sample-report.js';

const PROD = '111122223333';
const SANDBOX = '444455556666';

const rootMfaFail = makeFinding({
  control: 'root.mfa',
  status: 'fail',
  severity: 'critical',
  resource: 'root',
  expected: 'MFA on',
  actual: 'no MFA',
  message: 'Root has no MFA.',
});
const lengthPass = makeFinding({
  control: 'passwordPolicy.minimumLength',
  status: 'pass',
  severity: 'medium',
  expected: '>= 14',
  actual: '14',
});

function outcome(id: string, findings: Finding[]): AccountOutcome {
  return { id, findings, warnings: [] };
}

const META = { policy: '.github/aws-account-baseline.yml', generatedAt: '2026-11-26T08:00:00.000Z' };
const orgReport = buildOrgReport(
  [outcome(SANDBOX, [rootMfaFail, lengthPass]), outcome(PROD, [rootMfaFail, lengthPass])],
  META,
);
const oneAccountOrg = buildOrgReport([outcome(PROD, [lengthPass])], META);

const results = (log: Log): Result[] => log.runs[0]?.results ?? [];

/** The table rows (minus separators) of a Markdown section, split into cells. */
function rows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('|') && !line.startsWith('| ---'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

describe('summary of an organization report', () => {
  it('says how many accounts, not "unknown account"', () => {
    const markdown = renderSummary(orgReport);
    expect(markdown).toContain('\n2 accounts · policy <code>.github/aws-account-baseline.yml</code>\n');
    expect(markdown).not.toContain('unknown account');
  });

  it('says "1 account" for one', () => {
    expect(renderSummary(oneAccountOrg)).toContain('\n1 account · policy ');
  });

  it('still says "unknown account" for a one-account report without an ID', () => {
    expect(renderSummary(makeReport([lengthPass], { account: { id: null } }))).toContain('\nunknown account · policy ');
  });

  it('gives every row an Account column', () => {
    const table = rows(renderSummary(orgReport));
    expect(table.filter((row) => row[0] === 'Account')).toHaveLength(2);
    const rootRows = table.filter((row) => row[2] === '<code>root.mfa</code>');
    expect(rootRows.map((row) => row[0])).toEqual([`<code>${PROD}</code>`, `<code>${SANDBOX}</code>`]);
  });

  it('names the account in the waivers and unshown-annotations tables', () => {
    const waived = makeFinding({
      control: 'iamUsers.consoleMfa',
      status: 'waived',
      severity: 'high',
      resource: 'break-glass',
      waiver: { reason: 'token in the safe', expires: '2027-03-31', location: { file: 'p.yml', line: 1, column: 1 } },
    });
    const many = Array.from({ length: 11 }, (_, index) => ({ ...rootMfaFail, resource: `r${index}` }));
    const markdown = renderSummary(buildOrgReport([outcome(PROD, [waived, ...many])], META));
    const waivers = rows(markdown.slice(markdown.indexOf('### Waivers')));
    expect(waivers[0]?.[0]).toBe('Account');
    expect(waivers[1]?.slice(0, 2)).toEqual([`<code>${PROD}</code>`, '<code>iamUsers.consoleMfa</code>']);
    const unshown = rows(
      markdown.slice(markdown.indexOf('### Annotations not shown'), markdown.indexOf('### Waivers')),
    );
    expect(unshown.map((row) => row[0])).toEqual(['Account', `<code>${PROD}</code>`]);
  });

  it('keeps one-account tables as they were (no Account column)', () => {
    expect(rows(renderSummary(makeReport([rootMfaFail])))[0]?.[0]).toBe('Status');
  });

  it('escapes a hostile account value in its cell', () => {
    const hostile: Report = { ...orgReport, findings: [{ ...rootMfaFail, account: HOSTILE }] };
    const markdown = renderSummary(hostile);
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('\n::error');
  });
});

describe('SARIF of an organization report', () => {
  const log = buildSarif(orgReport);

  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('carries the account in properties.account and in the message', () => {
    expect(results(log).map((result) => [result.properties?.['account'] as unknown, result.message.text])).toEqual([
      [PROD, `Root has no MFA. Expected: MFA on; actual: no MFA (account ${PROD}, resource root).`],
      [SANDBOX, `Root has no MFA. Expected: MFA on; actual: no MFA (account ${SANDBOX}, resource root).`],
    ]);
  });

  it('fingerprints differ per account, and equal those of a one-account run of that account', () => {
    const [prod, sandbox] = results(log).map((result) => result.partialFingerprints?.['awsAccountBaseline/v1']);
    expect(prod).not.toBe(sandbox);
    const single = results(buildSarif(makeReport([rootMfaFail], { account: { id: PROD } })))[0];
    expect(single?.partialFingerprints?.['awsAccountBaseline/v1']).toBe(prod);
    expect(single?.message.text).toBe('Root has no MFA. Expected: MFA on; actual: no MFA (resource root).');
  });
});

describe('annotations of an organization report', () => {
  it('say which account, in the title and the message', () => {
    const annotations = buildAnnotations(orgReport);
    expect(annotations.map((annotation) => annotation.title)).toEqual([`[${PROD}] root.mfa`, `[${SANDBOX}] root.mfa`]);
    expect(annotations[0]?.message).toBe(
      `Root has no MFA.\nAccount: ${PROD}\nResource: root\nExpected: MFA on\nActual: no MFA`,
    );
  });

  it('keep the bare control ID as title on one-account runs', () => {
    expect(buildAnnotations(makeReport([rootMfaFail]))[0]?.title).toBe('root.mfa');
  });
});

describe('text report of an organization report', () => {
  const text = renderText(orgReport, { color: false });

  it('says how many accounts in the headline', () => {
    expect(text.split('\n')[1]).toBe('  2 accounts · policy .github/aws-account-baseline.yml');
    expect(renderText(oneAccountOrg, { color: false }).split('\n')[1]).toBe(
      '  1 account · policy .github/aws-account-baseline.yml',
    );
  });

  it('names the account on every finding line', () => {
    expect(text).toContain(`FAIL    root.mfa (critical) · account ${PROD} · resource root\n`);
    expect(text).toContain(`FAIL    root.mfa (critical) · account ${SANDBOX} · resource root\n`);
    expect(text).toContain(
      `PASS    passwordPolicy.minimumLength (medium) · account ${PROD} · resource account · expected >= 14 · actual 14\n`,
    );
  });

  it('leaves one-account lines without an account', () => {
    expect(renderText(makeReport([rootMfaFail]), { color: false })).toContain(
      'FAIL    root.mfa (critical) · resource root\n',
    );
  });

  it('keeps a hostile account value on its line', () => {
    const hostile = renderText({ ...orgReport, findings: [{ ...rootMfaFail, account: HOSTILE }] }, { color: false });
    for (const line of hostile.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
  });
});
