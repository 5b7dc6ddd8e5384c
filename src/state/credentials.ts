/**
 * Credentials for the run: the job's GitHub OIDC token exchanged with sts:AssumeRoleWithWebIdentity, and
 * sts:AssumeRole into member accounts. Failures throw AccountUnreadableError (exit 3) with one line that names
 * the fix; the token and the credentials are never part of a message.
 */
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  type Credentials,
  type STSClient,
} from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { AccountUnreadableError } from '../errors.js';
import { errorCode, isAwsError } from './read-error.js';
import { holdCredentials, scrubCredentials } from './credential-scrub.js';

export const DEFAULT_SESSION_DURATION_SECONDS = 3600;
const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

export interface WebIdentityOptions {
  /** The job's OIDC token (core.getIDToken(audience)). */
  webIdentityToken: string;
  roleArn: string;
  sessionName: string;
  durationSeconds?: number;
  /** The audience the token was requested for, named in error messages (default sts.amazonaws.com). */
  audience?: string;
  /** The run's STS client (region and endpoint from the standard environment; no credentials needed). */
  sts: STSClient;
}

export interface AssumeRoleOptions {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  durationSeconds?: number;
  /** Signed with the caller's credentials (e.g. from OIDC). */
  sts: STSClient;
}

/** A valid RoleSessionName ([\w+=,.@-], 2 to 64 characters) from free text such as `aab-${GITHUB_RUN_ID}`. */
export function toSessionName(text: string): string {
  const cleaned = text.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : 'aws-account-baseline';
}

function toIdentity(credentials: Credentials | undefined, roleArn: string): AwsCredentialIdentity {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
    throw new AccountUnreadableError(`STS returned no credentials for ${roleArn}.`);
  }
  holdCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
  };
}

/** The `sub` and `aud` claims of a JWT (not secret; they are what a trust policy matches). Never the token. */
export function tokenClaims(token: string): { sub?: string; aud?: string } {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const aud = Array.isArray(claims['aud']) ? claims['aud'].join(',') : claims['aud'];
    return {
      ...(typeof claims['sub'] === 'string' ? { sub: claims['sub'] } : {}),
      ...(typeof aud === 'string' ? { aud } : {}),
    };
  } catch {
    return {};
  }
}

function sdkMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return scrubCredentials(message).replace(/\s+/g, ' ').trim();
}

function accountOf(roleArn: string): string {
  return roleArn.split(':')[4] || 'ACCOUNT';
}

/** One line per usual mistake, each naming the fix. */
export function describeWebIdentityError(error: unknown, options: Omit<WebIdentityOptions, 'sts'>): string {
  const audience = options.audience ?? 'sts.amazonaws.com';
  const claims = tokenClaims(options.webIdentityToken);
  const cause = `${errorCode(error)}: ${sdkMessage(error)}`;
  const provider = `arn:aws:iam::${accountOf(options.roleArn)}:oidc-provider/${GITHUB_ISSUER}`;
  if (isAwsError(error, 'InvalidIdentityToken', 'InvalidIdentityTokenException')) {
    if (/audience/i.test(cause)) {
      return (
        `Cannot assume ${options.roleArn}: the token's audience "${claims.aud ?? audience}" is not a client ID ` +
        `of the IAM OIDC provider ${provider} (${cause}). Fix: add "${audience}" to the provider's audiences, ` +
        `or set the action's audience input to one the provider lists.`
      );
    }
    return (
      `Cannot assume ${options.roleArn}: the GitHub OIDC token was rejected (${cause}). ` +
      `Fix: create the IAM OIDC provider https://${GITHUB_ISSUER} with audience "${audience}" ` +
      `in account ${accountOf(options.roleArn)}, and give the job "permissions: id-token: write".`
    );
  }
  if (isAwsError(error, 'AccessDenied', 'AccessDeniedException')) {
    return (
      `Cannot assume ${options.roleArn}: its trust policy does not accept this token ` +
      `(sub "${claims.sub ?? 'unknown'}", aud "${claims.aud ?? audience}") (${cause}). ` +
      `Fix: the role's trust policy must allow sts:AssumeRoleWithWebIdentity for Federated ${provider} ` +
      `with conditions ${GITHUB_ISSUER}:aud = "${audience}" ` +
      `and ${GITHUB_ISSUER}:sub matching "${claims.sub ?? 'repo:OWNER/REPO:*'}".`
    );
  }
  if (isAwsError(error, 'IDPRejectedClaim', 'IDPRejectedClaimException')) {
    return (
      `Cannot assume ${options.roleArn}: STS rejected the token's claims (${cause}). Fix: check the role's ` +
      `trust policy conditions on ${GITHUB_ISSUER}:sub (this token's is "${claims.sub ?? 'unknown'}") and :aud.`
    );
  }
  if (isAwsError(error, 'ExpiredTokenException', 'ExpiredToken')) {
    return (
      `Cannot assume ${options.roleArn}: the OIDC token expired (${cause}). ` +
      'Fix: request the token right before assuming the role.'
    );
  }
  return describeCommonStsError(error, options.roleArn, cause, options.durationSeconds);
}

