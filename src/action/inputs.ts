/** The action's inputs, read once into one typed object (action.yml documents each). */
import * as core from '@actions/core';
import { SEVERITIES, type FailOn } from '../findings.js';
import type { RedactMode } from '../report/redact.js';
import { redactInputOption } from '../cli/options.js';
import { UsageError } from '../errors.js';
import { readOrganizationInputs, readsManyAccounts, type OrganizationInputs } from './organization-inputs.js';

export type Mode = 'check' | 'plan' | 'apply';

export interface ActionInputs {
  policy: string;
  roleToAssume?: string;
  audience: string;
  roleSessionName: string;
  roleDurationSeconds: number;
  awsRegion?: string;
  mode: Mode;
  /** `apply` on pull_request / pull_request_target events only when this is true. */
  allowApplyOnPullRequest: boolean;
  failOn: FailOn;
  sarifFile?: string;
  jsonFile: string;
  redact: RedactMode;
  timeoutSeconds: number;
  state?: string;
  prComment: boolean;
  driftIssue: boolean;
  githubToken?: string;
  /** Which organization step this is (`single` on a one-account run), and its inputs. */
  organization: OrganizationInputs;
}

function optional(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

function choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(name) ?? fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`input ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** Off when not given (the runner fills defaults from action.yml; tests and local runs may not). */
function booleanInput(name: string): boolean {
  return optional(name) === undefined ? false : core.getBooleanInput(name);
}

function positiveInteger(name: string, fallback: number): number {
  const raw = optional(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`input ${name} must be a positive whole number (got "${raw}")`);
  return value;
}

/** The OIDC session's lifetime when `role-duration-seconds` is not given. */
const ROLE_DURATION_SECONDS = 900;
/**
 * Organization runs: the OIDC (hub) session is not renewed, and every member session is assumed (and renewed)
 * from it for the whole job, so it must outlive the job. An hour is what every IAM role allows by default.
 */
const ORGANIZATION_ROLE_DURATION_SECONDS = 3600;

export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const roleToAssume = optional('role-to-assume');
  const awsRegion = optional('aws-region');
  const sarifFile = optional('sarif-file');
  const state = optional('state');
  const githubToken = optional('github-token');
  const runId = env.GITHUB_RUN_ID ?? 'local';
  const organization = readOrganizationInputs(core.getInput);
  return {
    policy: optional('policy') ?? '.github/aws-account-baseline.yml',
    ...(roleToAssume !== undefined && { roleToAssume }),
    audience: optional('audience') ?? 'sts.amazonaws.com',
    roleSessionName: optional('role-session-name') ?? `aws-account-baseline-${runId}`,
    roleDurationSeconds: positiveInteger(
      'role-duration-seconds',
      readsManyAccounts(organization.step) ? ORGANIZATION_ROLE_DURATION_SECONDS : ROLE_DURATION_SECONDS,
    ),
    ...(awsRegion !== undefined && { awsRegion }),
    mode: choice<Mode>('mode', ['check', 'plan', 'apply'], 'check'),
    allowApplyOnPullRequest: booleanInput('allow-apply-on-pull-request'),
    failOn: choice<FailOn>('fail-on', [...SEVERITIES, 'none'], 'low'),
    ...(sarifFile !== undefined && { sarifFile }),
    jsonFile: optional('json-file') ?? `${env.RUNNER_TEMP ?? '.'}/aws-account-baseline-report.json`,
    redact: redactInputOption(optional('redact')),
    timeoutSeconds: positiveInteger('timeout-seconds', 120),
    ...(state !== undefined && { state }),
    prComment: booleanInput('pr-comment'),
    driftIssue: booleanInput('drift-issue'),
    ...(githubToken !== undefined && { githubToken }),
    organization,
  };
}
