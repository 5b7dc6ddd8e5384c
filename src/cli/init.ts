/**
 * `init`: a commented policy and a workflow for a repository that starts using aws-account-baseline.
 * `init --adopt`: the same policy, plus a waiver for every current deviation of the account, so the first check
 * passes and each expiry brings a deviation back (see src/cli/adopt-waivers.ts).
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { evaluate } from '../evaluate.js';
import { AccountUnreadableError, UsageError } from '../errors.js';
import { DEFAULT_TIMEOUT_SECONDS } from '../deadline.js';
import { builtinBaselines } from '../generated/assets.js';
import { buildReport, collectLiveState } from '../pipeline.js';
import { loadPolicyWith } from '../policy/load.js';
import { resolvePolicyForAccount } from '../policy/targets.js';
import type { Policy } from '../policy/types.js';
import { redactReport } from '../report/redact.js';
import { readSnapshot } from '../state/snapshot.js';
import type { AccountState } from '../state/types.js';
import { withDeadline } from './check-options.js';
import type { CommandIO } from './io.js';
import { parseCommandArgs, positiveNumber, stringOption, type ParsedValues } from './options.js';
import { DEFAULT_WAIVER_DAYS, adoptionWaivers, renderAdoptedExceptions, type Adoption } from './adopt-waivers.js';
import {
  DEFAULT_BASELINE,
  EXCEPTIONS_EXAMPLE,
  POLICY_PATH,
  WORKFLOW_PATH,
  policyText,
  workflowText,
} from './init-templates.js';

const INIT_OPTIONS = {
  baseline: { type: 'string' },
  adopt: { type: 'boolean' },
  state: { type: 'string' },
  'waiver-days': { type: 'string' },
  region: { type: 'string' },
  'timeout-seconds': { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const BUILTIN = 'builtin:';

/**
 * `--baseline` as the policy's `extends` entry: a bundled name, or a .yml path made relative to the policy's
 * folder.
 */
export function extendsEntry(baseline: string, cwd: string): string {
  const name = baseline.startsWith(BUILTIN) ? baseline.slice(BUILTIN.length) : baseline;
  if (builtinBaselines[name] !== undefined) return `${BUILTIN}${name}`;
  if (baseline.startsWith(BUILTIN) || !/\.ya?ml$/.test(baseline)) {
    const known = Object.keys(builtinBaselines)
      .map((known) => `${BUILTIN}${known}`)
      .join(', ');
    throw new UsageError(`--baseline must be one of ${known} or a .yml file (got "${baseline}")`);
  }
  const absolute = isAbsolute(baseline) ? baseline : resolve(cwd, baseline);
  const fromPolicy = relative(resolve(cwd, dirname(POLICY_PATH)), absolute)
    .split(sep)
    .join('/');
  return fromPolicy.startsWith('.') ? fromPolicy : `./${fromPolicy}`;
}

function waiverDays(values: ParsedValues): number {
  const days = positiveNumber(values, 'waiver-days') ?? DEFAULT_WAIVER_DAYS;
  if (!Number.isInteger(days))
    throw new UsageError(`--waiver-days must be a whole number of days (got "${String(values['waiver-days'])}")`);
  return days;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export async function initCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, INIT_OPTIONS);
  const adopt = values['adopt'] === true;
  for (const option of ['state', 'waiver-days', 'region', 'timeout-seconds']) {
    if (!adopt && values[option] !== undefined) throw new UsageError(`--${option} is an option of init --adopt`);
  }
  const cwd = process.cwd();
  const baseline = extendsEntry(stringOption(values, 'baseline') ?? DEFAULT_BASELINE, cwd);
  const days = adopt ? waiverDays(values) : DEFAULT_WAIVER_DAYS;
  if (values['force'] !== true) {
    for (const file of [POLICY_PATH, WORKFLOW_PATH]) {
      if (await exists(join(cwd, file))) {
        io.stderr(`aws-account-baseline: ${file} exists: nothing written (init --force replaces it)\n`);
        return 2;
      }
    }
  }

  let policy = `${policyText({ baseline })}\n${EXCEPTIONS_EXAMPLE}`;
  let accountId: string | undefined;
  let adoption: Adoption | undefined;
  const now = io.now();
  if (adopt) {
    const base = policyText({ baseline });
    const adopted = await adoptAccount(base, values, now, days);
    accountId = adopted.accountId;
    adoption = adopted.adoption;
    policy = `${policyText({ baseline, accountId })}\n${renderAdoptedExceptions(adoption.waivers, accountId, now)}`;
  }
  await writeNew(join(cwd, POLICY_PATH), policy);
  await writeNew(join(cwd, WORKFLOW_PATH), workflowText(accountId));

  io.stdout(summaryLines(baseline, adoption).join('\n') + '\n');
  if (adoption !== undefined && adoption.unreadable.length > 0) {
    for (const finding of adoption.unreadable) {
      io.stderr(
        `aws-account-baseline: ${finding.control} (${finding.resource}) could not be read, and an error is ` +
          `never waived: ${finding.actual}\n`,
      );
    }
    io.stderr(
      `aws-account-baseline: ${adoption.unreadable.length} ` +
        `${adoption.unreadable.length === 1 ? 'control' : 'controls'} could not be read: grant the read ` +
        `permissions (policies/iam/read-only.json) and run init --adopt --force again\n`,
    );
    return 1;
  }
  return 0;
}