function describeCommonStsError(
  error: unknown,
  roleArn: string,
  cause: string,
  durationSeconds: number | undefined,
): string {
  if (isAwsError(error, 'ValidationError') && /DurationSeconds|MaxSessionDuration/i.test(cause)) {
    const seconds = durationSeconds ?? DEFAULT_SESSION_DURATION_SECONDS;
    return (
      `Cannot assume ${roleArn}: the session duration ${seconds} s exceeds the role's maximum (${cause}). ` +
      "Fix: lower the duration or raise the role's MaxSessionDuration."
    );
  }
  if (isAwsError(error, 'ValidationError')) {
    return (
      `Cannot assume ${roleArn}: the request was invalid (${cause}). ` +
      'Fix: check that the role ARN has the form arn:aws:iam::123456789012:role/NAME.'
    );
  }
  if (isAwsError(error, 'RegionDisabledException')) {
    return (
      `Cannot assume ${roleArn}: STS is not enabled in this region (${cause}). ` +
      'Fix: set AWS_REGION to an enabled region, or activate STS for it in the account settings.'
    );
  }
  return `Cannot assume ${roleArn} (${cause}).`;
}

export function describeAssumeRoleError(error: unknown, options: Omit<AssumeRoleOptions, 'sts'>): string {
  const cause = `${errorCode(error)}: ${sdkMessage(error)}`;
  if (isAwsError(error, 'AccessDenied', 'AccessDeniedException')) {
    const externalIdHint =
      options.externalId === undefined
        ? '; if that policy requires sts:ExternalId, pass the external id'
        : ', with an sts:ExternalId condition equal to the external id given';
    return (
      `Cannot assume ${options.roleArn} (${cause}). Fix: the caller needs sts:AssumeRole on the role, ` +
      `and the role's trust policy must trust the caller${externalIdHint}.`
    );
  }
  return describeCommonStsError(error, options.roleArn, cause, options.durationSeconds);
}

/** GitHub OIDC token -> temporary credentials for the role. */
export async function assumeRoleWithWebIdentity(options: WebIdentityOptions): Promise<AwsCredentialIdentity> {
  const { sts } = options;
  holdCredentials(options.webIdentityToken);
  try {
    const output = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        WebIdentityToken: options.webIdentityToken,
        RoleArn: options.roleArn,
        RoleSessionName: toSessionName(options.sessionName),
        DurationSeconds: options.durationSeconds ?? DEFAULT_SESSION_DURATION_SECONDS,
      }),
    );
    return toIdentity(output.Credentials, options.roleArn);
  } catch (error) {
    if (error instanceof AccountUnreadableError) throw error;
    throw new AccountUnreadableError(describeWebIdentityError(error, options));
  }
}

/** Caller credentials -> a member account's role (the organization case), with an optional external id. */
export async function assumeRole(options: AssumeRoleOptions): Promise<AwsCredentialIdentity> {
  const { sts } = options;
  try {
    const output = await sts.send(
      new AssumeRoleCommand({
        RoleArn: options.roleArn,
        RoleSessionName: toSessionName(options.sessionName),
        DurationSeconds: options.durationSeconds ?? DEFAULT_SESSION_DURATION_SECONDS,
        ...(options.externalId !== undefined ? { ExternalId: options.externalId } : {}),
      }),
    );
    return toIdentity(output.Credentials, options.roleArn);
  } catch (error) {
    if (error instanceof AccountUnreadableError) throw error;
    throw new AccountUnreadableError(describeAssumeRoleError(error, options));
  }
}
