/** The pure heart: policy + account state + a clock reading in, findings out. No I/O. */
import type { Finding } from './findings.js';
import type { Policy } from './policy/types.js';
import type { AccountState } from './state/types.js';
import type { EvaluationContext } from './controls/control.js';
import { AREAS } from './controls/registry.js';
import { applyWaivers } from './controls/waivers.js';
import { nothingCheckedWarning } from './policy/checks-nothing.js';

export interface Evaluation {
  findings: Finding[];
  warnings: string[];
  /** True when the account guard failed: no other control was evaluated. */
  wrongAccount: boolean;
}

export function evaluate(policy: Policy, state: AccountState, now: Date): Evaluation {
  const context: EvaluationContext = { policy, state, now };
  const guards = AREAS.filter((area) => area.guard).flatMap((area) => area.evaluate(context));
  if (guards.some((finding) => finding.status !== 'pass')) {
    return { findings: guards, warnings: [], wrongAccount: true };
  }
  const raw = [...guards, ...AREAS.filter((area) => !area.guard).flatMap((area) => area.evaluate(context))];
  const withSeverity = raw.map((finding) => applySeverityOverride(finding, policy));
  const { findings, warnings } = applyWaivers(withSeverity, policy, now);
  const nothingChecked = nothingCheckedWarning(policy);
  return { findings, warnings: nothingChecked ? [nothingChecked, ...warnings] : warnings, wrongAccount: false };
}

function applySeverityOverride(finding: Finding, policy: Policy): Finding {
  const override = policy.severity?.[finding.control];
  return override ? { ...finding, severity: override } : finding;
}
