/**
 * applyPlan: sends exactly the plan's requests, reports each setting's outcome, then reads the account back until
 * the new values show (IAM and the Account API are eventually consistent). A setting is reported `applied` only
 * when AWS accepted the write and the read-back shows the new value.
 */
import {
  GetAccountPasswordPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  type UpdateAccountPasswordPolicyCommandInput,
} from '@aws-sdk/client-iam';
import {
  GetAlternateContactCommand,
  PutAlternateContactCommand,
  type PutAlternateContactCommandInput,
} from '@aws-sdk/client-account';
import type { AwsClients } from '../state/aws-clients.js';
import { alternateContactFromAnswer, passwordPolicyFromAnswer } from '../state/answers.js';
import { realSleep, type Sleep } from '../state/credential-report.js';
import { errorCode, isAwsError } from '../state/read-error.js';
import type { AlternateContactType } from '../state/types.js';
import {
  settingsFromRequest,
  settingsFromState,
  weakerThanAwsDefault,
  type PasswordPolicySettings,
} from '../controls/password-policy-remediation.js';
import type { Change, ChangeOutcome, ChangeTarget, ChangeValue, RemediationPlan } from './types.js';

/** The same abortable wait as the credential report poll: rejects with the signal's reason when it aborts. */
export type { Sleep };

export interface ApplyOptions {
  /** Injectable wait between read-back attempts (tests pass one that returns at once). */
  sleep?: Sleep;
  /**
   * The run's deadline: every write, read-back and wait listens to it. A write it cuts short is `failed`, a
   * read-back `unconfirmed`, both naming the deadline; nothing is sent after it fired.
   */
  abortSignal?: AbortSignal;
  /** Read-back attempts before a write is reported `unconfirmed` (default 6). */
  readBackAttempts?: number;
  /** First wait between read-back attempts, doubled each time up to 8 s (default 1 s). */
  readBackDelayMs?: number;
}

export interface ApplyResult {
  outcomes: ChangeOutcome[];
  /** False when any write failed or could not be confirmed: the run fails. */
  ok: boolean;
  /** One line for humans, e.g. "no changes: the account already meets the policy". */
  message: string;
}

export const NO_CHANGES_MESSAGE = 'no changes: the account already meets the policy';
const MAX_DELAY_MS = 8_000;

/** What one write target is expected to read back as: each changed setting and its new value. */
interface PendingTarget {
  target: ChangeTarget;
  changes: Change[];
  read: () => Promise<Record<string, ChangeValue>>;
  /** Settings already seen with their new value. */
  confirmed: Set<string>;
  lastProblem?: string;
}

export async function applyPlan(
  clients: Pick<AwsClients, 'iam' | 'account'>,
  plan: RemediationPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const { passwordPolicy, contacts } = plan.requests;
  if (passwordPolicy === undefined && contacts.length === 0) {
    const message =
      plan.blocked.length === 0
        ? NO_CHANGES_MESSAGE
        : `no changes made: ${plan.blocked.length} ${plan.blocked.length === 1 ? 'change' : 'changes'} blocked ` +
          `(see the plan)`;
    return { outcomes: [], ok: true, message };
  }

  const failed: ChangeOutcome[] = [];
  const pending: PendingTarget[] = [];
  const changesOf = (target: ChangeTarget) => plan.changes.filter((change) => change.target === target);

  const send = options.abortSignal ? { abortSignal: options.abortSignal } : {};
  const writes: Promise<void>[] = [];
  const refusal =
    passwordPolicy === undefined ? undefined : weakerNewPolicy(changesOf('passwordPolicy'), passwordPolicy);
  if (refusal !== undefined) failed.push(...refusal);
  else if (passwordPolicy !== undefined) {
    writes.push(
      write(
        () => clients.iam.send(new UpdateAccountPasswordPolicyCommand(passwordPolicy), send),
        'passwordPolicy',
        changesOf('passwordPolicy'),
        failed,
        pending,
        () => readPasswordPolicy(clients, send),
      ),
    );
  }
  for (const request of contacts) {
    const target = `contact:${request.AlternateContactType as AlternateContactType}` as const;
    writes.push(
      write(
        () => clients.account.send(new PutAlternateContactCommand(request), send),
        target,
        changesOf(target),
        failed,
        pending,
        () => readContact(clients, request, send),
      ),
    );
  }
  await Promise.all(writes);

  const confirmedOutcomes = await readBack(pending, options);
  const outcomes = orderLike(plan.changes, [...failed, ...confirmedOutcomes]);
  return { outcomes, ok: outcomes.every((outcome) => outcome.status === 'applied'), message: summarize(outcomes) };
}

/**
 * The last guard before a policy is created where none was (every change from `null`): one weaker than AWS's
 * default is refused whatever the plan says. computePlan never asks for one; this keeps it so.
 */
function weakerNewPolicy(
  changes: Change[],
  request: UpdateAccountPasswordPolicyCommandInput,
): ChangeOutcome[] | undefined {
  if (changes.length === 0 || changes.some((change) => change.from !== null)) return undefined;
  const reason = weakerThanAwsDefault(settingsFromRequest(request));
  return reason === undefined
    ? undefined
    : changes.map((change) => ({
        ...change,
        status: 'failed',
        errorCode: 'WeakerThanAwsDefault',
        errorMessage: reason,
      }));
}

