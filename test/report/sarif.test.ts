import type { Log, Result } from 'sarif';
import { buildSarif, renderSarif } from '../../src/report/sarif.js';
import type { ControlDefinition } from '../../src/controls/control.js';
import { expectFixture } from './expect-fixture.js';
import { sarifSchemaErrors } from './sarif-schema.js';
import { HOSTILE, makeFinding, makeReport, sampleReport } from './sample-report.js';

function control(id: string, severity: ControlDefinition['severity']): ControlDefinition {
  const area = id.split('.')[0] as ControlDefinition['area'];
  const key = id.slice(id.indexOf('.') + 1);
  return {
    id,
    area,
    key,
    title: `Title of ${id}`,
    severity,
    sources: ['accountSummary'],
    permissions: ['iam:GetAccountSummary'],
    remediation: `Fix ${id}.`,
    docs: `https://docs.aws.amazon.com/${id}`,
    references: [],
  };
}

/** A fixed catalogue, so the expected file does not change when controls are added. */
const controls: ControlDefinition[] = [
  control('passwordPolicy.minimumLength', 'medium'),
  control('passwordPolicy.requireSymbols', 'medium'),
  control('passwordPolicy.hardExpiry', 'low'),
  control('root.mfa', 'critical'),
  control('root.accessKeys', 'critical'),
  control('contacts.security', 'high'),
  control('iamUsers.consoleMfa', 'high'),
  control('attestations.*', 'medium'),
];

const results = (log: Log): Result[] => log.runs[0]?.results ?? [];

describe('buildSarif', () => {
  const log = buildSarif(sampleReport, { controls, toolVersion: '0.1.0' });

  it('is valid against the SARIF 2.1.0 schema', () => {
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('the validator rejects an invalid log (so the test above can fail)', () => {
    expect(sarifSchemaErrors({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).not.toEqual([]);
  });

  it('matches the expected file', () => {
    expectFixture('sample.sarif.json', renderSarif(sampleReport, { controls, toolVersion: '0.1.0' }));
  });

  it('tags rules with the CIS ids per version and the Security Hub ids, and carries every reference', () => {
    const rule = log.runs[0]?.tool.driver.rules?.find((candidate) => candidate.id === 'passwordPolicy.minimumLength');
    expect(rule?.properties?.tags).toEqual([
      'security',
      'aws',
      'passwordPolicy',
      'CIS-3.0.0-1.8',
      'CIS-5.0.0-1.7',
      'IAM.15',
    ]);
    expect(rule?.properties?.['references']).toEqual(sampleReport.findings[0]?.references);
  });

  it('a rule without findings takes the references of its control definition', () => {
    const defined = { ...controls[0]!, references: [{ standard: 'aws-security-hub' as const, id: 'IAM.15' }] };
    const empty = buildSarif({ ...sampleReport, findings: [] }, { controls: [defined], toolVersion: '0.1.0' });
    expect(empty.runs[0]?.tool.driver.rules?.[0]?.properties?.tags).toContain('IAM.15');
  });

  it('has one rule per control, attestations expanded per name', () => {
    expect(log.runs[0]?.tool.driver.rules?.map((rule) => rule.id)).toEqual([
      ...controls.slice(0, -1).map((c) => c.id),
      'attestations.root-password-rotated',
    ]);
  });

  it('reports failing, erroring and waived findings; the waived one suppressed', () => {
    expect(results(log).map((r) => [r.ruleId, r.level, r.suppressions?.[0]?.justification])).toEqual([
      ['passwordPolicy.minimumLength', 'warning', undefined],
      ['passwordPolicy.hardExpiry', 'note', undefined],
      ['root.mfa', 'error', undefined],
      ['contacts.security', 'error', undefined],
      ['iamUsers.consoleMfa', 'error', 'token in the safe (until 2027-03-31)'],
    ]);
  });

  it('every ruleIndex points at the rule of the ruleId', () => {
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    for (const result of results(log)) expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
  });

  it('locates results in the policy file; a bundled baseline falls back to line 1 of the policy', () => {
    const regions = results(log).map((r) => {
      const physical = r.locations?.[0]?.physicalLocation;
      return [physical?.artifactLocation?.uri, physical?.region?.startLine, physical?.region?.startColumn];
    });
    expect(regions[0]).toEqual(['.github/aws-account-baseline.yml', 5, 18]);
    expect(regions[1]).toEqual(['.github/aws-account-baseline.yml', 1, 1]);
  });

  it('makes absolute paths relative to the repository root', () => {
    const report = makeReport([
      makeFinding({
        control: 'root.mfa',
        status: 'fail',
        severity: 'critical',
        location: { file: '/repo/policies/a.yml', line: 3, column: 4 },
      }),
    ]);
    const uri = results(buildSarif(report, { controls, repositoryRoot: '/repo' }))[0]?.locations?.[0]?.physicalLocation
      ?.artifactLocation?.uri;
    expect(uri).toBe('policies/a.yml');
  });

  it('percent-encodes paths that are not valid URI references (spaces, #, ?), keeping the log valid', () => {
    const file = '/repo/my policies/a#1?.yml';
    const report = makeReport(
      [
        makeFinding({
          control: 'root.mfa',
          status: 'fail',
          severity: 'critical',
          location: { file, line: 3, column: 4 },
        }),
      ],
      { policy: file },
    );
    const log = buildSarif(report, { controls, repositoryRoot: '/repo' });
    expect(results(log)[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe('my%20policies/a%231%3F.yml');
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it.each([
    ['critical', '9.5'],
    ['high', '8.0'],
    ['medium', '5.5'],
    ['low', '3.0'],
  ] as const)('security-severity of %s is %s, on the rule and the result', (severity, score) => {
    const report = makeReport([makeFinding({ control: 'root.mfa', status: 'fail', severity })]);
    const sarif = buildSarif(report, { controls });
    expect(results(sarif)[0]?.properties?.['security-severity']).toBe(score);
    expect(
      sarif.runs[0]?.tool.driver.rules?.find((rule) => rule.id === 'root.mfa')?.properties?.['security-severity'],
    ).toBe(score);
  });

  it('fingerprints are stable when the line moves, and differ per resource and account', () => {
    const at = (line: number, resource: string, account: string) =>
      results(
        buildSarif(
          makeReport(
            [
              makeFinding({
                control: 'iamUsers.consoleMfa',
                status: 'fail',
                severity: 'high',
                resource,
                location: { file: 'p.yml', line, column: 1 },
              }),
            ],
            { account: { id: account } },
          ),
          { controls },
        ),
      )[0]?.partialFingerprints?.['awsAccountBaseline/v1'];
    expect(at(3, 'alice', '1')).toBe(at(9, 'alice', '1'));
    expect(at(3, 'alice', '1')).not.toBe(at(3, 'bob', '1'));
    expect(at(3, 'alice', '1')).not.toBe(at(3, 'alice', '2'));
  });

  it('stays valid with hostile values', () => {
    const report = makeReport([
      makeFinding({ control: HOSTILE, status: 'fail', severity: 'high', resource: HOSTILE, message: HOSTILE }),
    ]);
    expect(sarifSchemaErrors(buildSarif(report, { controls }))).toEqual([]);
  });

  it('with the real catalogue, every result has its rule', () => {
    const sarif = buildSarif(sampleReport);
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    for (const result of results(sarif)) expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
  });
});
