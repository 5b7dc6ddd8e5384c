import {
  ANNOTATIONS_SHOWN_PER_LEVEL,
  buildAnnotations,
  unshownAnnotationFindings,
} from '../../src/report/annotations.js';
import type { Severity, Status } from '../../src/findings.js';
import { SAMPLE_POLICY, makeFinding, makeReport, sampleReport } from './sample-report.js';

describe('buildAnnotations', () => {
  it('makes one annotation per failing or erroring finding, most severe first', () => {
    const annotations = buildAnnotations(sampleReport);
    expect(annotations.map((a) => [a.level, a.title])).toEqual([
      ['error', 'root.mfa'],
      ['error', 'contacts.security'],
      ['warning', 'passwordPolicy.minimumLength'],
      ['notice', 'passwordPolicy.hardExpiry'],
    ]);
  });

  it.each<[Status, number]>([
    ['fail', 1],
    ['error', 1],
    ['waived', 0],
    ['pass', 0],
    ['skipped', 0],
    ['manual', 0],
  ])('status %s gives %i annotation(s)', (status, count) => {
    const report = makeReport([makeFinding({ control: 'root.mfa', status, severity: 'critical' })]);
    expect(buildAnnotations(report)).toHaveLength(count);
  });

  it.each<[Severity, string]>([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'notice'],
  ])('severity %s is level %s', (severity, level) => {
    const report = makeReport([makeFinding({ control: 'root.mfa', status: 'fail', severity })]);
    expect(buildAnnotations(report)[0]?.level).toBe(level);
  });

  it('points at the line and column of the expectation, and says expected vs actual and the fix', () => {
    const annotation = buildAnnotations(sampleReport).find((a) => a.title === 'passwordPolicy.minimumLength');
    expect(annotation).toEqual({
      level: 'warning',
      title: 'passwordPolicy.minimumLength',
      file: SAMPLE_POLICY,
      startLine: 5,
      startColumn: 18,
      message:
        'The minimum password length is 8.\nResource: account\nExpected: >= 14\nActual: 8\n' +
        'Fix: IAM console > Account settings > Password policy > Edit. CLI: aws iam update-account-password-policy --minimum-password-length 14',
    });
  });

  it('falls back to the top of the user policy file for a bundled baseline', () => {
    const annotation = buildAnnotations(sampleReport).find((a) => a.title === 'passwordPolicy.hardExpiry');
    expect([annotation?.file, annotation?.startLine, annotation?.startColumn]).toEqual([SAMPLE_POLICY, 1, 1]);
  });

  it('keeps a relative extends file as it is', () => {
    const location = { file: 'baselines/org.yml', line: 7, column: 3 };
    const report = makeReport([makeFinding({ control: 'root.mfa', status: 'fail', severity: 'critical', location })]);
    expect(buildAnnotations(report)[0]).toMatchObject({ file: 'baselines/org.yml', startLine: 7, startColumn: 3 });
  });
});

describe('unshownAnnotationFindings', () => {
  const many = (count: number, severity: Severity) =>
    Array.from({ length: count }, (_, index) =>
      makeFinding({ control: 'iamUsers.consoleMfa', status: 'fail', severity, resource: `${severity}-${index}` }),
    );

  it('is empty at the limit', () => {
    expect(
      unshownAnnotationFindings(
        makeReport([...many(ANNOTATIONS_SHOWN_PER_LEVEL, 'high'), ...many(ANNOTATIONS_SHOWN_PER_LEVEL, 'medium')]),
      ),
    ).toEqual([]);
  });

  it('lists what is over the limit, per level', () => {
    const report = makeReport([...many(11, 'high'), ...many(12, 'medium'), ...many(1, 'low')]);
    expect(unshownAnnotationFindings(report).map((f) => f.resource)).toEqual(['high-10', 'medium-10', 'medium-11']);
  });
});
