import { renderText } from '../../src/report/text.js';
import { expectFixture } from './expect-fixture.js';
import { HOSTILE, compliantReport, makeFinding, makeReport, sampleReport } from './sample-report.js';

const ESC = '\u001b';

describe('renderText', () => {
  it('renders the sample report without colour', () => {
    const text = renderText(sampleReport, { color: false });
    expect(text).not.toContain(ESC);
    expectFixture('sample.txt', text);
  });

  it('colours only when asked', () => {
    const text = renderText(sampleReport, { color: true });
    expect(text).toContain(`${ESC}[31mFAIL`);
    expect(text).toContain(`${ESC}[1;31mNOT COMPLIANT`);
  });

  it('shows the CIS ids of the version the policy names, and none where that version lacks the recommendation', () => {
    expect(renderText(sampleReport, { color: false })).toContain(
      'passwordPolicy.minimumLength (medium) · CIS 5.0.0 1.7 · resource',
    );
    const v3 = renderText({ ...sampleReport, cisVersion: '3.0.0' }, { color: false });
    expect(v3).toContain('passwordPolicy.minimumLength (medium) · CIS 3.0.0 1.8 · resource');
    // The sample's root.mfa finding names only v5.0.0 ids.
    expect(v3).toContain('root.mfa (critical) · resource root');
  });

  it('says compliant when nothing fails or errors', () => {
    expect(renderText(compliantReport, { color: false })).toMatch(/^aws-account-baseline: COMPLIANT\n/);
  });

  it('an error alone makes the report non-compliant', () => {
    const report = makeReport([makeFinding({ control: 'root.mfa', status: 'error', severity: 'critical' })]);
    expect(renderText(report, { color: false })).toMatch(/^aws-account-baseline: NOT COMPLIANT\n/);
  });

  it('groups findings by area in catalogue order, failures first', () => {
    const text = renderText(sampleReport, { color: false });
    const order = ['Password policy', 'Root user', 'Contacts', 'IAM users', 'Attestations'].map((title) =>
      text.indexOf(`\n${title}\n`),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text.indexOf('FAIL    passwordPolicy.minimumLength')).toBeLessThan(
      text.indexOf('PASS    passwordPolicy.requireSymbols'),
    );
  });

  it('keeps a hostile value on one labelled line, with no terminal escapes', () => {
    const report = makeReport([
      makeFinding({
        control: 'iamUsers.consoleMfa',
        status: 'fail',
        severity: 'high',
        resource: HOSTILE,
        actual: `${ESC}[2J${HOSTILE}`,
      }),
    ]);
    const text = renderText(report, { color: false });
    expect(text).not.toContain(ESC);
    // No output line may start (after indentation) with a workflow command.
    for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    expect(text).toContain(
      'resource x|y `z` <img src=x onerror=alert(1)> **b** [l](http://e.test)\\n::error::owned @octocat #1',
    );
  });

  it('folds the skipped findings of an area into one line, naming each cause', () => {
    const noPolicy = (control: string) =>
      makeFinding({ control, status: 'skipped', severity: 'medium', message: 'Skipped: no password policy.' });
    const report = makeReport([
      makeFinding({ control: 'passwordPolicy.exists', status: 'fail', severity: 'high' }),
      noPolicy('passwordPolicy.minimumLength'),
      noPolicy('passwordPolicy.requireSymbols'),
      makeFinding({ control: 'root.mfa', status: 'skipped', severity: 'critical', message: 'Not applicable: a.' }),
      makeFinding({
        control: 'root.accessKeys',
        status: 'skipped',
        severity: 'critical',
        message: 'Not applicable: b.',
      }),
    ]);
    const lines = renderText(report, { color: false }).split('\n');
    expect(lines.filter((line) => line.includes('SKIPPED'))).toEqual([
      '  SKIPPED 2 controls: passwordPolicy.minimumLength, passwordPolicy.requireSymbols · why: Skipped: no password policy.',
      '  SKIPPED 2 controls: root.mfa (Not applicable: a.); root.accessKeys (Not applicable: b.)',
    ]);
  });

  it('explains a NOT COMPLIANT headline when the run passes at its --fail-on', () => {
    const report = makeReport([
      makeFinding({ control: 'passwordPolicy.minimumLength', status: 'fail', severity: 'medium' }),
    ]);
    const text = renderText(report, { color: false, threshold: { failOn: 'high', runner: 'cli' } });
    expect(text).toContain(
      '  not compliant, yet the run passes (exit 0): nothing at or above high failed or could not be read (--fail-on high).\n',
    );
    expect(renderText(report, { color: false, threshold: { failOn: 'medium', runner: 'cli' } })).not.toContain('yet');
  });
});
