/** The pure heart: policy + account state + a clock reading in, findings out. No I/O. */
import type { Finding } from './findings.js';
import type { Policy } from './policy/types.js';
import type { AccountState } from './state/types.js';
import type { EvaluationContext } from './controls/control.js';
import { evaluateAccountGuard } from './controls/account.js';
import { evaluatePasswordPolicy } from './controls/password-policy.js';
import { evaluateRoot } from './controls/root.js';
import { evaluateContacts } from './controls/contacts.js';
import { evaluateIamUsers } from './controls/iam-users.js';
import { evaluateAttestations } from './controls/attestations.js';
import { applyWaivers } from './controls/waivers.js';

export interface Evaluation {
  findings: Finding[];
  warnings: string[];
  /** True when the account guard failed: no other control was evaluated. */
  wrongAccount: boolean;
}

const AREA_EVALUATORS = [evaluatePasswordPolicy, evaluateRoot, evaluateContacts, evaluateIamUsers, evaluateAttestations];

export function evaluate(policy: Policy, state: AccountState, now: Date): Evaluation {
  const context: EvaluationContext = { policy, state, now };
  const guard = evaluateAccountGuard(context);
  if (guard.some((finding) => finding.status !== 'pass')) {
    return { findings: guard, warnings: [], wrongAccount: true };
  }
  const raw = [...guard, ...AREA_EVALUATORS.flatMap((evaluateArea) => evaluateArea(context))];
  const withSeverity = raw.map((finding) => applySeverityOverride(finding, policy));
  const { findings, warnings } = applyWaivers(withSeverity, policy, now);
  return { findings, warnings, wrongAccount: false };
}

function applySeverityOverride(finding: Finding, policy: Policy): Finding {
  const override = policy.severity?.[finding.control];
  return override ? { ...finding, severity: override } : finding;
}
