/**
 * The opening of the job summary on organization runs: one row per account, one column per policy area, each
 * cell the worst outcome there. Large organizations list only the accounts that need attention.
 */
import type { Finding } from '../findings.js';
import { AREA_TITLES, areaTitle } from './group.js';
import { codeCell, escapeMarkdown } from './markdown.js';
import type { AccountSection, OrgReport } from './org-report.js';
import { renderSummary, type SummaryOptions } from './summary.js';

const KNOWN_AREAS = Object.keys(AREA_TITLES);

/** What the matrix's cells mean, under the table. */
const LEGEND = [
  '✅ all passed or waived',
  '❌ failed',
  '⚠️ could not be read (counts are findings)',
  '`·` not in the policy',
].join(' · ');

/** Above this many accounts, only those with a `fail` or `error` get a row. */
export const DEFAULT_MAX_ROWS = 100;

export function areaOf(control: string): string {
  return control.split('.')[0] ?? control;
}

/** Known areas in policy order, then any others (in order of first appearance). */
function areasIn(report: OrgReport): string[] {
  const present = new Set(report.findings.map((finding) => areaOf(finding.control)));
  const known = KNOWN_AREAS.filter((area) => present.has(area));
  return [...known, ...[...present].filter((area) => !KNOWN_AREAS.includes(area))];
}

function cell(findings: readonly Finding[]): string {
  if (findings.length === 0) return '·';
  const failed = findings.filter((finding) => finding.status === 'fail').length;
  const errors = findings.filter((finding) => finding.status === 'error').length;
  const parts = [failed > 0 ? `❌ ${failed}` : '', errors > 0 ? `⚠️ ${errors}` : ''].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' ') : '✅';
}

function needsAttention(section: AccountSection): boolean {
  return section.summary.fail > 0 || section.summary.error > 0;
}

function accountLabel(section: AccountSection): string {
  return section.name === undefined ? codeCell(section.id) : `${codeCell(section.id)} ${escapeMarkdown(section.name)}`;
}

function row(section: AccountSection, areas: readonly string[]): string {
  const cells = areas.map((area) => cell(section.findings.filter((finding) => areaOf(finding.control) === area)));
  const note =
    section.accessError === undefined ? '' : escapeMarkdown(`not reached: ${section.accessError.replace(/\s+/g, ' ')}`);
  return `| ${accountLabel(section)} | ${cells.join(' | ')} | ${note} |`;
}

export function renderAccountMatrix(report: OrgReport, maxRows = DEFAULT_MAX_ROWS): string {
  const total = report.accounts.length;
  const attention = report.accounts.filter(needsAttention);
  const unreachable = report.accounts.filter((section) => section.accessError !== undefined).length;
  const lines = [
    `**${total} account${total === 1 ? '' : 's'}**: ${total - attention.length} compliant, ` +
      `${attention.length} with failures or errors${unreachable > 0 ? ` (${unreachable} not reached)` : ''}.`,
    '',
  ];
  if (total === 0) return `${lines.join('\n')}\n`;
  const areas = areasIn(report);
  const listed = total > maxRows ? attention : report.accounts;
  const shown = listed.slice(0, maxRows);
  if (shown.length > 0) {
    lines.push(`| Account | ${areas.map((area) => areaTitle(area)).join(' | ')} | Note |`);
    lines.push(`|---|${areas.map(() => ':-:').join('|')}|---|`);
    for (const section of shown) lines.push(row(section, areas));
    lines.push('');
  }
  const hidden = total - shown.length;
  if (hidden > 0) {
    const compliantHidden = total - listed.length;
    const attentionHidden = listed.length - shown.length;
    const parts = [
      compliantHidden > 0 ? `${compliantHidden} compliant` : '',
      attentionHidden > 0 ? `${attentionHidden} more with failures or errors` : '',
    ];
    lines.push(`Not listed: ${parts.filter((part) => part !== '').join(', ')} (see the JSON report).`, '');
  }
  lines.push(LEGEND);
  return `${lines.join('\n')}\n`;
}

/** The Markdown of an organization report: the usual summary, with the accounts x areas matrix under its headline. */
export function renderOrgSummary(report: OrgReport, options: SummaryOptions = {}): string {
  return renderSummary(report, { ...options, afterHeadline: renderAccountMatrix(report) });
}
