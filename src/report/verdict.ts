/** The word a report leads with. A run that checked no setting says so instead of "compliant". */
import type { Report } from '../findings.js';
import { isGuardControl } from '../controls/registry.js';
import { isCompliant } from './group.js';

export type Verdict = 'compliant' | 'not compliant' | 'nothing checked';

/** Findings that check no account setting: the account guard and the waivers' own expiry. */
function notACheck(control: string): boolean {
  return isGuardControl(control) || control === 'exceptions';
}

export function verdictOf(report: Report): Verdict {
  if (!isCompliant(report)) return 'not compliant';
  return report.findings.every((finding) => notACheck(finding.control)) ? 'nothing checked' : 'compliant';
}
