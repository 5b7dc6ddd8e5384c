/**
 * The AWS clients, built once per account and passed to the collector (no client is created at import time,
 * so tests hand in mocked ones).
 *
 * Standard configuration, checked against the installed SDK (v3, @smithy/core):
 * - AWS_PROFILE and the default credential chain: honoured by the SDK itself.
 * - AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM / _STS / _ACCOUNT (and `endpoint_url` in the profile): honoured by
 *   the SDK itself (the suffix is the client's serviceId upper-cased: IAM, STS, Account).
 * - Region: the SDK reads AWS_REGION and the profile's `region`, but not AWS_DEFAULT_REGION, and with none set
 *   it asks EC2 instance metadata (up to 2 s lost off EC2) and then fails. We resolve it ourselves: AWS_REGION,
 *   AWS_DEFAULT_REGION, the profile, then us-east-1 (IAM and Account are global; only STS is regional).
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { AccountClient } from '@aws-sdk/client-account';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { loadConfig } from '@smithy/core/config';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Provider } from '@smithy/types';
import { tuningFromEnv } from '../deadline.js';

export interface AwsClients {
  iam: IAMClient;
  sts: STSClient;
  account: AccountClient;
}

export interface AwsClientOptions {
  /** Defaults to AWS_REGION / AWS_DEFAULT_REGION / the profile's region, then us-east-1 (IAM is global). */
  region?: string;
  /** Explicit credentials (assumed role); otherwise the SDK's default chain (env, AWS_PROFILE, ...). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Per-attempt limit for one request, connection included (default 10 s). */
  requestTimeoutMs?: number;
  /** Limit for establishing the TCP/TLS connection (default 3 s). */
  connectionTimeoutMs?: number;
  /** Attempts per call, first one included (default 4). */
  maxAttempts?: number;
}

export const DEFAULT_REGION = 'us-east-1';
/*
 * Budget, chosen so that one call that keeps failing ends well inside the run's default 120 s deadline:
 * - connectionTimeout 3 s: connecting to an AWS endpoint takes well under 1 s; 3 s catches a black-holed
 *   endpoint or proxy without false alarms on a busy runner.
 * - requestTimeout 10 s per attempt, and throwOnRequestTimeout (the handler only logs a warning without it):
 *   the largest answer read is a credential report of a few MB, which AWS serves in about a second.
 * - maxAttempts 4 with retryMode 'adaptive': throttling (Throttling, TooManyRequestsException, 429), 5xx,
 *   timeouts and connection resets are retried with jittered exponential backoff, and the client-side rate
 *   limiter slows down once AWS throttles. Worst case per call: 4 x 10 s plus about 1 s of backoff.
 */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ATTEMPTS = 4;

/** AWS_REGION, AWS_DEFAULT_REGION, the profile's `region` (AWS_PROFILE honoured), then us-east-1. Never IMDS. */
export function regionProvider(): Provider<string> {
  return loadConfig<string>({
    environmentVariableSelector: (env) => env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || undefined,
    configFileSelector: (profile) => profile['region'] || undefined,
    default: DEFAULT_REGION,
  });
}

/** The configuration every client shares: region, credentials, retries and one HTTP handler. */
function sharedConfig(options: AwsClientOptions) {
  // AAB_* environment knobs (docs/performance.md) sit between explicit options and the defaults.
  const tuning = tuningFromEnv();
  const requestHandler = new NodeHttpHandler({
    connectionTimeout: options.connectionTimeoutMs ?? tuning.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeout: options.requestTimeoutMs ?? tuning.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true,
  });
  return {
    region: options.region ?? regionProvider(),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? tuning.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
}

/** An STS client alone, e.g. to exchange an OIDC token before the account's clients exist. */
export function createStsClient(options: AwsClientOptions = {}): STSClient {
  return new STSClient(sharedConfig(options));
}

export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const config = sharedConfig(options);
  return { iam: new IAMClient(config), sts: new STSClient(config), account: new AccountClient(config) };
}

/** Closes the clients' sockets (they share one handler). Safe to skip: idle keep-alive sockets do not hold the process. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.iam.destroy();
  clients.sts.destroy();
  clients.account.destroy();
}
