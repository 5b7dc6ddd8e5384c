/** `check`: evaluate a policy against the live account or a snapshot; exit 0, 1 (findings) or 3 (wrong account). */
import { breakingFindings } from '../findings.js';
import { runCheck } from '../pipeline.js';
import { COMMON_OPTIONS, parseCommandArgs } from './options.js';
import { renderReport } from './render.js';
import type { CommandIO } from './io.js';
import { checkOptions, emitReport, withDeadline } from './check-options.js';
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
  const options = checkOptions(values, io);
  const result = await withDeadline(options.timeoutMs, (abortSignal) => runCheck({ ...options.request, abortSignal }));
  await emitReport(renderReport(result.report, options.format, options.color, options.failOn), options, io);

  if (result.evaluation.wrongAccount) return 3;
  return breakingFindings(result.report.findings, options.failOn).length > 0 ? 1 : 0;
}
