/** What `check`, `plan` and `apply` read from the same options, and how they print and bound their run. */
import type { FailOn } from '../findings.js';
import type { CheckRequest } from '../pipeline.js';
import type { RedactMode } from '../report/redact.js';
import type { AwsClientOptions, AwsConnection } from '../state/aws-clients.js';
import { DEFAULT_TIMEOUT_SECONDS, startDeadline } from '../deadline.js';
import {
  FORMATS,
  failOnOption,
  oneOf,
  positiveNumber,
  redactOption,
  requiredString,
  stringOption,
  type Format,
  type ParsedValues,
} from './options.js';
import type { CommandIO } from './io.js';
import { writeOutputFile } from './output.js';
import { scrubCredentials } from '../state/credential-scrub.js';

export interface CheckOptions {
  format: Format;
  failOn: FailOn;
  redact: RedactMode;
  output?: string;
  /** ANSI colour: text to a terminal, unless --no-color. */
  color: boolean;
  timeoutMs: number;
  /** Region of the run's AWS connection (credentials: the default chain). */
  aws: AwsClientOptions;
  /** The pipeline request, less the run's deadline signal and AWS connection. */
  request: Omit<CheckRequest, 'abortSignal' | 'aws'>;
}

export function checkOptions(values: ParsedValues, io: CommandIO): CheckOptions {
  const format = oneOf<Format>(stringOption(values, 'format'), FORMATS, 'format', 'text');
  const stateFile = stringOption(values, 'state');
  const region = stringOption(values, 'region');
  const maxAgeHours = positiveNumber(values, 'credential-report-max-age-hours');
  const output = stringOption(values, 'output');
  const redact = redactOption(stringOption(values, 'redact'));
  return {
    format,
    failOn: failOnOption(values),
    redact,
    ...(output !== undefined && { output }),
    color: format === 'text' && output === undefined && io.colorStdout && values['no-color'] !== true,
    timeoutMs: (positiveNumber(values, 'timeout-seconds') ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    aws: region === undefined ? {} : { region },
    request: {
      policyFile: requiredString(values, 'policy'),
      ...(stateFile !== undefined && { stateFile }),
      now: io.now(),
      redact,
      ...(maxAgeHours !== undefined && { credentialReportMaxAgeMs: maxAgeHours * 3_600_000 }),
    },
  };
}

/** Runs `work` under the run's deadline (src/deadline.ts), always releasing it. */
export function withDeadline<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const deadline = startDeadline(timeoutMs);
  return work(deadline.signal).finally(() => deadline.finish());
}

/**
 * Runs `work` with the run's one AWS connection and under the run's deadline, always releasing both: no socket or
 * timer outlives the command. A snapshot check opens no connection, and never evaluates the AWS SDK.
 */
export async function withRun<T>(options: CheckOptions, work: (request: CheckRequest) => Promise<T>): Promise<T> {
  const aws: AwsConnection | undefined =
    options.request.stateFile === undefined
      ? new (await import(/* webpackChunkName: "aws" */ '../state/aws-clients.js')).AwsConnection(options.aws)
      : undefined;
  try {
    return await withDeadline(options.timeoutMs, (abortSignal) =>
      work({ ...options.request, ...(aws && { aws }), abortSignal }),
    );
  } finally {
    aws?.destroy();
  }
}

/**
 * The report (or any command's output) to --output FILE, or to stdout; credentials scrubbed as a last line of
 * defence.
 */
export async function emitReport(text: string, output: string | undefined, io: CommandIO): Promise<void> {
  const safe = scrubCredentials(text);
  if (output === undefined) io.stdout(safe);
  else await writeOutputFile(output, safe);
}
