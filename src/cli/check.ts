/** `check`: evaluate a policy against the live account or a snapshot; exit 0, 1 (findings) or 3 (wrong account). */
import { breakingFindings } from '../findings.js';
import { runCheck } from '../pipeline.js';
import {
  COMMON_OPTIONS,
  FORMATS,
  failOnOption,
  oneOf,
  parseCommandArgs,
  positiveNumber,
  redactOption,
  requiredString,
  stringOption,
  type Format,
} from './options.js';
import { renderReport } from './render.js';
import { DEFAULT_TIMEOUT_SECONDS, startDeadline } from '../deadline.js';
import type { CommandIO } from './io.js';
import { writeOutputFile } from './output.js';
import { ORGANIZATION_OPTIONS, isOrganizationRun, organizationOnlyOption } from '../org/cli-options.js';
import { UsageError } from '../errors.js';

export async function checkCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { ...COMMON_OPTIONS, ...ORGANIZATION_OPTIONS });
  if (isOrganizationRun(values)) {
    // The organization code (and its Organizations client) is evaluated only for organization runs.
    const { organizationCheckCommand } = await import(/* webpackMode: "eager" */ '../org/cli-commands.js');
    return organizationCheckCommand(values, io);
  }
  const orphan = organizationOnlyOption(values);
  if (orphan !== undefined) throw new UsageError(`--${orphan} needs --accounts, --organization or --ou`);
  const format = oneOf<Format>(stringOption(values, 'format'), FORMATS, 'format', 'text');
  const failOn = failOnOption(values);
  const stateFile = stringOption(values, 'state');
  const region = stringOption(values, 'region');
  const maxAgeHours = positiveNumber(values, 'credential-report-max-age-hours');
  const output = stringOption(values, 'output');
  const deadline = startDeadline((positiveNumber(values, 'timeout-seconds') ?? DEFAULT_TIMEOUT_SECONDS) * 1000);

  const result = await runCheck({
    policyFile: requiredString(values, 'policy'),
    ...(stateFile !== undefined && { stateFile }),
    ...(region !== undefined && { aws: { region } }),
    now: io.now(),
    redact: redactOption(stringOption(values, 'redact')),
    ...(maxAgeHours !== undefined && { credentialReportMaxAgeMs: maxAgeHours * 3_600_000 }),
    abortSignal: deadline.signal,
  }).finally(() => deadline.finish());

  const color = format === 'text' && output === undefined && io.colorStdout && values['no-color'] !== true;
  const rendered = renderReport(result.report, format, color);
  if (output === undefined) io.stdout(rendered);
  else await writeOutputFile(output, rendered);

  if (result.evaluation.wrongAccount) return 3;
  return breakingFindings(result.report.findings, failOn).length > 0 ? 1 : 0;
}
