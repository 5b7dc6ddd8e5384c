/** STUB interface (reporting work): the Markdown job summary; also `--format markdown`. */
import type { Report } from '../findings.js';

export function renderSummary(report: Report): string {
  return `# aws-account-baseline\n\n${JSON.stringify(report.summary)}\n`;
}
