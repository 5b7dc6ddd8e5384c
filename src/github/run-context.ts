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

interface EventPayload {
  pull_request?: { number?: unknown };
  repository?: { default_branch?: unknown };
}

function readPayload(eventPath: string | undefined): EventPayload {
  if (!eventPath) return {};
  try {
    const payload = JSON.parse(readFileSync(eventPath, 'utf8')) as unknown;
    return typeof payload === 'object' && payload !== null ? payload : {};
  } catch {
    return {};
  }
}

export function runContextFromEnv(env: NodeJS.ProcessEnv = process.env): RunContext {
  const repository = repositoryFromEnv(env);
  const number = readPayload(env['GITHUB_EVENT_PATH']).pull_request?.number;
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const runId = env['GITHUB_RUN_ID'];
  return {
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    ...(repository !== undefined && { repository }),
    ...(typeof number === 'number' && { pullRequestNumber: number }),
    ...(repository !== undefined &&
      runId && { runUrl: `${server}/${repository.owner}/${repository.repo}/actions/runs/${runId}` }),
  };
}

/** The event that started the run, with the ref and the default branch `apply`'s allowlist needs. */
/** The event a workflow run was started by, as the runner tells it. */
export interface TriggeringEvent {
  /** GITHUB_EVENT_NAME; undefined outside GitHub Actions. */
  name: string | undefined;
  /** GITHUB_REF, e.g. `refs/heads/main`. */
  ref?: string;
  /** `repository.default_branch` of the event payload. */
  defaultBranch?: string;
}

export function triggeringEventFromEnv(env: NodeJS.ProcessEnv = process.env): TriggeringEvent {
  const defaultBranch = readPayload(env['GITHUB_EVENT_PATH']).repository?.default_branch;
  const ref = env['GITHUB_REF'];
  return {
    name: env['GITHUB_EVENT_NAME'],
    ...(ref !== undefined && { ref }),
    ...(typeof defaultBranch === 'string' && { defaultBranch }),
  };
}
