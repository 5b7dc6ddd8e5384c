/** IAM users from the credential report. STUB: filled in by the controls work (issue 4). */
import type { Finding } from '../findings.js';
import type { ControlDefinition, EvaluationContext } from './control.js';

export const iamUserControls: readonly ControlDefinition[] = [];

export function evaluateIamUsers(_context: EvaluationContext): Finding[] {
  return [];
}
