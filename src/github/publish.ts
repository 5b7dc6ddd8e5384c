/**
 * Everything the action shows on GitHub for one report: annotations, the job summary, and on request the PR
 * comment and the drift issue. The report must already be redacted. A failure to comment or open an issue is a
 * warning that says the fix, never a failed check: the check result is what matters.
 */
import * as core from '@actions/core';
import type { Report } from '../findings.js';
import { buildAnnotations } from '../report/annotations.js';
import { logMaskable } from '../report/redact.js';
import { scrubCredentials, scrubCredentialsDeep } from '../state/credential-scrub.js';
import { renderSummaryWithin } from '../report/summary.js';
import { emitAnnotations, emitWarnings } from './annotations.js';
import { createGitHubClient, type GitHubClient } from './client.js';
import { DRIFT_EVENTS, syncDriftIssue, type DriftIssueResult } from './drift-issue.js';
import { prCommentBody, upsertPrComment, type PrCommentResult } from './pr-comment.js';
import { runContextFromEnv, type RunContext } from './run-context.js';
import { JOB_SUMMARY_MAX_BYTES, capMarkdown, utf8Bytes, writeJobSummary } from './summary.js';

export interface GitHubPublishOptions {
  /** `pr-comment` input. */
  prComment: boolean;
  /** `drift-issue` input. */
  driftIssue: boolean;
  /** `github-token` input; needed for the PR comment and the drift issue. */
  token?: string;
  /** Default: read from the environment. */
  context?: RunContext;
  /** Default: an Octokit for `token` at GITHUB_API_URL. */
  client?: GitHubClient;
  /** Markdown appended to the job summary (the plan/apply section). */
  summaryAppendix?: string;
  /** Replaces the default summary (organization runs open with their accounts x areas matrix). */
  summaryMarkdown?: string;
}

export interface GitHubPublishResult {
  annotations: number;
  summaryWritten: boolean;
  prComment?: PrCommentResult;
  driftIssue?: DriftIssueResult;
}

function status(error: unknown): number | undefined {
  const value = (error as { status?: unknown } | null)?.status;
  return typeof value === 'number' ? value : undefined;
}

function explain(what: string, permission: string, error: unknown): string {
  const code = status(error);
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const fix =
    code === 401 || code === 403 || code === 404
      ? ` Give the job \`permissions: ${permission}: write\` and pass \`github-token: \${{ github.token }}\` ` +
        `(pull requests from forks only get a read-only token).`
      : '';
  return `Could not ${what}: ${reason}.${fix}`;
}

/** Rows of the job summary's tables before the rest are only counted (the 1 MiB limit decides too). */
export const JOB_SUMMARY_ROWS = 1000;

/**
 * The step's summary within GitHub's 1 MiB: the report's summary at a row budget, then the plan (itself capped to a
 * quarter of the room: one manual step per failing user can make it long).
 */
function jobSummary(report: Report, options: GitHubPublishOptions): string {
  const appendix = options.summaryAppendix
    ? `\n${capMarkdown(options.summaryAppendix, JOB_SUMMARY_MAX_BYTES / 4)}`
    : '';
  const room = JOB_SUMMARY_MAX_BYTES - utf8Bytes(appendix);
  const main = options.summaryMarkdown ?? renderSummaryWithin(report, room, utf8Bytes, { maxRows: JOB_SUMMARY_ROWS });
  return capMarkdown(main, room) + appendix;
}

export async function publishToGitHub(unscrubbed: Report, options: GitHubPublishOptions): Promise<GitHubPublishResult> {
  // Last line of defence: whatever error text reached the report, no credential leaves for GitHub.
  const report = scrubCredentialsDeep(unscrubbed);
  const annotations = buildAnnotations(report);
  emitAnnotations(annotations);
  emitWarnings(report.warnings);
  const result: GitHubPublishResult = {
    annotations: annotations.length,
    summaryWritten: await writeJobSummary(scrubCredentials(jobSummary(report, options))),
  };
  if (!options.prComment && !options.driftIssue) return result;

  const context = options.context ?? runContextFromEnv();
  if (options.token === undefined || options.token === '' || context.repository === undefined) {
    core.warning(
      'pr-comment and drift-issue need `github-token` (e.g. `${{ github.token }}`) and GITHUB_REPOSITORY: skipped.',
    );
    return result;
  }
  const client = options.client ?? createGitHubClient(options.token);
  const { repository } = context;

  if (options.prComment) {
    if (context.pullRequestNumber === undefined) {
      core.info(`pr-comment: the ${context.eventName || 'current'} event has no pull request: no comment written.`);
    } else {
      try {
        result.prComment = await upsertPrComment(client, {
          ...repository,
          issueNumber: context.pullRequestNumber,
          policyFile: report.policy,
          body: prCommentBody(report, context.runUrl),
        });
        core.info(`pr-comment: ${result.prComment.action} ${result.prComment.url}`);
      } catch (error) {
        core.warning(explain('write the pull request comment', 'pull-requests', error));
      }
    }
  }
  if (options.driftIssue) {
    if (!DRIFT_EVENTS.includes(context.eventName)) {
      core.info(`drift-issue: only on ${DRIFT_EVENTS.join(' and ')} runs (this is ${context.eventName || 'unknown'}).`);
    } else {
      try {
        result.driftIssue = await syncDriftIssue(client, {
          ...repository,
          report,
          ...(context.runUrl !== undefined && { runUrl: context.runUrl }),
        });
        core.info(
          `drift-issue: ` +
            `${result.driftIssue.action}${result.driftIssue.url === undefined ? '' : ` ${result.driftIssue.url}`}`,
        );
      } catch (error) {
        core.warning(explain('update the drift issue', 'issues', error));
      }
    }
  }
  return result;
}

/**
 * Registers the values a redaction masked, so the runner masks them in any log line too. Values too short to be a
 * safe mask (`1`, ` `) are left out: `::add-mask::1` would blank the job log; our own output masks those.
 */
export function registerSecrets(
  secrets: readonly string[],
  setSecret: (secret: string) => void = core.setSecret,
): void {
  for (const secret of logMaskable(secrets)) setSecret(secret);
}
