/**
 * Writes text that contains values from the account or the policy to the job log. The runner reads every log
 * line for `::command::` text; `::stop-commands::TOKEN` turns that off until `::TOKEN::`, with a token nobody
 * can guess, so a user name like `::add-mask::` or `::error::` prints as text.
 */
import { randomUUID } from 'node:crypto';

export function logUntrusted(
  text: string,
  write: (chunk: string) => void = (chunk) => void process.stdout.write(chunk),
): void {
  const token = `aab-${randomUUID()}`;
  write(`::stop-commands::${token}\n`);
  write(text.endsWith('\n') ? text : `${text}\n`);
  write(`::${token}::\n`);
}
