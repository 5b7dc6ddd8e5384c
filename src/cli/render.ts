/** Picks the report renderer for a --format; organization reports show the accounts matrix under the headline. */
import type { FailOn, Report } from '../findings.js';
import { renderJson } from '../report/json.js';
import { renderOrgSummary } from '../report/matrix-summary.js';
import { isOrgReport } from '../report/org-report.js';
import { renderSarif } from '../report/sarif.js';
import { PACKAGE_VERSION } from '../version.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import type { Format } from './options.js';

/** `failOn` lets a "Not compliant" report that still exits 0 say why. The CLI writes no GitHub annotations. */
export function renderReport(report: Report, format: Format, color: boolean, failOn?: FailOn): string {
  const threshold = failOn === undefined ? undefined : { failOn, runner: 'cli' as const };
  const summaryOptions = { annotations: false, ...(threshold && { threshold }) };
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, { toolVersion: PACKAGE_VERSION });
    case 'markdown':
      return isOrgReport(report) ? renderOrgSummary(report, summaryOptions) : renderSummary(report, summaryOptions);
    case 'text':
      return renderText(report, { color, ...(threshold && { threshold }) });
  }
}
