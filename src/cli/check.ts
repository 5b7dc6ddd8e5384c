/** `check`: evaluate a policy against the live account or a snapshot; exit 0, 1 (findings) or 3 (wrong account). */
import { breakingFindings } from '../findings.js';
import { runCheck } from '../pipeline.js';
import { COMMON_OPTIONS, parseCommandArgs } from './options.js';
import type { CommandIO } from './io.js';
import { checkOptions, emitReport, withRun } from './check-options.js';
import { ORGANIZATION_OPTIONS, isOrganizationRun, organizationOnlyOption } from './organization-options.js';
import { UsageError } from '../errors.js';
import { nothingCheckedWarning } from '../policy/checks-nothing.js';

export async function checkCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { ...COMMON_OPTIONS, ...ORGANIZATION_OPTIONS });
  if (isOrganizationRun(values)) {
    // The organization code (and its Organizations client) is evaluated only for organization runs.
    const { organizationCheckCommand } = await import(/* webpackChunkName: "organization" */ './organization.js');
    return organizationCheckCommand(values, io);
  }
  const orphan = organizationOnlyOption(values);
  if (orphan !== undefined) throw new UsageError(`--${orphan} needs --accounts, --organization or --ou`);
  const options = checkOptions(values, io);
  const result = await withRun(options, runCheck);
  // The renderers are read once the account has been: they are not on the way to the first AWS request.
  const { renderReport } = await import(/* webpackChunkName: "render" */ './render.js');
  await emitReport(renderReport(result.report, options.format, options.color, options.failOn), options.output, io);
  // Also on stderr: with --format json or --output, the report's own warning is easy to miss.
  const nothingChecked = nothingCheckedWarning(result.policy);
  if (nothingChecked) io.stderr(`${options.request.policyFile}: warning: ${nothingChecked}\n`);

  if (result.evaluation.wrongAccount) return 3;
  return breakingFindings(result.report.findings, options.failOn).length > 0 ? 1 : 0;
}
