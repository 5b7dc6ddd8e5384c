/**
 * The Markdown job summary; also `--format markdown` and the body of the PR comment and drift issue.
 * Pure: report in, Markdown out. Every value from the account or the policy goes through `escapeMarkdown`.
 */
import {
  SEVERITIES,
  STATUSES,
  breakingFindings,
  compareSeverity,
  type FailOn,
  type Finding,
  type Report,
  type Status,
} from '../findings.js';
import { isOrgReport } from './org-report.js';
import { ANNOTATIONS_SHOWN_PER_LEVEL, annotationLevel, unshownAnnotationFindings } from './annotations.js';
import { breakingBySeverity, groupByArea, isCompliant } from './group.js';
import { verdictOf } from './verdict.js';
import { DEFAULT_CIS_VERSION, cisLabel } from '../controls/references.js';
import { codeCell, escapeMarkdown, table } from './markdown.js';

const STATUS_LABELS: Record<Status, string> = {
  fail: '❌ fail',
  error: '⛔ error',
  waived: '🟡 waived',
  manual: '📝 manual',
  skipped: '⏭️ skipped',
  pass: '✅ pass',
};

export interface SummaryOptions {
  /** Heading level of the title (the PR comment and issue use 2 or 3); default 2. */
  headingLevel?: number;
  /**
   * At most this many table rows in all (findings, hidden annotations, waivers); the rest are counted and the reader
   * is pointed to the JSON report and SARIF file. Failing and erroring findings, most severe first, keep their rows
   * longest. Default: every row.
   */
  maxRows?: number;
  /**
   * Whether this run wrote GitHub annotations (the action does, the CLI does not): only then does the summary
   * list the ones GitHub does not show. Default true.
   */
  annotations?: boolean;
  /** Markdown placed right after the headline (an organization run's accounts x areas matrix). */
  afterHeadline?: string;
  /**
   * The run's threshold: when something failed but nothing at or above it, the headline says "Not compliant"
   * while the run passes; this explains the difference where both are seen.
   */
  threshold?: Threshold;
}

export interface Threshold {
  failOn: FailOn;
  /** `action`: the step and its `compliant` output; `cli`: the exit code. */
  runner: 'action' | 'cli';
}

/** Why a "Not compliant" run still passes, or nothing when the verdict and the outcome agree. */
export function thresholdNote(report: Report, threshold: Threshold | undefined): string | undefined {
  if (threshold === undefined || isCompliant(report) || breakingFindings(report.findings, threshold.failOn).length > 0)
    return undefined;
  const below =
    threshold.failOn === 'none'
      ? 'fail-on is none'
      : `nothing at or above ${threshold.failOn} failed or could not be read`;
  return threshold.runner === 'action'
    ? `the step passes and its \`compliant\` output is \`true\`: ${below} (input \`fail-on: ${threshold.failOn}\`).`
    : `the run passes (exit 0): ${below} (\`--fail-on ${threshold.failOn}\`).`;
}

/** Hands out table rows until the budget is spent, and counts what it had to leave out. */
class RowBudget {
  leftOut = 0;
  constructor(private remaining: number) {}

  take<T>(items: readonly T[]): T[] {
    const kept = items.slice(0, Math.max(this.remaining, 0));
    this.remaining -= kept.length;
    this.leftOut += items.length - kept.length;
    return kept;
  }
}

/** Which rows go first when not all fit: what fails the run, most severe first; passes last. */
const STATUS_PRIORITY: Record<Status, number> = { error: 0, fail: 0, manual: 1, waived: 2, skipped: 3, pass: 4 };

function byPriority(a: Finding, b: Finding): number {
  return STATUS_PRIORITY[a.status] - STATUS_PRIORITY[b.status] || compareSeverity(a.severity, b.severity);
}

/** The account checked, or how many on an organization run (its report has no single account ID). */
function accountLabel(report: Report): string {
  if (report.account.id !== null) return `account ${codeCell(report.account.id)}`;
  if (!isOrgReport(report)) return 'unknown account';
  const count = report.accounts.length;
  return `${count} account${count === 1 ? '' : 's'}`;
}

