/** STUB interface (reporting work): the terminal report. Colour only when asked (the CLI asks on a TTY). */
import type { Report } from '../findings.js';

export function renderText(report: Report, _options: { color: boolean }): string {
  return JSON.stringify(report.summary);
}
