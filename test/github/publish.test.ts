import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubApi, type GitHubApiStandIn } from '../support/github-api.mjs';
import { publishToGitHub } from '../../src/github/publish.js';
import { runContextFromEnv } from '../../src/github/run-context.js';
import { makeFinding, makeReport, sampleReport } from '../report/sample-report.js';
import { renderSummary } from '../../src/report/summary.js';

let api: GitHubApiStandIn;
// @actions/core keeps the summary file's path after its first write: one file for the whole test file.
const folder = mkdtempSync(join(tmpdir(), 'aab-publish-'));
let stdout: string[];
const savedEnv = { ...process.env };

beforeEach(async () => {
  api = await startGitHubApi();
  writeFileSync(join(folder, 'summary.md'), '');
  process.env['GITHUB_STEP_SUMMARY'] = join(folder, 'summary.md');
  process.env['GITHUB_API_URL'] = api.url;
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(async () => {
  jest.restoreAllMocks();
  process.env = { ...savedEnv };
  await api.close();
});

const context = (eventName: string, pullRequestNumber?: number) => ({
  eventName,
  repository: { owner: 'octo', repo: 'infra' },
  runUrl: 'https://github.test/octo/infra/actions/runs/9',
  ...(pullRequestNumber !== undefined && { pullRequestNumber }),
});

describe('publishToGitHub', () => {
  it('emits annotations and writes the summary; without the options nothing talks to GitHub', async () => {
    const result = await publishToGitHub(sampleReport, { prComment: false, driftIssue: false });
    expect(result).toEqual({ annotations: 4, summaryWritten: true });
    expect(readFileSync(join(folder, 'summary.md'), 'utf8')).toBe(`${renderSummary(sampleReport)}\n`);
    expect(stdout.join('').match(/^::(error|warning|notice) /gm)).toHaveLength(5); // 4 findings + 1 report warning
    expect(api.requests).toEqual([]);
  });

  it('comments on the pull request once, then updates the same comment', async () => {
    await publishToGitHub(sampleReport, {
      prComment: true,
      driftIssue: true,
      token: api.token,
      context: context('pull_request', 12),
    });
    const second = await publishToGitHub(sampleReport, {
      prComment: true,
      driftIssue: true,
      token: api.token,
      context: context('pull_request', 12),
    });
    expect(second.prComment?.action).toBe('unchanged');
    expect(second.driftIssue).toBeUndefined(); // not on pull requests
    expect(api.state.comments).toHaveLength(1);
    expect(api.state.comments[0]?.body).toContain('[Workflow run](https://github.test/octo/infra/actions/runs/9)');
  });

  it('keeps the drift issue on scheduled runs', async () => {
    const result = await publishToGitHub(sampleReport, {
      prComment: true,
      driftIssue: true,
      token: api.token,
      context: context('schedule'),
    });
    expect(result.driftIssue?.action).toBe('created');
    expect(result.prComment).toBeUndefined();
    const compliant = makeReport([makeFinding({ control: 'root.mfa', status: 'pass', severity: 'critical' })]);
    expect(
      (
        await publishToGitHub(compliant, {
          prComment: false,
          driftIssue: true,
          token: api.token,
          context: context('workflow_dispatch'),
        })
      ).driftIssue?.action,
    ).toBe('closed');
  });

  it('a refused write is a warning that says the fix, not a failure', async () => {
    api.failures.set('POST /repos/octo/infra/issues/12/comments', 403);
    const result = await publishToGitHub(sampleReport, {
      prComment: true,
      driftIssue: false,
      token: api.token,
      context: context('pull_request', 12),
    });
    expect(result.prComment).toBeUndefined();
    expect(stdout.join('')).toContain(
      '::warning::Could not write the pull request comment: Resource not accessible by integration',
    );
    expect(stdout.join('')).toContain('permissions: pull-requests: write');
  });

  it('without a token it warns and skips', async () => {
    await publishToGitHub(sampleReport, { prComment: true, driftIssue: false, context: context('pull_request', 12) });
    expect(stdout.join('')).toContain('::warning::pr-comment and drift-issue need `github-token`');
    expect(api.requests).toEqual([]);
  });
});

describe('runContextFromEnv', () => {
  it('reads the event, the repository, the pull request and the run link', () => {
    const event = join(mkdtempSync(join(tmpdir(), 'aab-event-')), 'event.json');
    writeFileSync(event, JSON.stringify({ pull_request: { number: 42 } }));
    expect(
      runContextFromEnv({
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REPOSITORY: 'octo/infra',
        GITHUB_EVENT_PATH: event,
        GITHUB_RUN_ID: '7',
        GITHUB_SERVER_URL: 'https://ghe.test',
      }),
    ).toEqual({
      eventName: 'pull_request',
      repository: { owner: 'octo', repo: 'infra' },
      pullRequestNumber: 42,
      runUrl: 'https://ghe.test/octo/infra/actions/runs/7',
    });
    expect(runContextFromEnv({ GITHUB_EVENT_NAME: 'schedule' })).toEqual({ eventName: 'schedule' });
  });
});

describe('job summary size (GitHub takes at most 1 MiB per step)', () => {
  const failingUsers = (count: number) =>
    makeReport(
      Array.from({ length: count }, (_, index) =>
        makeFinding({
          control: 'iamUsers.consoleMfa',
          status: 'fail',
          severity: 'high',
          resource: `user-${String(index).padStart(5, '0')}-${'n'.repeat(40)}`,
          message: `User ${index} has a console password and no MFA device. ${'x'.repeat(300)}`,
        }),
      ),
    );

  it.each([1_500, 50_000])('%i failing users stay under the cap and say how many rows were left out', async (count) => {
    await publishToGitHub(failingUsers(count), {
      prComment: false,
      driftIssue: false,
      summaryAppendix: '### Remediation plan\n\nNo changes.',
    });
    const summary = readFileSync(join(folder, 'summary.md'), 'utf8');
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThan(1024 * 1024);
    const leftOut = /\*\*(\d+) rows left out\*\*/.exec(summary);
    expect(Number(leftOut?.[1])).toBeGreaterThanOrEqual(count - 1000);
    expect(summary).toContain('JSON report (the `report` output) and the SARIF file');
    expect(summary).toContain('### Remediation plan');
  });
});
