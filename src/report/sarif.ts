/** STUB interface (reporting work): SARIF 2.1.0. */
import type { Log } from 'sarif';
import type { Report } from '../findings.js';

export function buildSarif(_report: Report): Log {
  return { version: '2.1.0', runs: [] };
}
