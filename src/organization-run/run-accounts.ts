/**
 * Checks many accounts: for each, assume the member role, collect, resolve the account's policy, evaluate.
 * An account that cannot be reached is evaluated against a state in which every read failed with the cause,
 * so each declared control reports `error` for it, and the other accounts go on.
 */
import { setMaxListeners } from 'node:events';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { evaluate } from '../evaluate.js';
import { countStatuses } from '../findings.js';
import type { Policy } from '../policy/types.js';
import { resolvePolicyForAccount } from '../policy/targets.js';
import { mapWithConcurrency } from '../concurrency.js';
import type { AccountOutcome } from '../report/org-report.js';
import { redactReport, type RedactMode } from '../report/redact.js';
import type { AwsClients, AwsConnection } from '../state/aws-clients.js';
import { DeadlineExceededError } from '../deadline.js';
import { collectAccountState, type CollectOptions } from '../state/collect.js';
import {
  MemberAccessError,
  memberSession,
  type MemberAccessOptions,
  type MemberSession,
} from '../state/member-access.js';
import type { TargetAccount } from '../state/organization-accounts.js';
import { toReadError } from '../state/read-error.js';
import { contextOnlySources, requiredParts, requiredSources } from '../controls/registry.js';
import { SNAPSHOT_VERSION, type AccountState, type ReadError } from '../state/types.js';
import { ALTERNATE_CONTACT_TYPES, sourceDefinition, type DataSource } from '../state/sources.js';
import { DEFAULT_CONCURRENCY } from './selection.js';

export interface RunAccountsOptions {
  policy: Policy;
  /**
   * Deadline for reading one account (`timeout-seconds` in organization runs): a slow account ends as `error`
   * findings without holding up the others, and the run's length grows with the organization, not with it.
   */
  accountTimeoutMs?: number;
  targets: readonly TargetAccount[];
  access: MemberAccessOptions;
  /** STS client signed with the hub credentials: every AssumeRole goes through it. */
  hubSts: STSClient;
  /** The hub's own account: the only target that reads management-only sources as context. */
  hubAccountId?: string;
  /**
   * The run's connection: each member's clients are built on its shared handler, with the assumed role's
   * credentials.
   */
  aws: AwsConnection;
  now: Date;
  concurrency?: number;
  collectOptions?: Omit<CollectOptions, 'sources' | 'now'>;
  /** Masking of contact values (and user names), per account from its own state; default `contacts`. */
  redact?: RedactMode;
  /** Progress, e.g. a log line per account. */
  onAccountDone?: (outcome: AccountOutcome, done: number, total: number) => void;
  /** Seams for tests and the benchmark. */
  assume?: (sts: STSClient, accountId: string, options: MemberAccessOptions) => Promise<MemberSession>;
  createClients?: (credentials: AwsCredentialIdentityProvider) => AwsClients;
  collect?: typeof collectAccountState;
}

/**
 * The policy for one member: common sections plus matching `targets`. A top-level `account.id` guard names
 * one account, so it cannot hold for every member: organization runs drop it (STS already binds the session
 * to the account in the role ARN).
 */
export function policyForAccount(policy: Policy, target: TargetAccount): Policy {
  const { account: _guard, ...resolved } = resolvePolicyForAccount(policy, {
    accountId: target.id,
    organizationalUnitIds: target.organizationalUnits,
  });
  return resolved;
}

/** True when some `targets` entry is scoped by OU, so discovery must find each account's OUs. */
export function hasOrganizationalUnitTargets(policy: Policy): boolean {
  return (policy.targets ?? []).some((target) => (target.organizationalUnits ?? []).length > 0);
}

/** The state of an account that could not be read at all: every source failed with the same cause. */
export function unreachableState(error: ReadError, now: Date): AccountState {
  const failed = { ok: false as const, error };
  return {
    version: SNAPSHOT_VERSION,
    collectedAt: now.toISOString(),
    identity: failed,
    passwordPolicy: failed,
    accountSummary: failed,
    virtualMfaDevices: failed,
    credentialReport: failed,
    alternateContacts: Object.fromEntries(ALTERNATE_CONTACT_TYPES.map((type) => [type, failed])),
    contactInformation: failed,
    organizationsFeatures: failed,
    enabledRegions: failed,
  };
}

