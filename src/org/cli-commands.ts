/**
 * The CLI side of organization runs: `check --accounts/--organization ...`, `discover --shards N`, and
 * `merge FILE...`. Kept here so src/cli only routes to it.
 */
import { readFile } from 'node:fs/promises';
import { breakingFindings, type FailOn } from '../findings.js';
import { InputError, UsageError, fileReadReason } from '../errors.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { renderSummary, type SummaryOptions } from '../report/summary.js';
import type { CommandIO } from '../cli/io.js';
import { writeOutputFile } from '../cli/output.js';
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
  type ParsedValues,
} from '../cli/options.js';
import { renderReport } from '../cli/render.js';
import { parseAccountIds, parseOrganizationalUnits } from './discover.js';
import { DEFAULT_MEMBER_ROLE_NAME, runIdFrom } from './member-access.js';
import { renderAccountMatrix } from './matrix-summary.js';
import { mergeOrgReports } from './merge.js';
import { discoverShardMatrix, runOrganizationCheck, type TargetSelection } from './org-check.js';
import { renderOrgReport, type OrgReport } from './org-report.js';
import { parseConcurrency } from './pool.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../deadline.js';
import { parseShard, parseShardCount, renderShardMatrix } from './shard.js';
export { ORGANIZATION_OPTIONS, isOrganizationRun } from './cli-options.js';

export function targetSelection(values: ParsedValues): TargetSelection {
  const accounts = stringOption(values, 'accounts');
  const units = stringOption(values, 'ou');
  const selection: TargetSelection = {};
  if (accounts !== undefined) selection.accounts = parseAccountIds(accounts);
  if (units !== undefined) selection.organizationalUnits = parseOrganizationalUnits(units);
  if (values['organization'] === true) selection.organization = true;
  return selection;
}

/** Markdown: the headline, then the accounts x areas matrix, then the usual summary. */
export function renderOrgMarkdown(report: OrgReport, options: SummaryOptions = {}): string {
  return renderSummary(report, { ...options, afterHeadline: renderAccountMatrix(report) });
}

/** The CLI's rendering (no GitHub annotations were made). */
export function renderOrgOutput(report: OrgReport, format: Format, color: boolean, failOn?: FailOn): string {
  if (format === 'json') return renderOrgReport(report);
  if (format === 'markdown') return renderOrgMarkdown(report, { annotations: false, ...(failOn !== undefined && { threshold: { failOn, runner: 'cli' } }) });
  return renderReport(report, format, color, failOn);
}

async function emit(text: string, output: string | undefined, io: CommandIO): Promise<void> {
  if (output === undefined) io.stdout(text);
  else await writeOutputFile(output, text);
}

/** `check` with `--accounts`, `--organization` or `--ou`. Exit 0, 1 (findings), 2 (usage), 3 (hub unusable). */
export async function organizationCheckCommand(values: ParsedValues, io: CommandIO): Promise<number> {
  if (stringOption(values, 'state') !== undefined) throw new UsageError('--state reads one account: it cannot be combined with --accounts, --organization or --ou');
  const format = oneOf<Format>(stringOption(values, 'format'), FORMATS, 'format', 'text');
  const failOn = failOnOption(values);
  const output = stringOption(values, 'output');
  const region = stringOption(values, 'region');
  const externalId = stringOption(values, 'external-id');
  const shard = stringOption(values, 'shard');
  const maxAgeHours = positiveNumber(values, 'credential-report-max-age-hours');
  const selection = targetSelection(values);
  const concurrency = parseConcurrency(stringOption(values, 'concurrency'));
  const policy = await loadPolicy(requiredString(values, 'policy'));
  const now = io.now();

  const result = await runOrganizationCheck({
    policy,
    selection,
    ...(shard === undefined ? {} : { shard: parseShard(shard) }),
    memberRoleName: stringOption(values, 'member-role-name') ?? DEFAULT_MEMBER_ROLE_NAME,
    ...(externalId === undefined ? {} : { externalId }),
    runId: runIdFrom(io.env, now),
    concurrency,
    accountTimeoutMs: (positiveNumber(values, 'timeout-seconds') ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    now,
    redact: redactOption(stringOption(values, 'redact')),
    ...(region === undefined ? {} : { clientOptions: { region } }),
    ...(maxAgeHours === undefined ? {} : { collectOptions: { credentialReportMaxAgeMs: maxAgeHours * 3_600_000 } }),
    onAccountDone: (outcome) => {
      if (outcome.accessError !== undefined) io.stderr(`aws-account-baseline: account ${outcome.id} not reached: ${outcome.accessError}\n`);
    },
  });
  for (const note of result.notes) io.stderr(`aws-account-baseline: ${note}\n`);
  const color = format === 'text' && output === undefined && io.colorStdout && values['no-color'] !== true;
  await emit(renderOrgOutput(result.report, format, color, failOn), output, io);
  return breakingFindings(result.report.findings, failOn).length > 0 ? 1 : 0;
}

const DISCOVER_OPTIONS = {
  shards: { type: 'string' },
  accounts: { type: 'string' },
  organization: { type: 'boolean' },
  ou: { type: 'string' },
  policy: { type: 'string' },
  region: { type: 'string' },
  output: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `discover --shards N`: one line of JSON for `strategy.matrix`. Without `--accounts` or `--ou` it lists the
 * whole organization. `--policy` is only read to know whether per-OU targets need the OU tree.
 */
export async function discoverCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, DISCOVER_OPTIONS);
  const shards = parseShardCount(requiredString(values, 'shards'));
  const selection = targetSelection(values);
  if (selection.accounts === undefined && selection.organizationalUnits === undefined) selection.organization = true;
  const policyFile = stringOption(values, 'policy');
  const policy: Policy = policyFile === undefined ? { version: 1, file: '', locations: {} } : await loadPolicy(policyFile);
  const region = stringOption(values, 'region');
  const { matrix, notes } = await discoverShardMatrix(selection, policy, shards, region === undefined ? {} : { clientOptions: { region } });
  for (const note of notes) io.stderr(`aws-account-baseline: ${note}\n`);
  await emit(`${renderShardMatrix(matrix)}\n`, stringOption(values, 'output'), io);
  return 0;
}

const MERGE_OPTIONS = {
  format: COMMON_OPTIONS.format,
  output: COMMON_OPTIONS.output,
  'fail-on': COMMON_OPTIONS['fail-on'],
  'no-color': COMMON_OPTIONS['no-color'],
  help: COMMON_OPTIONS.help,
} as const;

/** `merge FILE...`: the shards' JSON reports -> one report; exits like `check` on the merged findings. */
export async function mergeCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, MERGE_OPTIONS, true);
  if (positionals.length === 0) throw new UsageError('merge needs the JSON reports of the shards: merge FILE...');
  const format = oneOf<Format>(stringOption(values, 'format'), FORMATS, 'format', 'json');
  const failOn = failOnOption(values);
  const output = stringOption(values, 'output');
  const inputs = await Promise.all(
    positionals.map(async (file) => {
      try {
        return { file, text: await readFile(file, 'utf8') };
      } catch (error) {
        throw new InputError([{ file, line: 1, column: 1, message: `cannot read the report file: ${fileReadReason(error)}` }]);
      }
    }),
  );
  const report = mergeOrgReports(inputs);
  const color = format === 'text' && output === undefined && io.colorStdout && values['no-color'] !== true;
  await emit(renderOrgOutput(report, format, color, failOn), output, io);
  return breakingFindings(report.findings, failOn).length > 0 ? 1 : 0;
}
