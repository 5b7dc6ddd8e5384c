/** The JSON report (contract: README "JSON report"). */
import type { Report } from '../findings.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