/** Findings of several accounts share the tables: each row then says which account it is about. */
function hasAccounts(report: Report): boolean {
  return report.findings.some((finding) => finding.account !== undefined);
}

/** The Account cell, first in a row, only on multi-account reports. */
function accountCells(finding: Finding, withAccount: boolean): string[] {
  return withAccount ? [codeCell(finding.account ?? '')] : [];
}

function headline(report: Report, heading: string, threshold: Threshold | undefined): string[] {
  const compliant = isCompliant(report);
  const verdict = {
    compliant: '✅ Compliant',
    'not compliant': '❌ Not compliant',
    'nothing checked': '⚠️ Nothing checked',
  }[verdictOf(report)];
  const account = accountLabel(report);
  const statusCounts = STATUSES.map((status) => `${report.summary[status]} ${status}`).join(' · ');
  const bySeverity = breakingBySeverity(report.findings);
  const lines = [
    `${heading} aws-account-baseline: ${verdict}`,
    '',
    `${account} · policy ${codeCell(report.policy)}`,
    '',
    `**Findings:** ${statusCounts}`,
  ];
  if (!compliant) {
    lines.push(
      '',
      `**Failing by severity:** ${SEVERITIES.map((severity) => `${bySeverity[severity]} ${severity}`).join(' · ')}`,
    );
  }
  const note = thresholdNote(report, threshold);
  if (note !== undefined) lines.push('', `**Not compliant, yet ${note}**`);
  if (report.credentialReportGeneratedAt !== undefined) {
    lines.push('', `Credential report generated ${escapeMarkdown(report.credentialReportGeneratedAt)}.`);
  }
  return lines;
}

function findingRow(finding: Finding, withAccount: boolean, cisVersion: string): string[] {
  const breaking = finding.status === 'fail' || finding.status === 'error';
  const cis = cisLabel(finding.references ?? [], cisVersion);
  return [
    ...accountCells(finding, withAccount),
    `${STATUS_LABELS[finding.status]} (${finding.severity})`,
    codeCell(finding.control) + (cis === undefined ? '' : `<br>${escapeMarkdown(cis)}`),
    codeCell(finding.expected),
    codeCell(finding.actual),
    codeCell(finding.resource),
    escapeMarkdown(finding.message) +
      (breaking && finding.remediation !== '' ? `<br>**Fix:** ${escapeMarkdown(finding.remediation)}` : ''),
  ];
}

const FINDING_HEADERS = ['Status', 'Control', 'Expected', 'Actual', 'Resource', 'Details and remediation'];

function areaSections(report: Report, subheading: string, budget: RowBudget): string[] {
  const lines: string[] = [];
  const withAccount = hasAccounts(report);
  const headers = withAccount ? ['Account', ...FINDING_HEADERS] : FINDING_HEADERS;
  const cisVersion = report.cisVersion ?? DEFAULT_CIS_VERSION;
  // Waived findings get their own section; attestations are an area of their own and keep theirs.
  const shown = new Set(budget.take(report.findings.filter((finding) => finding.status !== 'waived').sort(byPriority)));
  for (const group of groupByArea(report.findings.filter((finding) => shown.has(finding)))) {
    lines.push(
      '',
      `${subheading} ${escapeMarkdown(group.title)}`,
      '',
      table(
        headers,
        group.findings.map((finding) => findingRow(finding, withAccount, cisVersion)),
      ),
    );
  }
  return lines;
}

function waiverSection(report: Report, subheading: string, budget: RowBudget): string[] {
  const waived = budget.take(report.findings.filter((finding) => finding.status === 'waived'));
  if (waived.length === 0) return [];
  const withAccount = hasAccounts(report);
  const rows = waived.map((finding) => [
    ...accountCells(finding, withAccount),
    codeCell(finding.control),
    codeCell(finding.resource),
    escapeMarkdown(finding.waiver?.reason ?? ''),
    escapeMarkdown(finding.waiver?.expires ?? ''),
    escapeMarkdown(finding.message),
  ]);
  const headers = ['Control', 'Resource', 'Reason', 'Expires', 'What is waived'];
  return ['', `${subheading} Waivers`, '', table(withAccount ? ['Account', ...headers] : headers, rows)];
}

