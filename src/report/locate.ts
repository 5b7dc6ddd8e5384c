/** Findings located where GitHub can show them: values from a bundled baseline point at the `extends` line. */
import type { Report } from '../findings.js';
import { repositoryLocation } from '../policy/locations.js';
import type { Policy } from '../policy/types.js';

export function locatedInRepository<R extends Report>(report: R, policy: Policy | undefined): R {
  if (policy === undefined) return report;
  return {
    ...report,
    findings: report.findings.map((finding) => ({
      ...finding,
      location: repositoryLocation(policy, finding.location),
    })),
  };
}
