/** SARIF as file text. */
import type { Report } from '../findings.js';
import { PACKAGE_VERSION } from '../version.js';
import { buildSarif } from './sarif.js';

/** `repositoryRoot` turns absolute policy paths into the repository-relative URIs code scanning needs. */
export function renderSarif(report: Report, repositoryRoot?: string): string {
  const options = repositoryRoot === undefined ? { toolVersion: PACKAGE_VERSION } : { toolVersion: PACKAGE_VERSION, repositoryRoot };
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
