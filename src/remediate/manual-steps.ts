/** What no API call of `apply` can fix (root MFA and keys, IAM users, attestations, ...): steps for a person. */
import type { Finding } from '../findings.js';
import { controlDefinition, isGuardControl } from '../controls/registry.js';
import type { ManualStep } from './types.js';

export function manualStep(finding: Finding, note?: string): ManualStep {
  const instructions = controlDefinition(finding.control)?.remediation ?? finding.remediation;
  return {
    control: finding.control,
    resource: finding.resource,
    message: note === undefined ? finding.message : `${finding.message} ${note}`,
    instructions,
  };
}

/**
 * Manual steps for the findings the plan does not resolve. `error` findings are left out on purpose: they say
 * the state could not be read, which is a permissions problem, not a step in the account.
 */
export function manualSteps(findings: readonly Finding[], resolvedByPlan: (finding: Finding) => boolean): ManualStep[] {
  return findings
    .filter((finding) => (finding.status === 'fail' || finding.status === 'manual') && !isGuardControl(finding.control))
    .filter((finding) => !resolvedByPlan(finding))
    .map((finding) => manualStep(finding));
}
