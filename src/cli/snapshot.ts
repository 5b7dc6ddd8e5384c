/** `snapshot`: read every source of the live account into a snapshot file for offline `check --state`. */
import { AwsConnection } from '../state/aws-clients.js';
import { collectFullState } from '../state/collect.js';
import { serializeSnapshot } from '../state/snapshot.js';
import { AccountUnreadableError } from '../errors.js';
import { parseCommandArgs, positiveNumber, redactOption, stringOption } from './options.js';
import { redactSnapshot } from '../report/redact-snapshot.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../deadline.js';
import { emitReport, withDeadline } from './check-options.js';
import type { CommandIO } from './io.js';

export async function snapshotCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, {
    output: { type: 'string' },
    redact: { type: 'string' },
    region: { type: 'string' },
    'timeout-seconds': { type: 'string' },
  });
  const region = stringOption(values, 'region');
  const redact = redactOption(stringOption(values, 'redact'));
  const timeoutMs = (positiveNumber(values, 'timeout-seconds') ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const aws = new AwsConnection(region === undefined ? {} : { region });
  const state = await withDeadline(timeoutMs, (abortSignal) =>
    collectFullState(aws.clients(), io.now(), { abortSignal }),
  ).finally(() => aws.destroy());
  if (!state.identity.ok) {
    throw new AccountUnreadableError(
      `cannot read the account: ${state.identity.error.code}: ${state.identity.error.message}`,
    );
  }
  // Masked as every other output is (contacts by default): a snapshot is shared as often as a report.
  const text = serializeSnapshot(redactSnapshot(state, redact));
  const output = stringOption(values, 'output');
  await emitReport(text, output, io);
  if (output !== undefined) io.stderr(`snapshot of account ${state.identity.value.accountId} written to ${output}\n`);
  return 0;
}
