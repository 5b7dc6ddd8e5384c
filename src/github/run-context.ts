/** What the runner tells about this run (read from the environment when asked, not at import time). */
import { readFileSync } from 'node:fs';
import { repositoryFromEnv, type Repository } from './client.js';

export interface RunContext {
  eventName: string;
  repository?: Repository;
  /** The pull request of a pull_request / pull_request_target event. */
  pullRequestNumber?: number;
  /** Link to this workflow run. */
  runUrl?: string;
}

function pullRequestNumber(eventPath: string | undefined): number | undefined {
  if (!eventPath) return undefined;
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as { pull_request?: { number?: unknown } };
    const number = payload.pull_request?.number;
    return typeof number === 'number' ? number : undefined;
  } catch {
    return undefined;
  }
}

export function runContextFromEnv(env: NodeJS.ProcessEnv = process.env): RunContext {
  const repository = repositoryFromEnv(env);
  const number = pullRequestNumber(env['GITHUB_EVENT_PATH']);
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const runId = env['GITHUB_RUN_ID'];
  return {
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    ...(repository !== undefined && { repository }),
    ...(number !== undefined && { pullRequestNumber: number }),
    ...(repository !== undefined && runId && { runUrl: `${server}/${repository.owner}/${repository.repo}/actions/runs/${runId}` }),
  };
}
