/** Picks the report renderer for a --format; organization reports open their Markdown with the accounts matrix. */
import type { Report } from '../findings.js';
import { renderJson } from '../report/json.js';
import { renderOrgSummary } from '../report/matrix-summary.js';
import { isOrgReport } from '../report/org-report.js';
import { renderSarif } from '../report/sarif.js';
import { PACKAGE_VERSION } from '../version.js';
import { renderSummary } from '../report/summary.js';
import { renderText } from '../report/text.js';
import type { Format } from './options.js';

export function renderReport(report: Report, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, { toolVersion: PACKAGE_VERSION });
    case 'markdown':
      return isOrgReport(report) ? renderOrgSummary(report) : renderSummary(report);
    case 'text':
      return renderText(report, { color });
  }
}
