/**
 * The drift issue: on scheduled and manual runs, one issue per account and policy file. Opened when the account
 * drifts, updated in place on every later run with what changed since the last one, closed with a comment when
 * the account is compliant again, and reopened on new drift. Nobody reads scheduled logs; an issue gets an owner.
 *
 * The failing set of the last run is kept in the issue body (a hidden base64 JSON block), so no other storage
 * is needed and the body itself says what it was compared with.
 */
import { isBreaking, type Finding, type Report } from '../findings.js';
import { escapeMarkdown } from '../report/markdown.js';
import { renderSummaryWithin } from '../report/summary.js';
import type { GitHubClient, Repository } from './client.js';
import { tokenLogin } from './identity.js';
import { MAX_BODY, driftIssueMarker, fitBody, readStateBlock, stateBlock } from './markers.js';

export const DRIFT_LABEL = 'aws-account-baseline';

/** Events on which the drift issue is kept: nobody watches these runs. */
export const DRIFT_EVENTS: readonly string[] = ['schedule', 'workflow_dispatch'];

export interface DriftIssueRequest extends Repository {
  report: Report;
  /** Link to the workflow run, shown in the issue. */
  runUrl?: string;
}

export type DriftAction = 'created' | 'updated' | 'reopened' | 'closed' | 'none';

export interface DriftIssueResult {
  action: DriftAction;
  /** Issue number, when there is one. */
  number?: number;
  url?: string;
  /** Failing findings that are new since the last run / fixed since the last run. */
  added: string[];
  resolved: string[];
  /** Open duplicates of our issue (opened by concurrent runs) that this run closed. */
  closedDuplicates: number[];
}

interface DriftState {
  /** The failing keys, when they fit the body (STATE_BLOCK_MAX); absent when there were too many to keep. */
  failing?: string[];
  failingCount?: number;
}

/**
 * Characters the hidden state may take of the 65,536 of a body. A longer failing list is dropped, keeping only its
 * count: the next run then says the changes are not known, and keeps working.
 */
export const STATE_BLOCK_MAX = 24_000;

/** Keys listed under "New failures" and "Fixed" before the rest are counted. */
export const MAX_LISTED_KEYS = 100;

/** One failing finding as a stable, readable key: control and resource. */
export function findingKey(finding: Finding): string {
  return `${finding.control} @ ${finding.resource}`;
}

function failingKeys(report: Report): string[] {
  return [...new Set(report.findings.filter(isBreaking).map(findingKey))].sort();
}

/** The last run's failing keys; undefined when that run had too many to keep (so the changes are not known). */
function previousFailing(body: string | null | undefined): string[] | undefined {
  const state = readStateBlock(body ?? '');
  if (typeof state !== 'object' || state === null) return [];
  const { failing, failingCount } = state as DriftState;
  if (Array.isArray(failing)) return failing.filter((key): key is string => typeof key === 'string');
  return typeof failingCount === 'number' ? undefined : [];
}

function driftState(failing: string[]): string {
  const full = stateBlock({ failing, failingCount: failing.length } satisfies DriftState);
  return full.length <= STATE_BLOCK_MAX ? full : stateBlock({ failingCount: failing.length } satisfies DriftState);
}

function list(keys: readonly string[]): string {
  if (keys.length === 0) return '_none_';
  const listed = keys.slice(0, MAX_LISTED_KEYS).map((key) => `- ${escapeMarkdown(key)}`);
  if (keys.length > MAX_LISTED_KEYS)
    listed.push(`- … and ${keys.length - MAX_LISTED_KEYS} more (see the report of the run)`);
  return listed.join('\n');
}

export function driftTitle(report: Report): string {
  return `AWS account ${report.account.id ?? 'unknown'} drifted from ${report.policy}`;
}

function driftBody(
  request: DriftIssueRequest,
  failing: string[],
  added: string[],
  resolved: string[],
  known: boolean,
): string {
  const { report } = request;
  const head = `${driftIssueMarker(report.account.id ?? 'unknown', report.policy)}\n${driftState(failing)}\n`;
  const run = request.runUrl === undefined ? '' : ` ([workflow run](${request.runUrl}))`;
  const changes = [
    `Last checked ${escapeMarkdown(report.generatedAt)}${run}.`,
    '',
    '### Changes since the last run',
    '',
    ...(known
      ? [
          `**New failures (${added.length}):**`,
          list(added),
          '',
          `**Fixed (${resolved.length}):**`,
          list(resolved),
          '',
          `**Still failing:** ${failing.length - added.length}`,
        ]
      : [
          `Not known: the last run had too many failing findings to keep in this issue. **Failing now:** ` +
            `${failing.length}`,
        ]),
    '',
  ].join('\n');
  const room = MAX_BODY - head.length - changes.length - 1024;
  return fitBody(
    head,
    `${changes}\n${renderSummaryWithin(report, room, (text) => text.length, { headingLevel: 2 })}`,
    '',
  );
}

