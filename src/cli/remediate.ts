/** `plan` and `apply`: the changes apply makes (plan: none made, zero write calls), as a diff per setting. */
import { breakingFindings, type FailOn } from '../findings.js';
import { renderSummary } from '../report/summary.js';
import { runRemediation, type RemediationMode, type RemediationResult } from '../remediate/run.js';
import { renderApplyMarkdown, renderApplyText, renderPlanMarkdown, renderPlanText } from '../remediate/render-plan.js';
import type { RedactMode } from '../report/redact.js';
import { COMMON_OPTIONS, parseCommandArgs, type Format } from './options.js';
import { renderReport } from './render.js';
import type { CommandIO } from './io.js';
import { checkOptions, emitReport, withRun } from './check-options.js';
import { applyRefusal } from '../remediate/guard.js';
import { triggeringEventFromEnv } from '../github/run-context.js';
import { UsageError } from '../errors.js';

export const planCommand = (args: string[], io: CommandIO): Promise<number> => remediateCommand('plan', args, io);
export const applyCommand = (args: string[], io: CommandIO): Promise<number> => remediateCommand('apply', args, io);

async function remediateCommand(mode: RemediationMode, args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, COMMON_OPTIONS);
  const options = checkOptions(values, io);
  // The CLI run inside a workflow (`npx aws-account-baseline apply`) keeps to the action's event allowlist.
  if (io.env.GITHUB_ACTIONS === 'true') {
    const refusal = applyRefusal(mode, triggeringEventFromEnv(io.env), false);
    if (refusal !== undefined) throw new UsageError(refusal);
  }
  const result = await withRun(options, (request) => runRemediation({ ...request, mode, env: io.env }));
  await emitReport(
    renderRemediation(result, options.format, options.color, options.redact, options.failOn),
    options.output,
    io,
  );
  // The one line that matters most goes to stderr too, so it shows whatever the --format.
  if (result.applied && options.format !== 'text') io.stderr(`apply: ${result.applied.message}\n`);

  if (result.check.evaluation.wrongAccount) return 3;
  if (result.writeFailed) return 1;
  return breakingFindings(result.report.findings, options.failOn).length > 0 ? 1 : 0;
}

/**
 * Text and Markdown: the changes first (what the user ran plan/apply for), then the report: in full after apply
 * (the account as it is now), as its headline after plan in text (the manual steps already list every other
 * failure; `check` prints the rest). JSON and SARIF carry the report alone, the changes inside the JSON.
 */
export function renderRemediation(
  result: RemediationResult,
  format: Format,
  color: boolean,
  redact: RedactMode,
  failOn?: FailOn,
): string {
  if (format === 'text') {
    const diff = result.applied
      ? renderApplyText(result.applied, redact, result.plan)
      : renderPlanText(result.plan, redact);
    const report = renderReport(result.report, format, color, failOn);
    return `${diff}\n${result.applied ? report : reportHeadline(report)}`;
  }
  if (format === 'markdown') {
    const diff = result.applied
      ? renderApplyMarkdown(result.applied, redact, result.plan)
      : renderPlanMarkdown(result.plan, redact);
    const threshold = failOn === undefined ? {} : { threshold: { failOn, runner: 'cli' as const } };
    // Level 3, as the plan's own heading: the two sections sit side by side.
    return `${diff}\n${renderSummary(result.report, { headingLevel: 3, annotations: false, ...threshold })}`;
  }
  return renderReport(result.report, format, color, failOn);
}

/** The text report's opening block (verdict and counts), with a pointer to the full report. */
function reportHeadline(report: string): string {
  const head = report.split('\n\n')[0] ?? report;
  return `${head}\n  every finding: aws-account-baseline check, with the same options\n`;
}