async function write(
  send: () => Promise<unknown>,
  target: ChangeTarget,
  changes: Change[],
  failed: ChangeOutcome[],
  pending: PendingTarget[],
  read: () => Promise<Record<string, ChangeValue>>,
): Promise<void> {
  try {
    await send();
    pending.push({ target, changes, read, confirmed: new Set() });
  } catch (error) {
    const cause = abortCause(error);
    const errorMessage = oneLine(cause instanceof Error ? cause.message : String(cause)) || 'the call failed';
    failed.push(
      ...changes.map((change) => ({ ...change, status: 'failed' as const, errorCode: errorCode(cause), errorMessage })),
    );
  }
}

/** An aborted call says why it was aborted (the run's deadline), not the SDK's bare "Request aborted". */
function abortCause(error: unknown): unknown {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return isAwsError(error, 'AbortError') && cause instanceof Error ? cause : error;
}

/** Reads every written target until each changed setting shows its new value, with bounded exponential backoff. */
async function readBack(pending: PendingTarget[], options: ApplyOptions): Promise<ChangeOutcome[]> {
  const sleep = options.sleep ?? realSleep;
  const signal = options.abortSignal;
  const attempts = Math.max(1, options.readBackAttempts ?? 6);
  let delay = options.readBackDelayMs ?? 1_000;
  let reads = 0;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const open = pending.filter((item) => item.confirmed.size < item.changes.length);
    if (open.length === 0 || signal?.aborted) break;
    if (attempt > 1) {
      try {
        await sleep(delay, signal);
      } catch {
        break; // the deadline fired while waiting: what is not confirmed stays unconfirmed
      }
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
    reads = attempt;
    await Promise.all(open.map((item) => readOnce(item)));
  }
  if (signal?.aborted) {
    const reason = abortReason(signal);
    for (const item of pending)
      if (item.confirmed.size < item.changes.length)
        item.lastProblem = `could not be read before the deadline (${reason})`;
  }
  return pending.flatMap((item) =>
    item.changes.map((change): ChangeOutcome =>
      item.confirmed.has(change.setting)
        ? { ...change, status: 'applied' }
        : {
            ...change,
            status: 'unconfirmed',
            errorMessage:
              `AWS accepted the write, but after ${reads} ${reads === 1 ? 'read' : 'reads'} the account ` +
              `${item.lastProblem ?? 'does not show the new value yet'}`,
          },
    ),
  );
}

async function readOnce(item: PendingTarget): Promise<void> {
  try {
    const live = await item.read();
    for (const change of item.changes) {
      if (live[change.setting] === change.to) item.confirmed.add(change.setting);
    }
    const missing = item.changes
      .filter((change) => !item.confirmed.has(change.setting))
      .map((change) => change.setting);
    if (missing.length > 0) item.lastProblem = `still shows the old ${missing.join(', ')}`;
  } catch (error) {
    const cause = abortCause(error);
    const detail = oneLine(cause instanceof Error ? cause.message : String(cause));
    item.lastProblem = `could not be read (${errorCode(cause)}: ${detail})`;
  }
}

function abortReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? `${errorCode(reason)}: ${oneLine(reason.message)}` : 'aborted';
}

type SendOptions = { abortSignal?: AbortSignal };

/** An incomplete answer is "could not be read" (answers.ts), never a policy with its gaps read as off. */
async function readPasswordPolicy(
  clients: Pick<AwsClients, 'iam'>,
  send: SendOptions,
): Promise<Record<string, ChangeValue>> {
  try {
    const output = await clients.iam.send(new GetAccountPasswordPolicyCommand({}), send);
    const settings: PasswordPolicySettings = settingsFromState(passwordPolicyFromAnswer(output));
    return { ...settings };
  } catch (error) {
    // Right after creation the policy may not be visible yet: that is "not yet", not a failure.
    if (isAwsError(error, 'NoSuchEntity', 'NoSuchEntityException')) return {};
    throw error;
  }
}

async function readContact(
  clients: Pick<AwsClients, 'account'>,
  request: PutAlternateContactCommandInput,
  send: SendOptions,
): Promise<Record<string, ChangeValue>> {
  const type = request.AlternateContactType as AlternateContactType;
  try {
    const output = await clients.account.send(new GetAlternateContactCommand({ AlternateContactType: type }), send);
    return { ...alternateContactFromAnswer(output, type) };
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFoundException')) return {};
    throw error;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Outcomes in the plan's order, whatever order the parallel writes finished in. */
function orderLike(changes: readonly Change[], outcomes: ChangeOutcome[]): ChangeOutcome[] {
  const key = (change: Change) => `${change.target}\u0000${change.setting}`;
  const byKey = new Map(outcomes.map((outcome) => [key(outcome), outcome]));
  return changes.flatMap((change) => {
    const outcome = byKey.get(key(change));
    return outcome ? [outcome] : [];
  });
}

function summarize(outcomes: readonly ChangeOutcome[]): string {
  const applied = outcomes.filter((outcome) => outcome.status === 'applied').length;
  const failed = outcomes.filter((outcome) => outcome.status === 'failed').length;
  const unconfirmed = outcomes.length - applied - failed;
  const parts = [`${applied} of ${outcomes.length} ${outcomes.length === 1 ? 'change' : 'changes'} applied`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (unconfirmed > 0) parts.push(`${unconfirmed} not confirmed by the read-back`);
  return parts.join(', ');
}
