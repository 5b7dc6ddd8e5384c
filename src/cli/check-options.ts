/** What `check`, `plan` and `apply` read from the same options, and how they print and bound their run. */
import type { FailOn } from '../findings.js';
import type { CheckRequest } from '../pipeline.js';
import type { RedactMode } from '../report/redact.js';
import { DEFAULT_TIMEOUT_SECONDS, startDeadline } from '../deadline.js';
import { FORMATS, failOnOption, oneOf, positiveNumber, redactOption, requiredString, stringOption, type Format, type ParsedValues } from './options.js';
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
  /** The pipeline request, less the deadline's signal. */
  request: Omit<CheckRequest, 'abortSignal'>;
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
    request: {
      policyFile: requiredString(values, 'policy'),
      ...(stateFile !== undefined && { stateFile }),
      ...(region !== undefined && { aws: { region } }),
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

/** The report to --output FILE, or to stdout; credentials scrubbed as a last line of defence (every format). */
export async function emitReport(text: string, options: CheckOptions, io: CommandIO): Promise<void> {
  const safe = scrubCredentials(text);
  if (options.output === undefined) io.stdout(safe);
  else await writeOutputFile(options.output, safe);
}
