/**
 * The terminal report. Colour only when asked (the CLI asks on a TTY). Every line that shows a value from the
 * account or the policy starts with a fixed label, and values are kept on one line with control characters
 * shown as escapes, so a user name cannot forge a line of output (or a `::workflow-command::` when logged).
 */
import { SEVERITIES, STATUSES, type Finding, type Report, type Status } from '../findings.js';
import { isOrgReport } from './org-report.js';
import { breakingBySeverity, groupByArea, isCompliant } from './group.js';
import { verdictOf } from './verdict.js';
import { oneLine } from '../escape.js';

export { oneLine } from '../escape.js';

export interface TextOptions {
  color: boolean;
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

function headline(report: Report, paint: Paint): string[] {
  const compliant = isCompliant(report);
  const verdict = { compliant: paint('1;32', 'COMPLIANT'), 'not compliant': paint('1;31', 'NOT COMPLIANT'), 'nothing checked': paint('1;33', 'NOTHING CHECKED') }[
    verdictOf(report)
  ];
  const counts = STATUSES.map((status) => `${status} ${report.summary[status]}`).join(' · ');
  const bySeverity = breakingBySeverity(report.findings);
  const severityCounts = SEVERITIES.map((severity) => `${severity} ${bySeverity[severity]}`).join(' · ');
  const lines = [
    `aws-account-baseline: ${verdict}`,
    `  ${accountLabel(report)} · policy ${oneLine(report.policy)}`,
    `  findings: ${counts}`,
  ];
  if (!compliant) lines.push(`  failing by severity: ${severityCounts}`);
  if (report.credentialReportGeneratedAt !== undefined) {
    lines.push(`  credential report generated ${oneLine(report.credentialReportGeneratedAt)}`);
  }
  return lines;
}

function findingLines(finding: Finding, paint: Paint): string[] {
  const status = paint(STATUS_COLOURS[finding.status], finding.status.toUpperCase().padEnd(7));
  const account = finding.account === undefined ? '' : ` · account ${oneLine(finding.account)}`;
  const title = `  ${status} ${paint('1', oneLine(finding.control))} (${finding.severity})${account} · resource ${oneLine(finding.resource)}`;
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

export function renderText(report: Report, options: TextOptions): string {
  const paint: Paint = options.color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
  const lines = headline(report, paint);
  for (const group of groupByArea(report.findings)) {
    lines.push('', paint('1;4', group.title));
    for (const finding of group.findings) lines.push(...findingLines(finding, paint));
  }
  if (report.warnings.length > 0) {
    lines.push('', paint('1;4', 'Warnings'));
    for (const warning of report.warnings) lines.push(`  warning: ${oneLine(warning)}`);
  }
  return `${lines.join('\n')}\n`;
}
