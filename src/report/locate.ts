/** Findings located where GitHub can show them: values from a bundled baseline point at the `extends` line. */
import type { Report } from '../findings.js';
import { repositoryLocation } from '../policy/locations.js';
import type { Policy } from '../policy/types.js';

export function locatedInRepository(report: Report, policy: Policy): Report {
  return { ...report, findings: report.findings.map((finding) => ({ ...finding, location: repositoryLocation(policy, finding.location) })) };
}