type Issue = Awaited<ReturnType<GitHubClient['rest']['issues']['get']>>['data'];

interface OurIssues {
  /** The issue to keep: the oldest open one, else the most recently updated closed one. */
  issue: Issue | undefined;
  /** Other open issues of ours for the same account and policy (two runs raced to open one). */
  duplicates: Issue[];
}

/**
 * Our issues for this account and policy: the body opens with the marker (a quote of it does not count) and the
 * author is this token's own identity (src/github/identity.ts), so an issue someone else wrote is never adopted.
 */
async function findIssues(client: GitHubClient, request: DriftIssueRequest, marker: string): Promise<OurIssues> {
  const { owner, repo } = request;
  const issues = await client.paginate(client.rest.issues.listForRepo, {
    owner,
    repo,
    labels: DRIFT_LABEL,
    state: 'all',
    per_page: 100,
  });
  const login = await tokenLogin(client);
  const ours = issues.filter(
    (issue) =>
      issue.pull_request === undefined && issue.body?.startsWith(marker) === true && issue.user?.login === login,
  );
  const [oldestOpen, ...duplicates] = ours
    .filter((issue) => issue.state === 'open')
    .sort((a, b) => a.number - b.number);
  const latestClosed = ours
    .filter((issue) => issue.state === 'closed')
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
  return { issue: oldestOpen ?? latestClosed, duplicates };
}

/** Closes the duplicates a race left open, each pointing to the issue that stays. */
async function closeDuplicates(
  client: GitHubClient,
  request: DriftIssueRequest,
  duplicates: readonly Issue[],
  kept: number,
): Promise<number[]> {
  const { owner, repo } = request;
  for (const duplicate of duplicates) {
    await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: duplicate.number,
      body: `Duplicate of #${kept} (two runs opened an issue at once): closing.`,
    });
    await client.rest.issues.update({
      owner,
      repo,
      issue_number: duplicate.number,
      state: 'closed',
      state_reason: 'not_planned',
    });
  }
  return duplicates.map((duplicate) => duplicate.number);
}

export async function syncDriftIssue(client: GitHubClient, request: DriftIssueRequest): Promise<DriftIssueResult> {
  const { owner, repo, report } = request;
  const marker = driftIssueMarker(report.account.id ?? 'unknown', report.policy);
  const failing = failingKeys(report);
  const { issue, duplicates } = await findIssues(client, request, marker);
  const closedDuplicates = issue === undefined ? [] : await closeDuplicates(client, request, duplicates, issue.number);
  // A closed issue was last written when the account was compliant: everything failing now is new.
  const before = issue?.state === 'open' ? previousFailing(issue.body) : [];
  const previous = new Set(before ?? failing);
  const now = new Set(failing);
  const added = failing.filter((key) => !previous.has(key));
  const resolved = (before ?? []).filter((key) => !now.has(key));
  const body = driftBody(request, failing, added, resolved, before !== undefined);

  if (failing.length === 0) {
    if (issue?.state !== 'open') return { action: 'none', added, resolved, closedDuplicates };
    await client.rest.issues.update({ owner, repo, issue_number: issue.number, body });
    await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body:
        `The account is compliant ` +
        `again${request.runUrl === undefined ? '' : ` ([workflow run](${request.runUrl}))`}: closing. Fixed: ` +
        `${resolved.length}.`,
    });
    await client.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'completed',
    });
    return { action: 'closed', number: issue.number, url: issue.html_url, added, resolved, closedDuplicates };
  }
  if (issue === undefined) {
    const created = await client.rest.issues.create({
      owner,
      repo,
      title: driftTitle(report),
      body,
      labels: [DRIFT_LABEL],
    });
    return {
      action: 'created',
      number: created.data.number,
      url: created.data.html_url,
      added,
      resolved,
      closedDuplicates,
    };
  }
  if (issue.state === 'closed') {
    await client.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      body,
      title: driftTitle(report),
      state: 'open',
    });
    await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body:
        `The account drifted again: ${added.length} failing ${added.length === 1 ? 'finding' : 'findings'}. ` +
        `Reopening.`,
    });
    return { action: 'reopened', number: issue.number, url: issue.html_url, added, resolved, closedDuplicates };
  }
  await client.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { action: 'updated', number: issue.number, url: issue.html_url, added, resolved, closedDuplicates };
}
