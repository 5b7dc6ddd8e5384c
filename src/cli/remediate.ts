/** `plan` and `apply`: the changes apply makes (plan: none made, zero write calls), as a diff per setting. */
import { breakingFindings } from '../findings.js';
import { runRemediation, type RemediationMode, type RemediationResult } from '../remediate/run.js';
import { renderApplyMarkdown, renderApplyText, renderPlanMarkdown, renderPlanText } from '../remediate/render-plan.js';
import type { RedactMode } from '../report/redact.js';
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
import type { CommandIO } from './io.js';
import { writeOutputFile } from './output.js';
import { DEFAULT_TIMEOUT_SECONDS, startDeadline } from '../deadline.js';

export const planCommand = (args: string[], io: CommandIO): Promise<number> => remediateCommand('plan', args, io);
export const applyCommand = (args: string[], io: CommandIO): Promise<number> => remediateCommand('apply', args, io);

async function remediateCommand(mode: RemediationMode, args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, COMMON_OPTIONS);
  const format = oneOf<Format>(stringOption(values, 'format'), FORMATS, 'format', 'text');
  const failOn = failOnOption(values);
  const stateFile = stringOption(values, 'state');
  const region = stringOption(values, 'region');
  const maxAgeHours = positiveNumber(values, 'credential-report-max-age-hours');
  const output = stringOption(values, 'output');
  const redact = redactOption(stringOption(values, 'redact'));
  const deadline = startDeadline((positiveNumber(values, 'timeout-seconds') ?? DEFAULT_TIMEOUT_SECONDS) * 1000);

  const result = await runRemediation({
    mode,
    env: io.env,
    policyFile: requiredString(values, 'policy'),
    ...(stateFile !== undefined && { stateFile }),
    ...(region !== undefined && { aws: { region } }),
    now: io.now(),
    redact,
    ...(maxAgeHours !== undefined && { credentialReportMaxAgeMs: maxAgeHours * 3_600_000 }),
    abortSignal: deadline.signal,
  }).finally(() => deadline.finish());

  const color = format === 'text' && output === undefined && io.colorStdout && values['no-color'] !== true;
  const rendered = renderRemediation(result, format, color, redact);
  if (output === undefined) io.stdout(rendered);
  else await writeOutputFile(output, rendered);
  // The one line that matters most goes to stderr too, so it shows whatever the --format.
  if (result.applied && format !== 'text') io.stderr(`apply: ${result.applied.message}\n`);

  if (result.check.evaluation.wrongAccount) return 3;
  if (result.writeFailed) return 1;
  return breakingFindings(result.report.findings, failOn).length > 0 ? 1 : 0;
}

/** The report as for `check`, then the diff (text and markdown); JSON and SARIF carry the report alone. */
export function renderRemediation(result: RemediationResult, format: Format, color: boolean, redact: RedactMode): string {
  const report = renderReport(result.report, format, color);
  if (format === 'text') {
    const diff = result.applied ? renderApplyText(result.applied, redact, result.plan) : renderPlanText(result.plan, redact);
    return `${report}\n${diff}`;
  }
  if (format === 'markdown') {
    const diff = result.applied ? renderApplyMarkdown(result.applied, redact, result.plan) : renderPlanMarkdown(result.plan, redact);
    return `${report}\n${diff}`;
  }
  return report;
}
