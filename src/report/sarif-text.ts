/** SARIF as file text. */
import type { Report } from '../findings.js';
import { buildSarif } from './sarif.js';

export function renderSarif(report: Report): string {
  return `${JSON.stringify(buildSarif(report), null, 2)}\n`;
}
