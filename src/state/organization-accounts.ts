/**
 * Which accounts to check: an explicit list, or the ACTIVE accounts of the organization (optionally only those
 * under some OUs, recursively). Each target carries its OU ancestry, so per-OU policy overrides can apply.
 */
import {
  type Account,
  type OrganizationsClient,
  ListParentsCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
} from '@aws-sdk/client-organizations';
import { mapWithConcurrency } from '../concurrency.js';

export interface TargetAccount {
  id: string;
  /** Friendly name from Organizations; absent for accounts given as a list. */
  name?: string;
  /** The root and the OUs above the account, root first (`r-ab12`, `ou-ab12-11111111`, ...); empty when unknown. */
  organizationalUnits: string[];
}

export interface DiscoverOptions {
  /** Only accounts under these OUs (or roots), at any depth. */
  organizationalUnits?: readonly string[];
  /** Only these accounts. */
  accountIds?: readonly string[];
  /** Find each account's OU ancestry even without an OU filter (the policy has per-OU targets). */
  needOrganizationalUnits?: boolean;
}

export interface Discovery {
  /** ACTIVE accounts, sorted by ID. */
  accounts: TargetAccount[];
  /** Accounts left out and why (suspended, closed, requested but not in the organization): for the log. */
  notes: string[];
}

// Organizations allows few requests per second per account: walk the tree with a small fan-out.
const TREE_CONCURRENCY = 4;

/** Targets from an explicit list: no Organizations call, OU ancestry unknown. */
export function targetsFromList(accountIds: readonly string[]): TargetAccount[] {
  return [...new Set(accountIds)].sort().map((id) => ({ id, organizationalUnits: [] }));
}

/** `State` replaced `Status` (retired September 2026); read whichever the response carries. */
function lifecycleState(account: Account): string {
  return account.State ?? account.Status ?? 'UNKNOWN';
}

/** `Paths` entries look like `o-x/r-ab12/ou-ab12-11111111/111122223333/`: keep the root and the OUs. */
export function ancestryFromPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.startsWith('r-') || segment.startsWith('ou-'));
}

interface Listed {
  account: Account;
  organizationalUnits: string[] | undefined;
}

async function listAllAccounts(client: OrganizationsClient): Promise<Listed[]> {
  const listed: Listed[] = [];
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const account of page.Accounts ?? []) {
      const path = account.Paths?.[0];
      listed.push({ account, organizationalUnits: path === undefined ? undefined : ancestryFromPath(path) });
    }
  }
  return listed;
}

/** The root and OUs above `parentId`, root first, via ListParents (one call per level). */
async function ancestorsOf(client: OrganizationsClient, parentId: string): Promise<string[]> {
  const ancestors: string[] = [];
  let current = parentId;
  // An organization is at most five OU levels deep under its root; the bound guards against a cyclic answer.
  for (let depth = 0; depth < 8 && current.startsWith('ou-'); depth += 1) {
    const response = await client.send(new ListParentsCommand({ ChildId: current }));
    const parent = response.Parents?.[0]?.Id;
    if (parent === undefined) break;
    ancestors.unshift(parent);
    current = parent;
  }
  return ancestors;
}

/**
 * Every account under `parentId` at any depth, each with its ancestry (`path` is the ancestry of `parentId`,
 * inclusive).
 */
async function walkParent(client: OrganizationsClient, parentId: string, path: string[]): Promise<Listed[]> {
  const listed: Listed[] = [];
  for await (const page of paginateListAccountsForParent({ client }, { ParentId: parentId })) {
    for (const account of page.Accounts ?? []) listed.push({ account, organizationalUnits: path });
  }
  const children: string[] = [];
  for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId })) {
    for (const unit of page.OrganizationalUnits ?? []) if (unit.Id) children.push(unit.Id);
  }
  const nested = await mapWithConcurrency(children, TREE_CONCURRENCY, (child) =>
    walkParent(client, child, [...path, child]),
  );
  return [...listed, ...nested.flat()];
}

async function walkFromRoots(client: OrganizationsClient): Promise<Listed[]> {
  const roots: string[] = [];
  for await (const page of paginateListRoots({ client }, {})) {
    for (const root of page.Roots ?? []) if (root.Id) roots.push(root.Id);
  }
  const perRoot = await mapWithConcurrency(roots, TREE_CONCURRENCY, (root) => walkParent(client, root, [root]));
  return perRoot.flat();
}

async function walkUnits(client: OrganizationsClient, units: readonly string[]): Promise<Listed[]> {
  const perUnit = await mapWithConcurrency(units, TREE_CONCURRENCY, async (unit) => {
    const ancestors = await ancestorsOf(client, unit);
    return walkParent(client, unit, [...ancestors, unit]);
  });
  return perUnit.flat();
}

async function listTargets(client: OrganizationsClient, options: DiscoverOptions): Promise<Listed[]> {
  if (options.organizationalUnits && options.organizationalUnits.length > 0)
    return walkUnits(client, options.organizationalUnits);
  const listed = await listAllAccounts(client);
  const pathsMissing = listed.some((entry) => entry.organizationalUnits === undefined);
  return options.needOrganizationalUnits && pathsMissing ? walkFromRoots(client) : listed;
}

/**
 * The ACTIVE accounts of the organization, filtered. Needs organizations:ListAccounts, and with OU filters or
 * per-OU targets also ListRoots, ListParents, ListAccountsForParent and ListOrganizationalUnitsForParent
 * (management account or delegated administrator). Organizations errors propagate: no targets, no run.
 */
export async function discoverAccounts(client: OrganizationsClient, options: DiscoverOptions = {}): Promise<Discovery> {
  const listed = await listTargets(client, options);
  const wanted = options.accountIds ? new Set(options.accountIds) : undefined;
  const byId = new Map<string, TargetAccount>();
  const notes: string[] = [];
  for (const { account, organizationalUnits } of listed) {
    const id = account.Id;
    if (id === undefined || byId.has(id) || (wanted && !wanted.has(id))) continue;
    const state = lifecycleState(account);
    if (state !== 'ACTIVE') {
      notes.push(`account ${id} skipped: it is ${state}`);
      continue;
    }
    const target: TargetAccount = { id, organizationalUnits: organizationalUnits ?? [] };
    if (account.Name !== undefined) target.name = account.Name;
    byId.set(id, target);
  }
  const seen = new Set(listed.map(({ account }) => account.Id));
  for (const id of [...(wanted ?? [])].sort()) {
    if (!seen.has(id))
      notes.push(
        `account ${id} skipped: not found in the ` +
          `organization${options.organizationalUnits?.length ? ' under the given OUs' : ''}`,
      );
  }
  const accounts = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { accounts, notes: notes.sort() };
}