async function writeNew(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Evaluates the base policy (in memory, as if written at POLICY_PATH) against the account or `--state`. */
async function adoptAccount(
  baseText: string,
  values: ParsedValues,
  now: Date,
  days: number,
): Promise<{ accountId: string; adoption: Adoption }> {
  const policyFile = POLICY_PATH;
  const policyAbsolute = resolve(policyFile);
  const policy = await loadPolicyWith(policyFile, (absolute) =>
    absolute === policyAbsolute ? Promise.resolve(baseText) : readFile(absolute, 'utf8'),
  );
  const state = await readState(policy, values, now);
  if (!state.identity.ok) {
    throw new AccountUnreadableError(
      `cannot read the account: ${state.identity.error.code}: ${state.identity.error.message}`,
    );
  }
  const accountId = state.identity.value.accountId;
  const accountPolicy: Policy =
    policy.targets === undefined ? policy : resolvePolicyForAccount(policy, { accountId, organizationalUnitIds: [] });
  const evaluation = evaluate(accountPolicy, state, now);
  const report = buildReport(policyFile, state, evaluation, now);
  // Waivers need the exact resource names; the comments above them are committed, so they come masked.
  const masked = redactReport(report, state, 'contacts').report;
  return { accountId, adoption: adoptionWaivers(report.findings, now, days, masked.findings) };
}

async function readState(policy: Policy, values: ParsedValues, now: Date): Promise<AccountState> {
  const stateFile = stringOption(values, 'state');
  if (stateFile !== undefined) return readSnapshot(stateFile);
  const region = stringOption(values, 'region');
  const timeoutMs = (positiveNumber(values, 'timeout-seconds') ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const { AwsConnection } = await import(/* webpackChunkName: "aws" */ '../state/aws-clients.js');
  const aws = new AwsConnection(region === undefined ? {} : { region });
  try {
    return await withDeadline(timeoutMs, (abortSignal) => collectLiveState(policy, { now, abortSignal, aws }));
  } finally {
    aws.destroy();
  }
}

function summaryLines(baseline: string, adoption: Adoption | undefined): string[] {
  const waivers = adoption?.waivers ?? [];
  const first = waivers[0];
  const waived =
    adoption === undefined
      ? ''
      : first === undefined
        ? ', no waiver needed'
        : `, ${waivers.length} ${waivers.length === 1 ? 'waiver' : 'waivers'} expiring ${first.expires}`;
  return [
    `wrote ${POLICY_PATH} (extends ${baseline}${waived})`,
    `wrote ${WORKFLOW_PATH} (pull-request check, nightly drift run with SARIF upload)`,
    '',
    'Next steps:',
    '  1. Create the read-only OIDC role in the account: deploy/oidc-role.yaml (CloudFormation) or deploy/terraform.',
    `  2. In ${WORKFLOW_PATH}: put the role's ARN in role-to-assume, and the action's owner in place of OWNER.`,
    `  3. Try it: aws-account-baseline validate --policy ${POLICY_PATH}`,
    `     and, with AWS credentials: aws-account-baseline check --policy ${POLICY_PATH}`,
    '  4. Commit both files and open a pull request: the workflow checks it.',
  ];
}
