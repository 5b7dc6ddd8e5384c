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
import { renderSummary } from '../report/summary.js';
import type { GitHubClient, Repository } from './client.js';
import { driftIssueMarker, fitBody, readStateBlock, stateBlock } from './markers.js';

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
}

interface DriftState {
  failing: string[];
}

/** One failing finding as a stable, readable key: control and resource. */
export function findingKey(finding: Finding): string {
  return `${finding.control} @ ${finding.resource}`;
}

function failingKeys(report: Report): string[] {
  return [...new Set(report.findings.filter(isBreaking).map(findingKey))].sort();
}

function previousFailing(body: string | null | undefined): string[] {
  const state = readStateBlock(body ?? '');
  if (typeof state !== 'object' || state === null || !Array.isArray((state as DriftState).failing)) return [];
  return (state as DriftState).failing.filter((key): key is string => typeof key === 'string');
}

function list(keys: readonly string[]): string {
  return keys.length === 0 ? '_none_' : keys.map((key) => `- ${escapeMarkdown(key)}`).join('\n');
}

export function driftTitle(report: Report): string {
  return `AWS account ${report.account.id ?? 'unknown'} drifted from ${report.policy}`;
}

function driftBody(request: DriftIssueRequest, failing: string[], added: string[], resolved: string[]): string {
  const { report } = request;
  const head = `${driftIssueMarker(report.account.id ?? 'unknown', report.policy)}\n${stateBlock({ failing } satisfies DriftState)}\n`;
  const run = request.runUrl === undefined ? '' : ` ([workflow run](${request.runUrl}))`;
  const changes = [
    `Last checked ${escapeMarkdown(report.generatedAt)}${run}.`,
    '',
    '### Changes since the last run',
    '',
    `**New failures (${added.length}):**`,
    list(added),
    '',
    `**Fixed (${resolved.length}):**`,
    list(resolved),
    '',
    `**Still failing:** ${failing.length - added.length}`,
    '',
  ].join('\n');
  return fitBody(head, `${changes}\n${renderSummary(report, { headingLevel: 2 })}`, '');
}

type Issue = Awaited<ReturnType<GitHubClient['rest']['issues']['get']>>['data'];

/** Our issue for this account and policy: an open one first, else the most recently updated closed one. */
async function findIssue(client: GitHubClient, request: DriftIssueRequest, marker: string): Promise<Issue | undefined> {
  const { owner, repo } = request;
  const issues = await client.paginate(client.rest.issues.listForRepo, { owner, repo, labels: DRIFT_LABEL, state: 'all', per_page: 100 });
  const ours = issues.filter((issue) => issue.pull_request === undefined && issue.body?.startsWith(marker) === true);
  return (
    ours.find((issue) => issue.state === 'open') ??
    ours.filter((issue) => issue.state === 'closed').sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0]
  );
}

export async function syncDriftIssue(client: GitHubClient, request: DriftIssueRequest): Promise<DriftIssueResult> {
  const { owner, repo, report } = request;
  const marker = driftIssueMarker(report.account.id ?? 'unknown', report.policy);
  const failing = failingKeys(report);
  const issue = await findIssue(client, request, marker);
  // A closed issue was last written when the account was compliant: everything failing now is new.
  const before = issue?.state === 'open' ? previousFailing(issue.body) : [];
  const added = failing.filter((key) => !before.includes(key));
  const resolved = before.filter((key) => !failing.includes(key));
  const body = driftBody(request, failing, added, resolved);

  if (failing.length === 0) {
    if (issue?.state !== 'open') return { action: 'none', added, resolved };
    await client.rest.issues.update({ owner, repo, issue_number: issue.number, body });
    await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: `The account is compliant again${request.runUrl === undefined ? '' : ` ([workflow run](${request.runUrl}))`}: closing. Fixed: ${resolved.length}.`,
    });
    await client.rest.issues.update({ owner, repo, issue_number: issue.number, state: 'closed', state_reason: 'completed' });
    return { action: 'closed', number: issue.number, url: issue.html_url, added, resolved };
  }
  if (issue === undefined) {
    const created = await client.rest.issues.create({ owner, repo, title: driftTitle(report), body, labels: [DRIFT_LABEL] });
    return { action: 'created', number: created.data.number, url: created.data.html_url, added, resolved };
  }
  if (issue.state === 'closed') {
    await client.rest.issues.update({ owner, repo, issue_number: issue.number, body, title: driftTitle(report), state: 'open' });
    await client.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `The account drifted again: ${added.length} failing ${added.length === 1 ? 'finding' : 'findings'}. Reopening.` });
    return { action: 'reopened', number: issue.number, url: issue.html_url, added, resolved };
  }
  await client.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { action: 'updated', number: issue.number, url: issue.html_url, added, resolved };
}
