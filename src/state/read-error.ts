/** Turns whatever an AWS SDK call threw into the ReadError a source carries (never a stack trace). */
import type { ReadError } from './types.js';
import { scrubCredentials } from './credential-scrub.js';

/** The fields the SDK puts on a service or transport error, all optional because anything may be thrown. */
interface SdkErrorLike {
  name?: unknown;
  /** awsQuery services (IAM, STS) keep the wire code here, e.g. `NoSuchEntity` for NoSuchEntityException. */
  Code?: unknown;
  /** Node's system error code (ECONNRESET, ETIMEDOUT, ...). */
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
}

const ACCESS_DENIED = /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/;

function asErrorLike(error: unknown): SdkErrorLike {
  return typeof error === 'object' && error !== null ? error : { message: String(error) };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The error's code: the wire code when the protocol has one (IAM/STS `Code`, as the AWS API reference names
 * it), else the exception name (Account REST-JSON, `TimeoutError`), else a Node system code.
 */
export function errorCode(error: unknown): string {
  const like = asErrorLike(error);
  const name = stringField(like.name);
  const code =
    stringField(like.Code) ?? (name !== undefined && name !== 'Error' ? name : undefined) ?? stringField(like.code);
  return code ?? 'Unknown';
}

/** True when the error is any of `codes`, matched on the wire code and on the SDK exception name alike. */
export function isAwsError(error: unknown, ...codes: string[]): boolean {
  const like = asErrorLike(error);
  return [like.Code, like.name, like.code].some((value) => typeof value === 'string' && codes.includes(value));
}

/** One line: SDK messages of unmodelled errors can be empty or span lines. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `Code: message` on one line, for the messages that stop a run (hub credentials, Organizations). */
export function errorSummary(error: unknown): string {
  return `${errorCode(error)}: ${oneLine(error instanceof Error ? error.message : String(error))}`;
}

/** `action` is the IAM action of the failed call, e.g. `iam:GetAccountSummary`. */
export function toReadError(error: unknown, action: string): ReadError {
  // An aborted call reports why it was aborted (the run's deadline), not the SDK's bare "Request aborted".
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (isAwsError(error, 'AbortError') && cause instanceof Error) return toReadError(cause, action);
  const like = asErrorLike(error);
  const rawCode = errorCode(error);
  let code = ACCESS_DENIED.test(rawCode) ? 'AccessDenied' : rawCode;
  const status = like.$metadata?.httpStatusCode;
  // AWS error text can quote the request, credentials included: scrubbed before it becomes part of any finding.
  let message = oneLine(scrubCredentials(stringField(like.message) ?? ''));
  const unparsable = /\s*Deserialization error:.*$/.exec(message);
  if (unparsable) {
    // A body the SDK could not parse (cut off, not XML/JSON): say so, without the SDK's debugging hint.
    code = 'MalformedResponse';
    // A JSON body fails in JSON.parse, whose SyntaxError text is the JavaScript engine's and changes between
    // Node versions (Node 24 appends the line and column): say it in our words. XML errors are the SDK's own.
    const detail =
      like.name === 'SyntaxError' ? 'not valid JSON' : message.slice(0, unparsable.index).replace(/\.$/, '');
    message = `${action} answered with a body that could not be parsed (${detail})`;
  } else if (message === '' || message === 'UnknownError') {
    message = typeof status === 'number' ? `${action} failed with HTTP ${status}` : `${action} failed`;
  }
  const attempts = like.$metadata?.attempts;
  if (typeof attempts === 'number' && attempts > 1) message += ` (gave up after ${attempts} attempts)`;
  return { code, message, action };
}
