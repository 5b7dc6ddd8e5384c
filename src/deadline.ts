/**
 * The run's overall deadline (`timeout-seconds` input, `--timeout-seconds` option, default 120 s): one
 * AbortSignal that every AWS call and wait of the run listens to. At the deadline the calls still running end
 * as `DeadlineExceeded` read errors, so the run still reports (those controls as `error`, never `pass`) and
 * ends on time instead of being killed by the job's timeout with no report at all.
 *
 * Also the few tuning knobs read from the environment (AAB_*), documented in docs/performance.md; they exist
 * so tests and impatient users can shorten waits without new flags on every entry point.
 */

import { setMaxListeners } from 'node:events';

export const DEFAULT_TIMEOUT_SECONDS = 120;
/** Left for evaluating and publishing when something ignores the signal: after this, the process exits. */
const EXIT_GRACE_MS = 2_000;

/** The abort reason: becomes the read error (code `DeadlineExceeded`) of every call it cut short. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceeded';
  constructor(readonly timeoutMs: number) {
    super(`the run's deadline of ${formatSeconds(timeoutMs)} s (timeout-seconds) passed before AWS answered`);
  }
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

export interface RunDeadline {
  readonly timeoutMs: number;
  /** Aborted at the deadline with a DeadlineExceededError as its reason. */
  readonly signal: AbortSignal;
  readonly expired: boolean;
  /**
   * The run is over: stops the timer. After an expired deadline, also makes sure the process ends soon even if
   * a call that ignores the signal (e.g. the runner's OIDC token request) is still holding it open.
   */
  finish(): void;
}

let exitWhenAnExpiredRunLingers = false;
/**
 * Called by the process entry points (src/bundle.ts) alone: a run that shares its process with other work (the
 * tests call the CLI in-process) must never end that process.
 */
export function exitWhenExpiredRunsLinger(): void {
  exitWhenAnExpiredRunLingers = true;
}

export function startDeadline(timeoutMs: number): RunDeadline {
  const controller = new AbortController();
  // Every call in flight listens on this one signal: a check of every control has more than Node's default
  // of 10 at once, which is by design, not the leak the default warning is for.
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(timeoutMs)), timeoutMs);
  // Never keeps the process alive by itself: a run that finished early exits at once.
  timer.unref();
  return {
    timeoutMs,
    signal: controller.signal,
    get expired() {
      return controller.signal.aborted;
    },
    finish() {
      clearTimeout(timer);
      if (!controller.signal.aborted || !exitWhenAnExpiredRunLingers) return;
      // Unref'd: fires only if something else still holds the event loop; process.exitCode is kept.
      setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
    },
  };
}

/** Settles like `work`, or rejects with the deadline's reason first: for steps that take no AbortSignal. */
export function untilDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

// ---- environment knobs ---------------------------------------------------------------------------------

export interface Tuning {
  /** AAB_REQUEST_TIMEOUT_MS: per-attempt limit of one AWS request. */
  requestTimeoutMs?: number;
  /** AAB_CONNECTION_TIMEOUT_MS: limit for opening the connection. */
  connectionTimeoutMs?: number;
  /** AAB_MAX_ATTEMPTS: attempts per AWS call, the first included. */
  maxAttempts?: number;
  /** AAB_CREDENTIAL_REPORT_DEADLINE_MS: how long to wait for a credential report being generated. */
  credentialReportDeadlineMs?: number;
}

const KNOBS = {
  requestTimeoutMs: 'AAB_REQUEST_TIMEOUT_MS',
  connectionTimeoutMs: 'AAB_CONNECTION_TIMEOUT_MS',
  maxAttempts: 'AAB_MAX_ATTEMPTS',
  credentialReportDeadlineMs: 'AAB_CREDENTIAL_REPORT_DEADLINE_MS',
} as const satisfies Record<keyof Tuning, string>;

/** The AAB_* knobs that are set to a positive whole number; anything else is ignored (the defaults apply). */
export function tuningFromEnv(env: NodeJS.ProcessEnv = process.env): Tuning {
  const tuning: Tuning = {};
  for (const [field, name] of Object.entries(KNOBS) as [keyof Tuning, string][]) {
    const raw = env[name];
    if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) <= 0) continue;
    tuning[field] = Number(raw);
  }
  return tuning;
}
