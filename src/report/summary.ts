/**
 * The Markdown job summary; also `--format markdown` and the body of the PR comment and drift issue.
 * Pure: report in, Markdown out. Every value from the account or the policy goes through `escapeMarkdown`.
 */
import { SEVERITIES, STATUSES, breakingFindings, type FailOn, type Finding, type Report, type Status } from '../findings.js';
import { isOrgReport } from '../org/org-report.js';
import { ANNOTATIONS_SHOWN_PER_LEVEL, annotationLevel, unshownAnnotationFindings } from './annotations.js';
import { breakingBySeverity, groupByArea, isCompliant } from './group.js';
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
  if (threshold === undefined || isCompliant(report) || breakingFindings(report.findings, threshold.failOn).length > 0) return undefined;
  const below = threshold.failOn === 'none' ? 'fail-on is none' : `nothing at or above ${threshold.failOn} failed or could not be read`;
  return threshold.runner === 'action'
    ? `the step passes and its \`compliant\` output is \`true\`: ${below} (input \`fail-on: ${threshold.failOn}\`).`
    : `the run passes (exit 0): ${below} (\`--fail-on ${threshold.failOn}\`).`;
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
  const verdict = compliant ? '✅ Compliant' : '❌ Not compliant';
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
    lines.push('', `**Failing by severity:** ${SEVERITIES.map((severity) => `${bySeverity[severity]} ${severity}`).join(' · ')}`);
  }
  const note = thresholdNote(report, threshold);
  if (note !== undefined) lines.push('', `**Not compliant, yet ${note}**`);
  if (report.credentialReportGeneratedAt !== undefined) {
    lines.push('', `Credential report generated ${escapeMarkdown(report.credentialReportGeneratedAt)}.`);
  }
  return lines;
}

function findingRow(finding: Finding, withAccount: boolean): string[] {
  const breaking = finding.status === 'fail' || finding.status === 'error';
  return [
    ...accountCells(finding, withAccount),
    `${STATUS_LABELS[finding.status]} (${finding.severity})`,
    codeCell(finding.control),
    codeCell(finding.expected),
    codeCell(finding.actual),
    codeCell(finding.resource),
    escapeMarkdown(finding.message) + (breaking && finding.remediation !== '' ? `<br>**Fix:** ${escapeMarkdown(finding.remediation)}` : ''),
  ];
}

const FINDING_HEADERS = ['Status', 'Control', 'Expected', 'Actual', 'Resource', 'Details and remediation'];

function areaSections(report: Report, subheading: string): string[] {
  const lines: string[] = [];
  const withAccount = hasAccounts(report);
  const headers = withAccount ? ['Account', ...FINDING_HEADERS] : FINDING_HEADERS;
  // Waived findings get their own section; attestations are an area of their own and keep theirs.
  for (const group of groupByArea(report.findings.filter((finding) => finding.status !== 'waived'))) {
    lines.push('', `${subheading} ${escapeMarkdown(group.title)}`, '', table(headers, group.findings.map((finding) => findingRow(finding, withAccount))));
  }
  return lines;
}

function waiverSection(report: Report, subheading: string): string[] {
  const waived = report.findings.filter((finding) => finding.status === 'waived');
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

function unshownAnnotationSection(report: Report, subheading: string): string[] {
  const unshown = unshownAnnotationFindings(report);
  if (unshown.length === 0) return [];
  const withAccount = hasAccounts(report);
  const rows = unshown.map((finding) => [
    ...accountCells(finding, withAccount),
    annotationLevel(finding.severity),
    codeCell(finding.control),
    codeCell(finding.resource),
    escapeMarkdown(`${finding.location.file}:${finding.location.line}:${finding.location.column}`),
    escapeMarkdown(finding.message),
  ]);
  return [
    '',
    `${subheading} Annotations not shown`,
    '',
    `GitHub shows at most ${ANNOTATIONS_SHOWN_PER_LEVEL} error and ${ANNOTATIONS_SHOWN_PER_LEVEL} warning annotations per step: ${unshown.length === 1 ? '1 more is' : `${unshown.length} more are`} listed here.`,
    '',
    table([...(withAccount ? ['Account'] : []), 'Level', 'Control', 'Resource', 'Policy line', 'Message'], rows),
  ];
}

function warningSection(report: Report, subheading: string): string[] {
  if (report.warnings.length === 0) return [];
  return ['', `${subheading} Warnings`, '', ...report.warnings.map((warning) => `- ${escapeMarkdown(warning)}`)];
}

export function renderSummary(report: Report, options: SummaryOptions = {}): string {
  const level = Math.min(Math.max(options.headingLevel ?? 2, 1), 5);
  const heading = '#'.repeat(level);
  const subheading = '#'.repeat(level + 1);
  const lines = [
    ...headline(report, heading, options.threshold),
    ...(options.afterHeadline === undefined ? [] : ['', options.afterHeadline.trimEnd()]),
    ...areaSections(report, subheading),
    // After the tables: the reader wants the findings first; this list only says which annotations GitHub hid.
    ...(options.annotations === false ? [] : unshownAnnotationSection(report, subheading)),
    ...waiverSection(report, subheading),
    ...warningSection(report, subheading),
  ];
  return `${lines.join('\n')}\n`;
}
