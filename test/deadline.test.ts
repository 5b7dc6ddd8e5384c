/** The run deadline (src/deadline.ts) and how a call it cut short reads as a source error. */
import { jest } from '@jest/globals';
import {
  DeadlineExceededError,
  exitWhenExpiredRunsLinger,
  startDeadline,
  tuningFromEnv,
  untilDeadline,
} from '../src/deadline.js';
import { toReadError } from '../src/state/read-error.js';

afterEach(() => {
  jest.useRealTimers();
});

describe('startDeadline', () => {
  test('aborts its signal with DeadlineExceeded when the time is up, not before', () => {
    jest.useFakeTimers();
    const deadline = startDeadline(2_000);
    jest.advanceTimersByTime(1_999);
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.expired).toBe(false);
    jest.advanceTimersByTime(1);
    expect(deadline.expired).toBe(true);
    expect(deadline.signal.reason).toBeInstanceOf(DeadlineExceededError);
    expect((deadline.signal.reason as Error).message).toBe(
      "the run's deadline of 2 s (timeout-seconds) passed before AWS answered",
    );
  });

  test('finish() before the deadline stops it for good', () => {
    jest.useFakeTimers();
    const deadline = startDeadline(1_000);
    deadline.finish();
    jest.advanceTimersByTime(5_000);
    expect(deadline.signal.aborted).toBe(false);
  });
});

describe('after an expired run', () => {
  test("the process is ended only when an entry point asked for it (never inside the tests' own process)", () => {
    jest.useFakeTimers();
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    try {
      const embedded = startDeadline(1_000);
      jest.advanceTimersByTime(1_000);
      embedded.finish();
      jest.advanceTimersByTime(10_000);
      expect(exit).not.toHaveBeenCalled();

      exitWhenExpiredRunsLinger();
      const entryPoint = startDeadline(1_000);
      jest.advanceTimersByTime(1_000);
      entryPoint.finish();
      jest.advanceTimersByTime(10_000);
      expect(exit).toHaveBeenCalledTimes(1);
    } finally {
      exit.mockRestore();
    }
  });
});

describe('untilDeadline', () => {
  test('settles like the work when it ends first', async () => {
    const controller = new AbortController();
    await expect(untilDeadline(Promise.resolve('done'), controller.signal)).resolves.toBe('done');
    await expect(untilDeadline(Promise.reject(new Error('denied')), controller.signal)).rejects.toThrow('denied');
  });

  test('rejects with the deadline reason when the deadline comes first', async () => {
    const controller = new AbortController();
    const pending = untilDeadline(new Promise<never>(() => undefined), controller.signal);
    controller.abort(new DeadlineExceededError(5_000));
    await expect(pending).rejects.toThrow("the run's deadline of 5 s (timeout-seconds) passed before AWS answered");
  });

  test('rejects at once when the deadline already passed', async () => {
    const controller = new AbortController();
    controller.abort(new DeadlineExceededError(1_500));
    await expect(untilDeadline(Promise.resolve(1), controller.signal)).rejects.toBeInstanceOf(DeadlineExceededError);
  });
});

describe('a call the deadline aborted, as a read error', () => {
  test("the SDK's AbortError reports its cause: the deadline", () => {
    const abort = Object.assign(new Error('Request aborted'), {
      name: 'AbortError',
      cause: new DeadlineExceededError(120_000),
    });
    expect(toReadError(abort, 'iam:GetAccountSummary')).toEqual({
      code: 'DeadlineExceeded',
      message: "the run's deadline of 120 s (timeout-seconds) passed before AWS answered",
      action: 'iam:GetAccountSummary',
    });
  });

  test('an AbortError without a cause stays as the SDK named it', () => {
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    expect(toReadError(abort, 'iam:GetAccountSummary')).toEqual({
      code: 'AbortError',
      message: 'Request aborted',
      action: 'iam:GetAccountSummary',
    });
  });
});

describe('a body the SDK could not parse, as a read error', () => {
  test('is MalformedResponse, without the SDK debugging hint', () => {
    const error = Object.assign(
      new Error(
        '@aws-sdk XML parse error: missing closing tag </key>. Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.',
      ),
      { $metadata: { httpStatusCode: 200, attempts: 1 } },
    );
    expect(toReadError(error, 'iam:GetAccountSummary')).toEqual({
      code: 'MalformedResponse',
      message:
        'iam:GetAccountSummary answered with a body that could not be parsed (@aws-sdk XML parse error: missing closing tag </key>)',
      action: 'iam:GetAccountSummary',
    });
  });
});

describe('tuningFromEnv', () => {
  test('reads the AAB_* knobs that are positive whole numbers', () => {
    expect(
      tuningFromEnv({
        AAB_REQUEST_TIMEOUT_MS: '500',
        AAB_CONNECTION_TIMEOUT_MS: '200',
        AAB_MAX_ATTEMPTS: '2',
        AAB_CREDENTIAL_REPORT_DEADLINE_MS: '1500',
      }),
    ).toEqual({ requestTimeoutMs: 500, connectionTimeoutMs: 200, maxAttempts: 2, credentialReportDeadlineMs: 1_500 });
  });

  test('ignores unset, zero, negative, fractional and non-numeric values (the defaults apply)', () => {
    expect(tuningFromEnv({})).toEqual({});
    expect(
      tuningFromEnv({
        AAB_REQUEST_TIMEOUT_MS: '0',
        AAB_MAX_ATTEMPTS: '-1',
        AAB_CONNECTION_TIMEOUT_MS: '1.5',
        AAB_CREDENTIAL_REPORT_DEADLINE_MS: 'soon',
      }),
    ).toEqual({});
  });
});
