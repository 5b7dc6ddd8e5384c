/**
 * One pull-request comment per policy file, found again by its hidden marker and updated in place, so a PR
 * carries the latest result and never a pile of them.
 */
import type { Report } from '../findings.js';
import { renderSummaryWithin } from '../report/summary.js';
import type { GitHubClient, Repository } from './client.js';
import { tokenLogin } from './identity.js';
import { MAX_BODY, fitBody, prCommentMarker } from './markers.js';

export interface PrCommentRequest extends Repository {
  /** Pull request number. */
  issueNumber: number;
  /** The policy file as given: one comment per file. */
  policyFile: string;
  /** The comment text without the marker (Markdown). */
  body: string;
}

export interface PrCommentResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  url: string;
  /** Extra comments with the same marker (left by concurrent runs) that were deleted. */
  removedDuplicates: number;
}

/** Room left in a comment for the summary: the marker, the run link and some margin. */
const COMMENT_SUMMARY_ROOM = MAX_BODY - 1024;

/**
 * The comment body for a report: the summary, one heading level down, plus a link to the run; within GitHub's
 * limit.
 */
export function prCommentBody(report: Report, runUrl?: string): string {
  const summary = renderSummaryWithin(report, COMMENT_SUMMARY_ROOM, (text) => text.length, { headingLevel: 3 });
  return runUrl === undefined ? summary : `${summary}\n[Workflow run](${runUrl})\n`;
}

export async function upsertPrComment(client: GitHubClient, request: PrCommentRequest): Promise<PrCommentResult> {
  const { owner, repo, issueNumber } = request;
  const marker = prCommentMarker(request.policyFile);
  const body = fitBody(`${marker}\n`, request.body, '');
  const comments = await client.paginate(client.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  // The marker must open the body (a reply quoting our comment starts with `>`), and the comment must be written by
  // this token's own identity (src/github/identity.ts): anyone, another app included, may post a comment that starts
  // with our marker, and we must not edit or delete it.
  const login = await tokenLogin(client);
  const ours = comments
    .filter((comment) => comment.body?.startsWith(marker) === true && comment.user?.login === login)
    .sort((a, b) => a.id - b.id);
  const [first, ...duplicates] = ours;

  for (const duplicate of duplicates) {
    await client.rest.issues.deleteComment({ owner, repo, comment_id: duplicate.id });
  }
  if (first === undefined) {
    const created = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
    return { action: 'created', id: created.data.id, url: created.data.html_url, removedDuplicates: 0 };
  }
  if (first.body === body) {
    return { action: 'unchanged', id: first.id, url: first.html_url, removedDuplicates: duplicates.length };
  }
  const updated = await client.rest.issues.updateComment({ owner, repo, comment_id: first.id, body });
  return { action: 'updated', id: updated.data.id, url: updated.data.html_url, removedDuplicates: duplicates.length };
}
