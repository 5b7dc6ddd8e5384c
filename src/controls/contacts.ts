/** Alternate and primary contacts. STUB: filled in by the controls work (issue 4). */
import type { Finding } from '../findings.js';
import type { ControlDefinition, EvaluationContext } from './control.js';

export const contactControls: readonly ControlDefinition[] = [];

export function evaluateContacts(_context: EvaluationContext): Finding[] {
  return [];
}
