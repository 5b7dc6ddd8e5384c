import { renderSummary } from '../../src/report/summary.js';
import { ANNOTATIONS_SHOWN_PER_LEVEL } from '../../src/report/annotations.js';
import { expectFixture } from './expect-fixture.js';
import { HOSTILE, compliantReport, makeFinding, makeReport, sampleReport } from './sample-report.js';

/** The table rows of the summary: lines starting with `|`, minus header separators. */
function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('|') && !line.startsWith('| ---'));
}

/** Cells split as GFM does: on every `|` not preceded by a backslash. */
function cells(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('renderSummary', () => {
  it('renders the sample report', () => {
    expectFixture('sample-summary.md', renderSummary(sampleReport));
  });

  it('shows the CIS ids of the version the report names (cisVersion), 5.0.0 by default', () => {
    expect(renderSummary(sampleReport)).toContain('<code>passwordPolicy.minimumLength</code><br>CIS 5.0.0 1.7 |');
    const v3 = renderSummary({ ...sampleReport, cisVersion: '3.0.0' });
    expect(v3).toContain('<code>passwordPolicy.minimumLength</code><br>CIS 3.0.0 1.8 |');
    expect(v3).toContain('<code>root.mfa</code> |');
  });

  it('renders a compliant report', () => {
    expectFixture('compliant-summary.md', renderSummary(compliantReport));
  });

  it('puts waived findings in the waivers section only', () => {
    const markdown = renderSummary(sampleReport);
    const waivers = markdown.slice(markdown.indexOf('### Waivers'));
    expect(waivers).toContain('token in the safe');
    expect(markdown.indexOf('break-glass')).toBeGreaterThan(markdown.indexOf('### Waivers'));
  });

  it('says how many annotations GitHub will not show, and lists them', () => {
    const findings = Array.from({ length: ANNOTATIONS_SHOWN_PER_LEVEL + 3 }, (_, index) =>
      makeFinding({ control: 'iamUsers.consoleMfa', status: 'fail', severity: 'high', resource: `user-${index}` }),
    );
    const markdown = renderSummary(makeReport(findings));
    expect(markdown).toContain(
      'GitHub shows at most 10 error and 10 warning annotations per step: 3 more are listed here.',
    );
    const unshown = markdown.slice(markdown.indexOf('### Annotations not shown'));
    expect(
      tableRows(unshown)
        .slice(1)
        .map((row) => cells(row)[2]),
    ).toEqual(['<code>user-10</code>', '<code>user-11</code>', '<code>user-12</code>']);
  });

  it('lists the unshown annotations after the area tables, before waivers and warnings', () => {
    const many = Array.from({ length: ANNOTATIONS_SHOWN_PER_LEVEL + 1 }, (_, index) =>
      makeFinding({ control: 'iamUsers.consoleMfa', status: 'fail', severity: 'high', resource: `user-${index}` }),
    );
    const markdown = renderSummary({
      ...sampleReport,
      findings: [...sampleReport.findings, ...many],
      warnings: ['a warning'],
    });
    const headings = markdown.split('\n').filter((line) => line.startsWith('### '));
    expect(headings).toEqual([
      '### Password policy',
      '### Root user',
      '### Contacts',
      '### IAM users',
      '### Attestations',
      '### Annotations not shown',
      '### Waivers',
      '### Warnings',
    ]);
  });

  it('says "1 more is listed" for one unshown annotation', () => {
    const findings = Array.from({ length: ANNOTATIONS_SHOWN_PER_LEVEL + 1 }, (_, index) =>
      makeFinding({ control: 'iamUsers.consoleMfa', status: 'fail', severity: 'high', resource: `user-${index}` }),
    );
    expect(renderSummary(makeReport(findings))).toContain('per step: 1 more is listed here.');
  });

  it('mentions no annotation when the run made none (the CLI)', () => {
    const findings = Array.from({ length: ANNOTATIONS_SHOWN_PER_LEVEL + 3 }, (_, index) =>
      makeFinding({ control: 'iamUsers.consoleMfa', status: 'fail', severity: 'high', resource: `user-${index}` }),
    );
    const markdown = renderSummary(makeReport(findings), { annotations: false });
    expect(markdown).not.toMatch(/annotation/i);
    expect(markdown).toContain('user-12');
  });

  it('puts afterHeadline between the headline and the area tables', () => {
    const markdown = renderSummary(sampleReport, { afterHeadline: '| matrix |\n' });
    const lines = markdown.split('\n');
    expect(lines[0]).toMatch(/^## aws-account-baseline: /);
    expect(markdown.indexOf('| matrix |')).toBeGreaterThan(markdown.indexOf('**Findings:**'));
    expect(markdown.indexOf('| matrix |')).toBeLessThan(markdown.indexOf('### Password policy'));
  });

  describe('headline and threshold', () => {
    const mediumOnly = makeReport([
      makeFinding({ control: 'passwordPolicy.minimumLength', status: 'fail', severity: 'medium' }),
    ]);

    it('explains a "Not compliant" headline next to a compliant output: nothing at or above fail-on failed', () => {
      const markdown = renderSummary(mediumOnly, { threshold: { failOn: 'high', runner: 'action' } });
      expect(markdown).toContain('❌ Not compliant');
      expect(markdown).toContain(
        '**Not compliant, yet the step passes and its `compliant` output is `true`: nothing at or above high failed or could not be read (input `fail-on: high`).**',
      );
      expect(renderSummary(mediumOnly, { threshold: { failOn: 'none', runner: 'cli' } })).toContain(
        '**Not compliant, yet the run passes (exit 0): fail-on is none (`--fail-on none`).**',
      );
    });

    it('says nothing more when the headline and the outcome agree', () => {
      for (const failOn of ['medium', 'low'] as const) {
        expect(renderSummary(mediumOnly, { threshold: { failOn, runner: 'action' } })).not.toContain('yet');
      }
      expect(renderSummary(compliantReport, { threshold: { failOn: 'high', runner: 'action' } })).not.toContain('yet');
    });
  });

  it('has no such note at the limit', () => {
    const findings = Array.from({ length: ANNOTATIONS_SHOWN_PER_LEVEL }, () =>
      makeFinding({ control: 'root.mfa', status: 'fail', severity: 'high' }),
    );
    expect(renderSummary(makeReport(findings))).not.toContain('Annotations not shown');
  });

  describe('injection', () => {
    const fields = ['resource', 'expected', 'actual', 'message', 'remediation'] as const;

    it.each(fields)('a hostile %s changes nothing but its own cell', (field) => {
      const clean = makeFinding({
        control: 'iamUsers.consoleMfa',
        status: 'fail',
        severity: 'high',
        resource: 'alice',
        expected: 'MFA on',
        actual: 'no MFA',
        message: 'm',
        remediation: 'r',
      });
      const hostile = { ...clean, [field]: HOSTILE };
      const cleanMarkdown = renderSummary(makeReport([clean]));
      const hostileMarkdown = renderSummary(makeReport([hostile]));
      // Same lines, same rows, same number of cells: only the content of one cell differs.
      expect(hostileMarkdown.split('\n')).toHaveLength(cleanMarkdown.split('\n').length);
      const cleanRows = tableRows(cleanMarkdown).map(cells);
      const hostileRows = tableRows(hostileMarkdown).map(cells);
      expect(hostileRows.map((row) => row.length)).toEqual(cleanRows.map((row) => row.length));
      const changed = hostileRows
        .flatMap((row, r) => row.map((cell, c) => [r, c, cell !== cleanRows[r]?.[c]] as const))
        .filter(([, , differs]) => differs);
      expect(changed).toHaveLength(1);
      const cell = hostileRows[changed[0]?.[0] ?? 0]?.[changed[0]?.[1] ?? 0] ?? '';
      // Nothing in the cell is live syntax: no raw tag but ours, no backtick, no pipe, no emphasis, no link, no newline.
      expect(cell.replace(/<\/?code>|<br>|\*\*Fix:\*\*|&#\d+;/g, '')).not.toMatch(/[<>`|*[\]@#\n]/);
      expect(cell).toContain('&#124;');
    });

    it('escapes the account id and the policy path in the headline', () => {
      const markdown = renderSummary(makeReport([], { policy: 'a|b<script>.yml', account: { id: '1`2' } }));
      expect(markdown).toContain('<code>a&#124;b&#60;script&#62;.yml</code>');
      expect(markdown).toContain('<code>1&#96;2</code>');
    });

    it('escapes waiver reasons and warnings', () => {
      const waived = makeFinding({
        control: 'iamUsers.consoleMfa',
        status: 'waived',
        severity: 'high',
        waiver: { reason: HOSTILE, expires: '2027-01-01', location: { file: 'p.yml', line: 1, column: 1 } },
      });
      const markdown = renderSummary(makeReport([waived], { warnings: [HOSTILE] }));
      expect(markdown).not.toContain('<img');
      expect(markdown).not.toContain('\n::error');
      expect(markdown.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(1);
    });
  });
});