/** The outcome of one account, redacted with that account's own contact values; `secrets` never reach the report. */
export interface CheckedAccount extends AccountOutcome {
  secrets: string[];
}

function outcomeFrom(
  target: TargetAccount,
  policy: Policy,
  state: AccountState,
  options: RunAccountsOptions,
  accessError?: ReadError,
): CheckedAccount {
  const evaluation = evaluate(policy, state, options.now);
  const credentialReport = state.credentialReport;
  const { report, secrets } = redactReport(
    {
      version: 1,
      account: { id: target.id },
      policy: policy.file,
      generatedAt: options.now.toISOString(),
      summary: countStatuses(evaluation.findings),
      findings: evaluation.findings.map((finding) => ({ ...finding, account: target.id })),
      warnings: evaluation.warnings,
    },
    state,
    options.redact ?? 'contacts',
  );
  return {
    id: target.id,
    ...(target.name === undefined ? {} : { name: target.name }),
    ...(accessError === undefined ? {} : { accessError: `${accessError.code}: ${accessError.message}` }),
    ...(credentialReport?.ok ? { credentialReportGeneratedAt: credentialReport.value.generatedAt } : {}),
    findings: report.findings,
    warnings: report.warnings,
    secrets,
  };
}

function accountDeadline(timeoutMs: number): { signal: AbortSignal; timer: NodeJS.Timeout } {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal); // one listener per call in flight, as for the run's deadline
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(timeoutMs)), timeoutMs);
  timer.unref();
  return { signal: controller.signal, timer };
}

/**
 * What to read in one target. A management-only source (ListOrganizationsFeatures) that the policy reads only as
 * context is left to the hub's own account: any other member is refused it, so the call would be one more request
 * per account that can only fail, and an area's context is best effort anyway.
 */
export function sourcesForTarget(policy: Policy, targetId: string, hubAccountId: string | undefined): Set<DataSource> {
  const sources = requiredSources(policy);
  if (targetId === hubAccountId) return sources;
  for (const source of contextOnlySources(policy)) {
    if (sourceDefinition(source).managementOnly) sources.delete(source);
  }
  return sources;
}

async function readAccount(target: TargetAccount, policy: Policy, options: RunAccountsOptions): Promise<AccountState> {
  const assume = options.assume ?? memberSession;
  const { credentials, identity } = await assume(options.hubSts, target.id, options.access);
  // Built once for this account; no destroy: they share the run's handler, which the run closes at its end.
  const clients = options.createClients ? options.createClients(credentials) : options.aws.createClients(credentials);
  const deadline = options.accountTimeoutMs === undefined ? undefined : accountDeadline(options.accountTimeoutMs);
  try {
    return await (options.collect ?? collectAccountState)(clients, {
      ...options.collectOptions,
      // AssumeRole already named the session's account: no GetCallerIdentity in the member.
      ...(identity === undefined ? {} : { identity: { ok: true, value: identity } }),
      ...(deadline === undefined ? {} : { abortSignal: deadline.signal }),
      sources: sourcesForTarget(policy, target.id, options.hubAccountId),
      parts: requiredParts(policy),
      now: options.now,
    });
  } finally {
    if (deadline !== undefined) clearTimeout(deadline.timer);
  }
}

export async function checkAccount(target: TargetAccount, options: RunAccountsOptions): Promise<CheckedAccount> {
  const policy = policyForAccount(options.policy, target);
  try {
    const state = await readAccount(target, policy, options);
    return outcomeFrom(target, policy, state, options);
  } catch (error) {
    // Not reached (AssumeRole refused) or, defensively, any other failure: this account is `error`, the run goes on.
    const cause = error instanceof MemberAccessError ? error.readError : toReadError(error, 'sts:AssumeRole');
    return outcomeFrom(target, policy, unreachableState(cause, options.now), options, cause);
  }
}

/** Every target with bounded concurrency; outcomes in target order. Never rejects for one account's failure. */
export async function runAccounts(options: RunAccountsOptions): Promise<CheckedAccount[]> {
  let done = 0;
  return mapWithConcurrency(options.targets, options.concurrency ?? DEFAULT_CONCURRENCY, async (target) => {
    const outcome = await checkAccount(target, options);
    done += 1;
    options.onAccountDone?.(outcome, done, options.targets.length);
    return outcome;
  });
}
