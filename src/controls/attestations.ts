/** Attestations. STUB: filled in by the policy-language work (issue 3). */
import type { Finding } from '../findings.js';
import type { ControlDefinition, EvaluationContext } from './control.js';

export const attestationControls: readonly ControlDefinition[] = [];

export function evaluateAttestations(_context: EvaluationContext): Finding[] {
  return [];
}
