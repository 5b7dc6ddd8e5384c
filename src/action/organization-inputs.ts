/**
 * The action's organization inputs, read into one typed object. Which of the three jobs of the example
 * workflow this step is follows from them: `shards` = discover, `merge-reports` = merge, else a check (of one
 * shard when `shard` is set) whenever `accounts`, `organization` or `organizational-units` is given.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { parseConcurrency, parseSelection, type TargetSelection } from '../organization-run/selection.js';
import { parseShard, parseShardCount, type ShardSpec } from '../organization-run/shard.js';
import { DEFAULT_MEMBER_ROLE_NAME } from '../state/member-access.js';

export type OrganizationStep =
  | { kind: 'single' }
  | { kind: 'discover'; selection: TargetSelection; shards: number }
  | { kind: 'check'; selection: TargetSelection; shard?: ShardSpec }
  | { kind: 'merge'; patterns: string[] };

export interface OrganizationInputs {
  step: OrganizationStep;
  memberRoleName: string;
  externalId?: string;
  concurrency: number;
}

/** `core.getInput`-shaped: '' when not given. */
export type GetInput = (name: string) => string;

function selectionFrom(getInput: GetInput): TargetSelection | undefined {
  const organization = getInput('organization').trim().toLowerCase();
  if (!['', 'true', 'false'].includes(organization))
    throw new UsageError(`input organization must be true or false (got "${organization}")`);
  // An input that is not given reads as '' (blank is the same): not given.
  const givenText = (name: string): string | undefined => getInput(name).trim() || undefined;
  return parseSelection({
    accounts: givenText('accounts'),
    organizationalUnits: givenText('organizational-units'),
    organization: organization === 'true',
  });
}

/** Discover and check steps read many accounts (merge reads none): their OIDC session must outlive the job. */
export function readsManyAccounts(step: OrganizationStep): boolean {
  return step.kind === 'discover' || step.kind === 'check';
}

function stepFrom(getInput: GetInput, selection: TargetSelection | undefined): OrganizationStep {
  const shards = getInput('shards').trim();
  const shard = getInput('shard').trim();
  const merge = getInput('merge-reports').trim();
  if (merge !== '') {
    if (selection || shards !== '' || shard !== '')
      throw new UsageError(
        'input merge-reports combines finished reports: give it without accounts, organization, shards or shard',
      );
    return {
      kind: 'merge',
      patterns: merge
        .split(/[\n,]/)
        .map((pattern) => pattern.trim())
        .filter((pattern) => pattern !== ''),
    };
  }
  if (shards !== '' && shard !== '')
    throw new UsageError('inputs shards (discover) and shard (check one shard) belong to different jobs: give one');
  if (shards !== '') {
    return { kind: 'discover', selection: selection ?? { organization: true }, shards: parseShardCount(shards) };
  }
  if (shard !== '' && !selection)
    throw new UsageError('input shard needs accounts, organization or organizational-units');
  if (!selection) return { kind: 'single' };
  return { kind: 'check', selection, ...(shard === '' ? {} : { shard: parseShard(shard) }) };
}

export function readOrganizationInputs(getInput: GetInput): OrganizationInputs {
  const selection = selectionFrom(getInput);
  const externalId = getInput('external-id').trim();
  return {
    step: stepFrom(getInput, selection),
    memberRoleName: getInput('member-role-name').trim() || DEFAULT_MEMBER_ROLE_NAME,
    ...(externalId === '' ? {} : { externalId }),
    concurrency: parseConcurrency(getInput('concurrency')),
  };
}

/**
 * Files for `merge-reports`: each entry a file, a folder (its *.json) or a `*`/`?` pattern in the last path
 * segment (`shard-reports/*.json`); sorted, without duplicates. A pattern that matches nothing is an error.
 */
export async function expandReportPatterns(patterns: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const name = basename(pattern);
    if (!/[*?]/.test(name)) {
      const entries = await readdir(pattern, { withFileTypes: true }).catch(() => undefined);
      if (entries === undefined) files.add(pattern);
      else
        for (const entry of entries)
          if (entry.isFile() && entry.name.endsWith('.json')) files.add(join(pattern, entry.name));
      continue;
    }
    const folder = dirname(pattern);
    const matcher = new RegExp(
      `^${name
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const matched = entries
      .filter((entry) => entry.isFile() && matcher.test(entry.name))
      .map((entry) => join(folder, entry.name));
    if (matched.length === 0) throw new UsageError(`merge-reports: nothing matches ${pattern}`);
    for (const file of matched) files.add(file);
  }
  return [...files].sort();
}
