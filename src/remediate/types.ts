/** The remediation plan and the outcome of applying it: plain data, so it can sit in the JSON report. */
import type { UpdateAccountPasswordPolicyCommandInput } from '@aws-sdk/client-iam';
import type { PutAlternateContactCommandInput } from '@aws-sdk/client-account';
import type { Report } from '../findings.js';
import type { AlternateContactType } from '../state/types.js';

export type ContactTarget = `contact:${AlternateContactType}`;
export type ChangeTarget = 'passwordPolicy' | ContactTarget;

/** A value as shown in a diff; `null` = unset / off / no policy. */
export type ChangeValue = string | number | boolean | null;

/** One setting that `apply` would change (live `from` -> new `to`). */
export interface Change {
  target: ChangeTarget;
  /** The setting's name: a key of the policy section it remediates, or a contact field (`name`, `email`, ...). */
  setting: string;
  from: ChangeValue;
  to: ChangeValue;
}

/** Something the API could set but the plan will not, and why (unreadable state, values missing, would loosen). */
export interface BlockedChange {
  /** `account` when the run reads another account than the policy names: nothing is planned at all. */
  target: ChangeTarget | 'account';
  reason: string;
}

/** A failing expectation no API call can fix: the console steps a person must follow. */
export interface ManualStep {
  control: string;
  resource: string;
  /** What is wrong (the finding's message). */
  message: string;
  /** Console steps and CLI command, from the control definition. */
  instructions: string;
}

/** The exact SDK inputs `apply` sends, in order. */
export interface RemediationRequests {
  passwordPolicy?: UpdateAccountPasswordPolicyCommandInput;
  contacts: PutAlternateContactCommandInput[];
}

export interface RemediationPlan {
  changes: Change[];
  requests: RemediationRequests;
  blocked: BlockedChange[];
  manual: ManualStep[];
}

export type OutcomeStatus = 'applied' | 'failed' | 'unconfirmed';

/** What happened to one planned change. `applied` only when AWS accepted the write and the read-back shows it. */
export interface ChangeOutcome extends Change {
  status: OutcomeStatus;
  /** AWS error code for `failed` (AccessDenied, ValidationError, ...). */
  errorCode?: string;
  /** AWS error message for `failed`; the reason for `unconfirmed`. */
  errorMessage?: string;
}

/** The JSON report of `plan` and `apply`: the check's report plus the changes (part of the report contract). */
export interface RemediationReport extends Report {
  /** What apply changes (or would change), contact e-mails and phones masked unless redaction is off. */
  changes?: Change[];
  /** Changes the API could make but the plan will not, and why. */
  blocked?: BlockedChange[];
  /** `apply`: the outcome of each change (applied | failed | unconfirmed). */
  applied?: ChangeOutcome[];
  /** Failing expectations no API call can fix, with console instructions. */
  manual?: ManualStep[];
}