function unshownAnnotationSection(report: Report, subheading: string, budget: RowBudget): string[] {
  const unshown = unshownAnnotationFindings(report);
  if (unshown.length === 0) return [];
  const withAccount = hasAccounts(report);
  const rows = budget
    .take(unshown)
    .map((finding) => [
      ...accountCells(finding, withAccount),
      annotationLevel(finding.severity),
      codeCell(finding.control),
      codeCell(finding.resource),
      escapeMarkdown(`${finding.location.file}:${finding.location.line}:${finding.location.column}`),
      escapeMarkdown(finding.message),
    ]);
  const listed =
    rows.length < unshown.length
      ? ` (${rows.length} of them listed here)`
      : unshown.length === 1
        ? ' is listed here'
        : ' are listed here';
  return [
    '',
    `${subheading} Annotations not shown`,
    '',
    `GitHub shows at most ${ANNOTATIONS_SHOWN_PER_LEVEL} error and ${ANNOTATIONS_SHOWN_PER_LEVEL} warning ` +
      `annotations per step: ${unshown.length} ` +
      `more${listed}.`,
    ...(rows.length === 0
      ? []
      : [
          '',
          table([...(withAccount ? ['Account'] : []), 'Level', 'Control', 'Resource', 'Policy line', 'Message'], rows),
        ]),
  ];
}

function warningSection(report: Report, subheading: string): string[] {
  if (report.warnings.length === 0) return [];
  return ['', `${subheading} Warnings`, '', ...report.warnings.map((warning) => `- ${escapeMarkdown(warning)}`)];
}

/** Warnings are few and short in practice; a policy could still make thousands, so they are capped too. */
const MAX_WARNINGS_WITH_BUDGET = 50;

export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const heading = '#'.repeat(level);
  const subheading = '#'.repeat(level + 1);
  const budget = new RowBudget(options.maxRows ?? Number.POSITIVE_INFINITY);
  const areas = areaSections(report, subheading, budget);
  // After the tables: the reader wants the findings first; this list only says which annotations GitHub hid.
  const unshown = unshownAnnotationSection(report, subheading, budget);
  const waivers = waiverSection(report, subheading, budget);
  const warnings = options.maxRows === undefined ? report.warnings : report.warnings.slice(0, MAX_WARNINGS_WITH_BUDGET);
  const lines = [
    ...headline(report, heading, options.threshold),
    ...(options.afterHeadline === undefined ? [] : ['', options.afterHeadline.trimEnd()]),
    ...leftOutNote(budget.leftOut + report.warnings.length - warnings.length),
    ...areas,
    ...(options.annotations === false ? [] : unshown),
    ...waivers,
    ...warningSection({ ...report, warnings }, subheading),
  ];
  return `${lines.join('\n')}\n`;
}

function leftOutNote(leftOut: number): string[] {
  if (leftOut === 0) return [];
  return [
    '',
    `> **${leftOut} row${leftOut === 1 ? '' : 's'} left out** to keep this under GitHub's size limit (passing ` +
      `checks go first). ` +
      'Every finding is in the JSON report (the `report` output) and the SARIF file (`sarif-file`).',
  ];
}

/**
 * The summary at the largest row budget whose text fits `maxSize` (as `measure` counts it: bytes for the job
 * summary, characters for issue and comment bodies). The budget halves until it fits; what is left out is counted.
 */
export function renderSummaryWithin(
  report: Report,
  maxSize: number,
  measure: (text: string) => number,
  options: SummaryOptions = {},
): string {
  // A table row takes well over 100 characters: no more rows than that can fit, so start there.
  let maxRows = Math.min(options.maxRows ?? Number.POSITIVE_INFINITY, Math.ceil(maxSize / 100));
  for (;;) {
    const markdown = renderSummary(report, { ...options, maxRows });
    if (measure(markdown) <= maxSize || maxRows === 0) return markdown;
    maxRows = Math.floor(maxRows / 2);
  }
}
