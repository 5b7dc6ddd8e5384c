/**
 * A size cap on one command's HTTP answer, enforced before the SDK buffers it: the SDK reads a whole body into
 * memory before parsing, so a hostile or broken endpoint could otherwise fill the runner's memory. A declared
 * Content-Length over the cap is refused from the headers alone; a body without one is counted as it streams
 * and cut off at the cap. Either way the connection is closed and the call fails with ResponseTooLargeError.
 */
import { pipeline, Readable, Transform } from 'node:stream';
import type {
  DeserializeHandler,
  DeserializeHandlerArguments,
  DeserializeHandlerOutput,
  HttpResponse,
  MiddlewareStack,
} from '@smithy/types';

export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLarge';
}

function mebibytes(bytes: number): string {
  return `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;
}

function isHttpResponse(value: unknown): value is HttpResponse {
  return typeof value === 'object' && value !== null && 'statusCode' in value && 'headers' in value;
}

function declaredLength(response: HttpResponse): number | undefined {
  const entry = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-length');
  const length = entry === undefined ? Number.NaN : Number(entry[1]);
  return Number.isSafeInteger(length) ? length : undefined;
}

/** Passes the stream through until `maxBytes`, then fails it (which also destroys the source). */
function countingStream(source: Readable, maxBytes: number, tooLarge: () => ResponseTooLargeError): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(tooLarge());
      else callback(null, chunk);
    },
  });
  // pipeline destroys the source when the limiter fails; the SDK sees the limiter's error when it reads.
  return pipeline(source, limiter, () => undefined);
}

/**
 * Adds the cap to `stack` (a command's own middleware stack). It sits inside the deserializer, so it sees the raw
 * answer before anything reads the body. `what` names the answer in the message.
 */
export function capResponseSize<Input extends object, Output extends object>(
  stack: MiddlewareStack<Input, Output>,
  maxBytes: number,
  what: string,
): void {
  const cap = mebibytes(maxBytes);
  stack.add(
    (next: DeserializeHandler<Input, Output>) =>
      async (args: DeserializeHandlerArguments<Input>): Promise<DeserializeHandlerOutput<Output>> => {
        const result = await next(args);
        const response = result.response;
        if (!isHttpResponse(response)) return result;
        const length = declaredLength(response);
        if (length !== undefined && length > maxBytes) {
          if (response.body instanceof Readable) response.body.destroy();
          throw new ResponseTooLargeError(
            `${what} is ${mebibytes(length)} (Content-Length), above the ${cap} cap: refused unread`,
          );
        }
        if (response.body instanceof Readable) {
          response.body = countingStream(
            response.body,
            maxBytes,
            () => new ResponseTooLargeError(`${what} went past the ${cap} cap: stopped reading`),
          );
        }
        return result;
      },
    { step: 'deserialize', priority: 'low', name: 'responseSizeCap' },
  );
}
