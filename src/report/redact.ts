/** STUB interface (reporting work): masks contact e-mails and phone numbers (and, on request, IAM user names). */
import type { Report } from '../findings.js';
import type { AccountState } from '../state/types.js';

/** `contacts` (default): e-mails and phone numbers; `users`: also IAM user names; `off`: nothing. */
export type RedactMode = 'contacts' | 'users' | 'off';

export interface Redaction {
  report: Report;
  /** The exact values masked, for the action to register with core.setSecret. */
  secrets: string[];
}

export function redactReport(report: Report, _state: AccountState, _mode: RedactMode): Redaction {
  return { report, secrets: [] };
}
