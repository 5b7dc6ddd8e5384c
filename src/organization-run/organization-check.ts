/**
 * The organization flow the entry points call: targets (list or discovery) -> optional shard -> every account
 * through the member role -> one report. `discover` shares the target resolution, so a shard job selects exactly
 * the accounts the matrix listed for it. Every AWS client of the run sits on the caller's one AwsConnection.
 */
import type { STSClient } from '@aws-sdk/client-sts';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AccountUnreadableError } from '../errors.js';
import type { Policy } from '../policy/types.js';
import { buildOrgReport, type OrgReport } from '../report/org-report.js';
import type { AwsConnection } from '../state/aws-clients.js';
import { hubIdentity, validateMemberAccess } from '../state/member-access.js';
import {
  discoverAccounts,
  targetsFromList,
  type Discovery,
  type TargetAccount,
} from '../state/organization-accounts.js';
import { createOrganizationsClient } from '../state/organizations-client.js';
import { errorSummary } from '../state/read-error.js';
import {
  hasOrganizationalUnitTargets,
  runAccounts,
  type CheckedAccount,
  type RunAccountsOptions,
} from './run-accounts.js';
import type { TargetSelection } from './selection.js';
import { buildShardMatrix, formatShard, selectShard, type ShardMatrix, type ShardSpec } from './shard.js';

export interface HubOptions {
  /** The run's connection, with the hub credentials (OIDC role; none = the default chain: env, AWS_PROFILE). */
  aws: AwsConnection;
  /** Seams for tests. */
  organizationsClient?: OrganizationsClient;
  hubSts?: STSClient;
}

export interface OrganizationCheckInput extends HubOptions {
  policy: Policy;
  selection: TargetSelection;
  shard?: ShardSpec;
  memberRoleName: string;
  externalId?: string;
  /** For session names: `runIdFrom(process.env, startedAt)`. */
  runId: string;
  concurrency: number;
  now: Date;
  onAccountDone?: RunAccountsOptions['onAccountDone'];
  collectOptions?: RunAccountsOptions['collectOptions'];
  accountTimeoutMs?: number;
  redact?: RunAccountsOptions['redact'];
}

export interface OrganizationCheckResult {
  report: OrgReport;
  /** Accounts left out by discovery and why: for the log, not the report (shards would repeat them). */
  notes: string[];
  /** Accounts this run (or shard) checked. */
  targets: TargetAccount[];
  /** Values the report masks, for core.setSecret. */
  secrets: string[];
}

function usesOrganizations(selection: TargetSelection): boolean {
  return selection.organization === true || (selection.organizationalUnits?.length ?? 0) > 0;
}

/**
 * The accounts to check, sorted by ID. An explicit list needs no Organizations call unless the policy scopes
 * `targets` by OU: then the organization is read once for the accounts' OUs (listed accounts outside it keep none).
 */
export async function resolveTargets(selection: TargetSelection, policy: Policy, hub: HubOptions): Promise<Discovery> {
  const needUnits = hasOrganizationalUnitTargets(policy);
  if (!usesOrganizations(selection) && !needUnits)
    return { accounts: targetsFromList(selection.accounts ?? []), notes: [] };
  const client = hub.organizationsClient ?? createOrganizationsClient(hub.aws);
  try {
    if (usesOrganizations(selection)) {
      return await discoverAccounts(client, {
        ...(selection.accounts ? { accountIds: selection.accounts } : {}),
        ...(selection.organizationalUnits?.length ? { organizationalUnits: selection.organizationalUnits } : {}),
        needOrganizationalUnits: needUnits,
      });
    }
    const listed = targetsFromList(selection.accounts ?? []);
    const found = await discoverAccounts(client, {
      accountIds: listed.map((target) => target.id),
      needOrganizationalUnits: true,
    });
    const placed = new Map(found.accounts.map((target) => [target.id, target]));
    return { accounts: listed.map((target) => placed.get(target.id) ?? target), notes: [] };
  } catch (error) {
    throw new AccountUnreadableError(
      `Cannot list the organization's accounts (${errorSummary(error)}). The hub role needs ` +
        `organizations:ListAccounts, ListRoots, ListParents, ListAccountsForParent and ` +
        `ListOrganizationalUnitsForParent, in the management account or a delegated administrator.`,
    );
  }
}

/** `discover --shards N`: the matrix for `strategy.matrix`. */
export async function discoverShardMatrix(
  selection: TargetSelection,
  policy: Policy,
  shards: number,
  hub: HubOptions,
): Promise<{ matrix: ShardMatrix; notes: string[]; accounts: TargetAccount[] }> {
  const discovery = await resolveTargets(selection, policy, hub);
  return {
    matrix: buildShardMatrix(
      discovery.accounts.map((target) => target.id),
      shards,
    ),
    ...discovery,
  };
}

export async function runOrganizationCheck(input: OrganizationCheckInput): Promise<OrganizationCheckResult> {
  const access = {
    roleName: input.memberRoleName,
    runId: input.runId,
    ...(input.externalId === undefined ? {} : { externalId: input.externalId }),
  };
  validateMemberAccess(access);
  const discovery = await resolveTargets(input.selection, input.policy, input);
  // An explicit list with a shard is that shard's list from `discover` (matrix.accounts): checked as given, so an
  // account added or suspended between the discover and check jobs cannot shift the chunks; the shard only labels
  // the report for `merge`. Otherwise the discovered accounts are cut here.
  const explicitShardList =
    input.shard !== undefined && input.selection.accounts !== undefined && !usesOrganizations(input.selection);
  const wanted =
    input.shard && !explicitShardList
      ? new Set(
          selectShard(
            discovery.accounts.map((target) => target.id),
            input.shard,
          ),
        )
      : undefined;
  const targets = wanted ? discovery.accounts.filter((target) => wanted.has(target.id)) : discovery.accounts;
  const hubSts = input.hubSts ?? input.aws.createStsClient();
  const hub = targets.length > 0 ? await hubIdentity(hubSts) : { partition: 'aws' };
  const outcomes: CheckedAccount[] = await runAccounts({
    policy: input.policy,
    targets,
    access: { ...access, partition: hub.partition },
    ...(hub.accountId === undefined ? {} : { hubAccountId: hub.accountId }),
    hubSts,
    aws: input.aws,
    now: input.now,
    concurrency: input.concurrency,
    ...(input.collectOptions ? { collectOptions: input.collectOptions } : {}),
    ...(input.accountTimeoutMs === undefined ? {} : { accountTimeoutMs: input.accountTimeoutMs }),
    ...(input.onAccountDone ? { onAccountDone: input.onAccountDone } : {}),
    ...(input.redact ? { redact: input.redact } : {}),
  });
  const report = buildOrgReport(outcomes, {
    policy: input.policy.file,
    generatedAt: input.now.toISOString(),
    ...(input.policy.cisVersion === undefined ? {} : { cisVersion: input.policy.cisVersion }),
    ...(input.shard ? { shard: formatShard(input.shard) } : {}),
  });
  const secrets = [...new Set(outcomes.flatMap((outcome) => outcome.secrets))].sort();
  return { report, notes: discovery.notes, targets, secrets };
}
