/** Root user controls. STUB: filled in by the controls work (issue 4). */
import type { Finding } from '../findings.js';
import type { ControlDefinition, EvaluationContext } from './control.js';

export const rootControls: readonly ControlDefinition[] = [];

export function evaluateRoot(_context: EvaluationContext): Finding[] {
  return [];
}
