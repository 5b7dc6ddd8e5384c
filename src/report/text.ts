/**
 * The terminal report. Colour only when asked (the CLI asks on a TTY). Every line that shows a value from the
 * account or the policy starts with a fixed label, and values are kept on one line with control characters
 * shown as escapes, so a user name cannot forge a line of output (or a `::workflow-command::` when logged).
 */
import { SEVERITIES, STATUSES, type Finding, type Report, type Status } from '../findings.js';
import { isOrgReport } from './org-report.js';
import { DEFAULT_CIS_VERSION, cisLabel } from '../controls/references.js';
import { breakingBySeverity, groupByArea, isCompliant } from './group.js';
import { verdictOf } from './verdict.js';
import { oneLine } from '../escape.js';

export { oneLine } from '../escape.js';
import { thresholdNote, type Threshold } from './summary.js';

export interface TextOptions {
  color: boolean;
  /** The run's threshold, to explain a "NOT COMPLIANT" run that still passes (see summary.ts). */
  threshold?: Threshold;
}

type Paint = (code: string, text: string) => string;

const STATUS_COLOURS: Record<Status, string> = {
  fail: '31', // red
  error: '35', // magenta
  waived: '33', // yellow
  manual: '36', // cyan
  skipped: '2', // dim
  pass: '32', // green
};

/** The account checked, or how many on an organization run (its report has no single account ID). */
function accountLabel(report: Report): string {
  if (report.account.id !== null) return `account ${oneLine(report.account.id)}`;
  if (!isOrgReport(report)) return 'account unknown';
  const count = report.accounts.length;
  return `${count} account${count === 1 ? '' : 's'}`;
}

function headline(report: Report, paint: Paint, threshold: Threshold | undefined): string[] {
  const compliant = isCompliant(report);
  const verdict = {
    compliant: paint('1;32', 'COMPLIANT'),
    'not compliant': paint('1;31', 'NOT COMPLIANT'),
    'nothing checked': paint('1;33', 'NOTHING CHECKED'),
  }[verdictOf(report)];
  const counts = STATUSES.map((status) => `${status} ${report.summary[status]}`).join(' · ');
  const bySeverity = breakingBySeverity(report.findings);
  const severityCounts = SEVERITIES.map((severity) => `${severity} ${bySeverity[severity]}`).join(' · ');
  const lines = [
    `aws-account-baseline: ${verdict}`,
    `  ${accountLabel(report)} · policy ${oneLine(report.policy)}`,
    `  findings: ${counts}`,
  ];
  if (!compliant) lines.push(`  failing by severity: ${severityCounts}`);
  const note = thresholdNote(report, threshold);
  if (note !== undefined) lines.push(`  not compliant, yet ${note.replace(/`/g, '')}`);
  if (report.credentialReportGeneratedAt !== undefined) {
    lines.push(`  credential report generated ${oneLine(report.credentialReportGeneratedAt)}`);
  }
  return lines;
}

function findingLines(finding: Finding, paint: Paint, cisVersion: string): string[] {
  const status = paint(STATUS_COLOURS[finding.status], finding.status.toUpperCase().padEnd(7));
  const account = finding.account === undefined ? '' : ` · account ${oneLine(finding.account)}`;
  const cis = cisLabel(finding.references ?? [], cisVersion);
  const standard = cis === undefined ? '' : ` · ${oneLine(cis)}`;
  const control = paint('1', oneLine(finding.control));
  const resource = ` · resource ${oneLine(finding.resource)}`;
  const title = `  ${status} ${control} (${finding.severity})${standard}${account}${resource}`;
  const values = `expected ${oneLine(finding.expected)} · actual ${oneLine(finding.actual)}`;
  // A pass needs no explanation: one line.
  if (finding.status === 'pass') return [`${title} · ${values}`];
  const lines = [title, `      ${values}`, `      why: ${oneLine(finding.message)}`];
  if (finding.waiver) {
    lines.push(`      waived until ${oneLine(finding.waiver.expires)}: ${oneLine(finding.waiver.reason)}`);
  }
  if ((finding.status === 'fail' || finding.status === 'error') && finding.remediation !== '') {
    lines.push(`      fix: ${oneLine(finding.remediation)}`);
  }
  return lines;
}

/**
 * The skipped findings of an area on one line: they share a cause ("no password policy"), so one row each
 * would only repeat it. Different causes are each named after their controls.
 */
function skippedLine(skipped: readonly Finding[], paint: Paint): string {
  const status = paint(STATUS_COLOURS.skipped, 'SKIPPED');
  const controls = [...new Set(skipped.map((finding) => finding.control))];
  const reasons = [...new Set(skipped.map((finding) => finding.message))];
  const count = controls.length === 1 ? '' : `${controls.length} controls: `;
  if (reasons.length === 1)
    return `  ${status} ${count}${oneLine(controls.join(', '))} · why: ${oneLine(reasons[0] ?? '')}`;
  const each = reasons.map((reason) => {
    const of = [...new Set(skipped.filter((finding) => finding.message === reason).map((finding) => finding.control))];
    return `${of.join(', ')} (${reason})`;
  });
  return `  ${status} ${count}${oneLine(each.join('; '))}`;
}

export function renderText(report: Report, options: TextOptions): string {
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const lines = headline(report, paint, options.threshold);
  const cisVersion = report.cisVersion ?? DEFAULT_CIS_VERSION;
  for (const group of groupByArea(report.findings)) {
    lines.push('', paint('1;4', group.title));
    for (const finding of group.findings)
      if (finding.status !== 'skipped') lines.push(...findingLines(finding, paint, cisVersion));
    const skipped = group.findings.filter((finding) => finding.status === 'skipped');
    if (skipped.length > 0) lines.push(skippedLine(skipped, paint));
  }
  if (report.warnings.length > 0) {
    lines.push('', paint('1;4', 'Warnings'));
    for (const warning of report.warnings) lines.push(`  warning: ${oneLine(warning)}`);
  }
  return `${lines.join('\n')}\n`;
}
