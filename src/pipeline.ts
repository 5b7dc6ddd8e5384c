/** The one flow both entry points share: policy + account state -> evaluation -> report. */
import { countStatuses, type Report } from './findings.js';
import { evaluate, type Evaluation } from './evaluate.js';
import { loadPolicy } from './policy/load.js';
import type { Policy } from './policy/types.js';
import { resolvePolicyForAccount } from './policy/targets.js';
import type { AccountState } from './state/types.js';
import type { AwsConnection } from './state/aws-clients.js';
import { requiredParts, requiredSources } from './controls/registry.js';
import { redactReport, type RedactMode } from './report/redact.js';
import { AccountUnreadableError } from './errors.js';
import { tuningFromEnv } from './deadline.js';

export interface CheckRequest {
  policyFile: string;
  /** Evaluate this snapshot instead of reading the live account. */
  stateFile?: string;
  /**
   * The run's AWS connection: its clients are built on first use and serve every check of the run (plan, apply
   * and the check after apply too). The caller destroys it. Without one, a live read opens and closes its own.
   */
  aws?: AwsConnection;
  now: Date;
  redact: RedactMode;
  credentialReportMaxAgeMs?: number;
  credentialReportDeadlineMs?: number;
  /** The run's deadline (src/deadline.ts): calls still running when it fires become `error` findings. */
  abortSignal?: AbortSignal;
}

export interface CheckResult {
  /** The policy as it applies to this account: the `targets` that name it merged in. */
  policy: Policy;
  state: AccountState;
  evaluation: Evaluation;
  /** Redacted as asked: safe to print and publish. */
  report: Report;
  /** Values the report masks; the action registers them as secrets so logs mask them too. */
  secrets: string[];
}

/**
 * The snapshot reader holds the generated snapshot validator (about 150 KB): loaded only for `--state`, so a
 * live check does not compile it before its first AWS request.
 */
async function readSnapshotFile(file: string): Promise<AccountState> {
  const { readSnapshot } = await import(/* webpackChunkName: "snapshot-reader" */ './state/snapshot.js');
  return readSnapshot(file);
}

export async function runCheck(request: CheckRequest): Promise<CheckResult> {
  const policy = await loadPolicy(request.policyFile);
  const state = request.stateFile ? await readSnapshotFile(request.stateFile) : await collectLiveState(policy, request);
  if (!state.identity.ok) {
    throw new AccountUnreadableError(
      `cannot read the account: ${state.identity.error.code}: ${state.identity.error.message}`,
    );
  }
  const accountPolicy = policyForTheAccount(policy, state.identity.value.accountId);
  const evaluation = evaluate(accountPolicy, state, request.now);
  const { report, secrets } = redactReport(
    buildReport(request.policyFile, state, evaluation, request.now, policy.cisVersion),
    state,
    request.redact,
  );
  return { policy: accountPolicy, state, evaluation, report, secrets };
}

/**
 * `targets` that name this account apply to a one-account run too; targets by OU need the organization's tree and
 * apply in organization runs only.
 */
function policyForTheAccount(policy: Policy, accountId: string): Policy {
  return policy.targets === undefined
    ? policy
    : resolvePolicyForAccount(policy, { accountId, organizationalUnitIds: [] });
}

export async function collectLiveState(
  policy: Policy,
  request: Omit<CheckRequest, 'policyFile' | 'redact'>,
): Promise<AccountState> {
  // Imported here, not at the top: evaluating the AWS SDK is most of a live run's start-up, and offline checks
  // (--state) never need it. In the bundle they are a chunk read only here.
  const [{ AwsConnection: Connection }, { collectAccountState }] = await Promise.all([
    import(/* webpackChunkName: "aws" */ './state/aws-clients.js'),
    import(/* webpackChunkName: "aws" */ './state/collect.js'),
  ]);
  const aws = request.aws ?? new Connection();
  const reportDeadlineMs = request.credentialReportDeadlineMs ?? tuningFromEnv().credentialReportDeadlineMs;
  try {
    return await collectAccountState(aws.clients(), {
      sources: requiredSources(policy),
      parts: requiredParts(policy),
      now: request.now,
      ...(request.credentialReportMaxAgeMs !== undefined && {
        credentialReportMaxAgeMs: request.credentialReportMaxAgeMs,
      }),
      ...(reportDeadlineMs !== undefined && { credentialReportDeadlineMs: reportDeadlineMs }),
      ...(request.abortSignal !== undefined && { abortSignal: request.abortSignal }),
    });
  } finally {
    if (request.aws === undefined) aws.destroy();
  }
}

export function buildReport(
  policyFile: string,
  state: AccountState,
  evaluation: Evaluation,
  now: Date,
  cisVersion?: string,
): Report {
  const report: Report = {
    version: 1,
    account: { id: state.identity.ok ? state.identity.value.accountId : null },
    policy: policyFile,
    generatedAt: now.toISOString(),
    ...(cisVersion === undefined ? {} : { cisVersion }),
    summary: countStatuses(evaluation.findings),
    findings: evaluation.findings,
    warnings: evaluation.warnings,
  };
  if (state.credentialReport?.ok) report.credentialReportGeneratedAt = state.credentialReport.value.generatedAt;
  return report;
}
