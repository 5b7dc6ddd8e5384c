/**
 * `plan` and `apply` on top of the check pipeline: check, compute the plan, (apply it, then check again), and put
 * the changes into the report. Shared by the CLI and the action.
 */
import { runCheck, type CheckRequest, type CheckResult } from '../pipeline.js';
import { AwsConnection, type AwsClients } from '../state/aws-clients.js';
import { UsageError } from '../errors.js';
import { applyPlan, type ApplyOptions, type ApplyResult } from './apply.js';
import type { ContactValueSource } from './contact-values.js';
import { computePlan } from './plan.js';
import { redactChanges, renderApplyMarkdown, renderPlanMarkdown } from './render-plan.js';
import type { RedactMode } from '../report/redact.js';
import type { RemediationPlan, RemediationReport } from './types.js';

export type RemediationMode = 'plan' | 'apply';

export interface RemediationRequest extends CheckRequest {
  mode: RemediationMode;
  /** Contact values not in the policy (AAB_CONTACT_<TYPE>_<FIELD>): `process.env`. */
  env: ContactValueSource;
  apply?: ApplyOptions;
  /** Write clients (tests); by default the run's own clients, the ones the checks read with. */
  clients?: Pick<AwsClients, 'iam' | 'account'>;
}

export interface RemediationResult {
  /** The check the report describes: after apply, the second one (the account as it is now). */
  check: CheckResult;
  /** The plan computed from the first check. */
  plan: RemediationPlan;
  /** Set in apply mode. */
  applied?: ApplyResult;
  /** The check's report plus changes / blocked / applied / manual, redacted as asked. */
  report: RemediationReport;
  secrets: string[];
  /** Apply mode: a write failed or could not be confirmed (the run must fail). */
  writeFailed: boolean;
}

export async function runRemediation(request: RemediationRequest): Promise<RemediationResult> {
  if (request.mode === 'apply' && request.stateFile !== undefined) {
    throw new UsageError('apply changes the live account: it cannot run on a snapshot (--state); use plan');
  }
  if (request.aws !== undefined) return remediate(request, request.aws);
  // No connection given: one for the check, the writes and the check after them, closed at the end.
  const aws = new AwsConnection();
  try {
    return await remediate({ ...request, aws }, aws);
  } finally {
    aws.destroy();
  }
}

async function remediate(request: RemediationRequest, aws: AwsConnection): Promise<RemediationResult> {
  const first = await runCheck(request);
  const plan = computePlan(first.policy, first.state, { findings: first.report.findings, env: request.env });
  if (request.mode === 'plan' || first.evaluation.wrongAccount) return withPlan(first, plan, request);

  const clients = request.clients ?? aws.clients();
  // The run's deadline bounds the writes and read-backs too, not only the reads.
  const applyOptions = {
    ...request.apply,
    ...(request.abortSignal !== undefined && { abortSignal: request.abortSignal }),
  };
  const applied = await applyPlan(clients, plan, applyOptions);
  const wrote = applied.outcomes.some((outcome) => outcome.status !== 'failed');
  const after = wrote ? await recheck(request, first) : { check: first, warning: undefined };
  const remaining = computePlan(after.check.policy, after.check.state, {
    findings: after.check.report.findings,
    env: request.env,
  });
  const result = withPlan(
    after.check,
    { ...plan, blocked: remaining.blocked, manual: remaining.manual },
    request,
    applied,
  );
  if (after.warning) result.report.warnings = [...result.report.warnings, after.warning];
  return result;
}

/** The account as it is after apply; should it not be readable, the first check stands, with a warning. */
async function recheck(
  request: CheckRequest,
  first: CheckResult,
): Promise<{ check: CheckResult; warning: string | undefined }> {
  try {
    return { check: await runCheck(request), warning: undefined };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      check: first,
      warning: `the account could not be checked again after apply (${reason}): the findings show it before apply`,
    };
  }
}

function withPlan(
  check: CheckResult,
  plan: RemediationPlan,
  request: RemediationRequest,
  applied?: ApplyResult,
): RemediationResult {
  const changes = redactChanges(plan.changes, request.redact);
  const report: RemediationReport = {
    ...check.report,
    changes: changes.changes,
    blocked: plan.blocked,
    manual: plan.manual,
  };
  const secrets = new Set([...check.secrets, ...changes.secrets]);
  if (applied) {
    const outcomes = redactChanges(applied.outcomes, request.redact);
    report.applied = outcomes.changes;
    for (const secret of outcomes.secrets) secrets.add(secret);
  }
  return {
    check,
    plan,
    ...(applied && { applied }),
    report,
    secrets: [...secrets].sort(),
    writeFailed: applied !== undefined && !applied.ok,
  };
}

/** The plan, or the apply outcome with what is still open, as Markdown for the job summary. */
export function remediationMarkdown(result: RemediationResult, redact: RedactMode): string {
  return result.applied
    ? renderApplyMarkdown(result.applied, redact, result.plan)
    : renderPlanMarkdown(result.plan, redact);
}
