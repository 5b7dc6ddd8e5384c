/**
 * Reaching a member account: the hub credentials (usually the OIDC role) assume `role/NAME` in the member.
 * That is role chaining, so AWS caps the member session at one hour; sessions here are short and refreshed.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AccountUnreadableError, UsageError } from '../errors.js';
import type { ReadError } from './types.js';
import { errorSummary, toReadError } from './read-error.js';
import { describeAssumeRoleError } from './credentials.js';

export const DEFAULT_MEMBER_ROLE_NAME = 'aws-account-baseline-read-only';
/** The STS minimum; a chained session may not exceed 3600 s anyway, and a check of one account takes seconds. */
export const MEMBER_SESSION_SECONDS = 900;
/** Re-assume this long before the session expires, so no call is signed with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const SESSION_NAME_MAX = 64;
const SESSION_CHARS = /[^\w+=,.@-]/g;
const ROLE_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

export interface MemberAccessOptions {
  /** Role name in every member account, optionally with its path (`audit/baseline-read-only`). */
  roleName: string;
  externalId?: string;
  /** Identifies the run in each member's CloudTrail (`aab-<run id>-<account>`). */
  runId: string;
  /** `aws`, `aws-us-gov`, `aws-cn`: from the hub identity's ARN. */
  partition?: string;
}

/** The member could not be reached: the cause, as a ReadError so every control can say why. */
export class MemberAccessError extends Error {
  readonly readError: ReadError;
  constructor(readError: ReadError) {
    super(`${readError.code}: ${readError.message}`);
    this.name = 'MemberAccessError';
    this.readError = readError;
  }
}

export function validateMemberAccess(options: MemberAccessOptions): void {
  if (!ROLE_NAME.test(options.roleName)) {
    throw new UsageError(
      `member-role-name "${options.roleName}" is not an IAM role name (letters, digits and +=,.@_- up to ` +
        `64, optional path)`,
    );
  }
  if (options.externalId !== undefined && !EXTERNAL_ID.test(options.externalId)) {
    throw new UsageError('external-id must be 2 to 1224 characters of letters, digits and +=,.@:/_-');
  }
}

/** `aws` unless the hub identity lives in another partition (`arn:aws-us-gov:sts::...`). */
export function partitionOf(arn: string | undefined): string {
  return arn?.split(':')[1] || 'aws';
}

/**
 * The hub identity's partition and account, read once: broken hub credentials stop the run (exit 3) instead of
 * failing every account.
 */
export async function hubIdentity(sts: STSClient): Promise<{ partition: string; accountId?: string }> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { partition: partitionOf(identity.Arn), ...(identity.Account ? { accountId: identity.Account } : {}) };
  } catch (error) {
    throw new AccountUnreadableError(
      `The hub credentials do not work (${errorSummary(error)}): no member account can be reached.`,
    );
  }
}

export function memberRoleArn(accountId: string, roleName: string, partition = 'aws'): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/**
 * `aab-<run id>-<account>` within STS's rules (2-64 characters of `[\w+=,.@-]`): the run ID is cleaned and
 * shortened, the account ID always kept whole, so CloudTrail in the member shows which run and which target.
 */
export function memberSessionName(runId: string, accountId: string): string {
  const room = SESSION_NAME_MAX - 'aab-'.length - '-'.length - accountId.length;
  const run = runId.replace(SESSION_CHARS, '-').slice(0, Math.max(room, 0)) || 'run';
  return `aab-${run}-${accountId}`.slice(0, SESSION_NAME_MAX);
}

/** The run ID for session names: the GitHub run and attempt, or a local one from the given start time. */
export function runIdFrom(env: NodeJS.ProcessEnv, startedAt: Date): string {
  const run = env.GITHUB_RUN_ID;
  if (run) return env.GITHUB_RUN_ATTEMPT ? `${run}-${env.GITHUB_RUN_ATTEMPT}` : run;
  return `local-${startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/** The member's identity as AssumeRole's answer names it: the caller ARN GetCallerIdentity would give there. */
export interface MemberIdentity {
  accountId: string;
  arn: string;
}

/** A member account reached: the provider its clients sign with, and (when AssumeRole named it) who they are. */
export interface MemberSession {
  credentials: AwsCredentialIdentityProvider;
  /**
   * From `AssumedRoleUser.Arn`, only when that ARN is an assumed role of this very account: the member's reads then
   * skip `sts:GetCallerIdentity`. Absent otherwise, and the collector asks STS as for any account.
   */
  identity?: MemberIdentity;
}

const ASSUMED_ROLE_ARN = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/[\w+=,.@/-]+$/;

/** The session's identity from its ARN, if the ARN belongs to `accountId`. */
export function memberIdentityFrom(arn: string | undefined, accountId: string): MemberIdentity | undefined {
  if (arn === undefined || ASSUMED_ROLE_ARN.exec(arn)?.[1] !== accountId) return undefined;
  return { accountId, arn };
}

interface AssumedRole {
  credentials: AwsCredentialIdentity;
  arn?: string;
}

async function assumeOnce(sts: STSClient, accountId: string, options: MemberAccessOptions): Promise<AssumedRole> {
  const command = new AssumeRoleCommand({
    RoleArn: memberRoleArn(accountId, options.roleName, options.partition),
    RoleSessionName: memberSessionName(options.runId, accountId),
    DurationSeconds: MEMBER_SESSION_SECONDS,
    ...(options.externalId === undefined ? {} : { ExternalId: options.externalId }),
  });
  let response;
  try {
    response = await sts.send(command);
  } catch (error) {
    // The code of the STS error, and a message that names the fix (trust policy, external id, permissions).
    const readError = toReadError(error, 'sts:AssumeRole');
    const roleArn = command.input.RoleArn as string;
    const describeOptions = {
      roleArn,
      sessionName: command.input.RoleSessionName as string,
      ...(options.externalId === undefined ? {} : { externalId: options.externalId }),
    };
    throw new MemberAccessError({ ...readError, message: describeAssumeRoleError(error, describeOptions) });
  }
  const credentials = response.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    throw new MemberAccessError({
      code: 'InvalidResponse',
      message: `AssumeRole returned no credentials for ${command.input.RoleArn}`,
      action: 'sts:AssumeRole',
    });
  }
  return {
    credentials: {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
      accountId,
    },
    ...(response.AssumedRoleUser?.Arn === undefined ? {} : { arn: response.AssumedRoleUser.Arn }),
  };
}

/**
 * Assumes the member role now (so an unreachable account is known before any read) and returns a provider that
 * serves those credentials and re-assumes shortly before they expire, with the session's identity. Throws
 * MemberAccessError.
 */
export async function memberSession(
  sts: STSClient,
  accountId: string,
  options: MemberAccessOptions,
  clock: () => number = Date.now,
): Promise<MemberSession> {
  const first = await assumeOnce(sts, accountId, options);
  let current = first.credentials;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const credentials: AwsCredentialIdentityProvider = async () => {
    const expiresAt = current.expiration?.getTime();
    if (expiresAt === undefined || expiresAt - clock() > REFRESH_MARGIN_MS) return current;
    // One refresh for all concurrent callers.
    pending ??= assumeOnce(sts, accountId, options)
      .then((assumed) => assumed.credentials)
      .finally(() => {
        pending = undefined;
      });
    current = await pending;
    return current;
  };
  const identity = memberIdentityFrom(first.arn, accountId);
  return identity === undefined ? { credentials } : { credentials, identity };
}
