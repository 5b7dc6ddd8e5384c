/**
 * The CLI side of organization runs: `check --accounts/--organization/--ou ...`, `discover --shards N`, and
 * `merge FILE...`.
 */
import { readFile } from 'node:fs/promises';
import { breakingFindings } from '../findings.js';
import { InputError, UsageError, fileReadReason } from '../errors.js';
import { mergeOrgReports } from '../organization-run/merge-shards.js';
import { discoverShardMatrix, runOrganizationCheck } from '../organization-run/organization-check.js';
import { parseConcurrency, parseSelection, type TargetSelection } from '../organization-run/selection.js';
import { parseShard, parseShardCount, renderShardMatrix } from '../organization-run/shard.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/types.js';
import { AwsConnection } from '../state/aws-clients.js';
import { DEFAULT_MEMBER_ROLE_NAME, runIdFrom } from '../state/member-access.js';
import { checkOptions, emitReport } from './check-options.js';
import type { CommandIO } from './io.js';
import {
  COMMON_OPTIONS,
  FORMATS,
  failOnOption,
  oneOf,
  parseCommandArgs,
  requiredString,
  stringOption,
  type Format,
  type ParsedValues,
} from './options.js';
import { selectionText } from './organization-options.js';
import { renderReport } from './render.js';

function targetSelection(values: ParsedValues): TargetSelection {
  return parseSelection(selectionText(values)) ?? {};
}

/** `check` with `--accounts`, `--organization` or `--ou`. Exit 0, 1 (findings), 2 (usage), 3 (hub unusable). */
export async function organizationCheckCommand(values: ParsedValues, io: CommandIO): Promise<number> {
  if (stringOption(values, 'state') !== undefined)
    throw new UsageError('--state reads one account: it cannot be combined with --accounts, --organization or --ou');
  const options = checkOptions(values, io);
  const externalId = stringOption(values, 'external-id');
  const shard = stringOption(values, 'shard');
  const selection = targetSelection(values);
  const concurrency = parseConcurrency(stringOption(values, 'concurrency'));
  const policy = await loadPolicy(options.request.policyFile);
  const maxAgeMs = options.request.credentialReportMaxAgeMs;
  const now = options.request.now;
  const aws = new AwsConnection(options.aws);
  try {
    const result = await runOrganizationCheck({
      aws,
      policy,
      selection,
      ...(shard === undefined ? {} : { shard: parseShard(shard) }),
      memberRoleName: stringOption(values, 'member-role-name') ?? DEFAULT_MEMBER_ROLE_NAME,
      ...(externalId === undefined ? {} : { externalId }),
      runId: runIdFrom(io.env, now),
      concurrency,
      // In organization runs `--timeout-seconds` bounds each account, not the run.
      accountTimeoutMs: options.timeoutMs,
      now,
      redact: options.redact,
      ...(maxAgeMs === undefined ? {} : { collectOptions: { credentialReportMaxAgeMs: maxAgeMs } }),
      onAccountDone: (outcome) => {
        if (outcome.accessError !== undefined)
          io.stderr(`aws-account-baseline: account ${outcome.id} not reached: ${outcome.accessError}\n`);
      },
    });
    for (const note of result.notes) io.stderr(`aws-account-baseline: ${note}\n`);
    await emitReport(renderReport(result.report, options.format, options.color, options.failOn), options.output, io);
    return breakingFindings(result.report.findings, options.failOn).length > 0 ? 1 : 0;
  } finally {
    aws.destroy();
  }
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
  const policy: Policy =
    policyFile === undefined ? { version: 1, file: '', locations: {} } : await loadPolicy(policyFile);
  const region = stringOption(values, 'region');
  const aws = new AwsConnection(region === undefined ? {} : { region });
  try {
    const { matrix, notes } = await discoverShardMatrix(selection, policy, shards, { aws });
    for (const note of notes) io.stderr(`aws-account-baseline: ${note}\n`);
    await emitReport(`${renderShardMatrix(matrix)}\n`, stringOption(values, 'output'), io);
    return 0;
  } finally {
    aws.destroy();
  }
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
        throw new InputError([
          { file, line: 1, column: 1, message: `cannot read the report file: ${fileReadReason(error)}` },
        ]);
      }
    }),
  );
  const report = mergeOrgReports(inputs);
  const color = format === 'text' && output === undefined && io.colorStdout && values['no-color'] !== true;
  await emitReport(renderReport(report, format, color, failOn), output, io);
  return breakingFindings(report.findings, failOn).length > 0 ? 1 : 0;
}
