/**
 * The AWS clients, built once per run (and once per member account) on one shared HTTP handler, and passed to
 * the collector (no client is created at import time, so tests hand in mocked ones).
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
import type { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  loadConfig,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  resolveDefaultsModeConfig,
} from '@smithy/core/config';
import { NODE_APP_ID_CONFIG_OPTIONS } from '@aws-sdk/core/client';
import { NODE_AUTH_SCHEME_PREFERENCE_OPTIONS } from '@aws-sdk/core/httpAuthSchemes';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Provider } from '@smithy/types';
import { tuningFromEnv } from '../deadline.js';

export interface AwsClients {
  iam: IAMClient;
  sts: STSClient;
  account: AccountClient;
  /**
   * Access Analyzer is regional: one client per region, built on first use on the run's shared handler. Its SDK
   * is loaded only when a policy asks for it, so other checks do not pay for it at start-up.
   */
  accessAnalyzer?: (region: string) => Promise<AccessAnalyzerClient>;
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

/**
 * The HTTP handler of a run: keep-alive agents, so calls reuse connections instead of opening one (TCP and TLS)
 * each. Requests are signed one by one, so one handler serves clients of any credentials: the hub's and every
 * member account's. No socket cap: the accounts in flight are bounded by `concurrency` already, and a cap here
 * would queue calls behind a busy socket, a wait that counts against their request timeout.
 */
export function createHttpHandler(options: AwsClientOptions = {}): NodeHttpHandler {
  // AAB_* environment knobs (docs/performance.md) sit between explicit options and the defaults.
  const tuning = tuningFromEnv();
  return new NodeHttpHandler({
    connectionTimeout: options.connectionTimeoutMs ?? tuning.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeout: options.requestTimeoutMs ?? tuning.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true,
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({ keepAlive: true }),
  });
}

/**
 * Settings each SDK client otherwise looks up for itself when built: the environment, then the shared config
 * files, one lookup per setting per client, each a thrown and caught error when unset. They cannot change during
 * a run, so they are looked up once, with the SDK's own selectors, and every client of the run (an organization
 * run builds clients per member) shares the answers.
 */
function runSettings(options: AwsClientOptions) {
  const region = options.region ?? regionProvider();
  return {
    region,
    useFipsEndpoint: loadConfig(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS),
    useDualstackEndpoint: loadConfig(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS),
    userAgentAppId: loadConfig(NODE_APP_ID_CONFIG_OPTIONS),
    authSchemePreference: loadConfig(NODE_AUTH_SCHEME_PREFERENCE_OPTIONS),
    defaultsMode: resolveDefaultsModeConfig({ region }),
  };
}
export type RunSettings = ReturnType<typeof runSettings>;

/** The configuration every client of a run shares: region, retries, the run's settings and its one HTTP handler. */
export function clientConfig(options: AwsClientOptions, requestHandler: NodeHttpHandler, settings: RunSettings) {
  return {
    ...settings,
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? tuningFromEnv().maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  };
}

type Credentials = AwsClientOptions['credentials'];

/** What the connections derived from one (`withCredentials`) share: the handler and the run's settings. */
interface SharedByConnections {
  handler?: NodeHttpHandler;
  settings?: RunSettings;
}

/**
 * The AWS side of one run: one HTTP handler that every client of the run shares, and the run's IAM, STS and
 * Account clients, built the first time they are needed and then reused (check, plan, apply and the check
 * after apply all use the same ones). Organization runs build one more set per member account on the same
 * handler. Never destroy a client built here: that closes the shared handler under the others; `destroy()`
 * the connection once, when the run is over, so no socket keeps the process (or a test worker) alive.
 */
export class AwsConnection {
  readonly options: AwsClientOptions;
  /** Shared with the connections `withCredentials` derives, so one `destroy()` closes them all. */
  readonly #shared: SharedByConnections;
  #clients: AwsClients | undefined;

  constructor(options: AwsClientOptions = {}, shared: SharedByConnections = {}) {
    this.options = options;
    this.#shared = shared;
  }

  get requestHandler(): NodeHttpHandler {
    return (this.#shared.handler ??= createHttpHandler(this.options));
  }

  /** The run's settings (region, FIPS, ...), looked up once for every client of the run. */
  get settings(): RunSettings {
    return (this.#shared.settings ??= runSettings(this.options));
  }

  /** The same connection for other credentials (the role the action's OIDC token was exchanged for). */
  withCredentials(credentials: Credentials): AwsConnection {
    const { credentials: _previous, ...options } = this.options;
    return new AwsConnection({ ...options, ...(credentials === undefined ? {} : { credentials }) }, this.#shared);
  }

  /** The run's clients, built once. */
  clients(): AwsClients {
    return (this.#clients ??= this.createClients(this.options.credentials));
  }

  /** A new set of clients for `credentials` on the shared handler: one per member account. */
  createClients(credentials: Credentials): AwsClients {
    const base = clientConfig(this.optionsFor(credentials), this.requestHandler, this.settings);
    // Without explicit credentials each client would run the default chain for itself, and a profile that assumes
    // a role (or runs credential_process) would do so once per client: the first client built resolves them, and
    // the others sign with its provider.
    let signWith: AwsCredentialIdentityProvider | undefined;
    const config = () => (signWith === undefined ? base : { ...base, credentials: signWith });
    const built = <C extends { config: { credentials: AwsCredentialIdentityProvider } }>(client: C): C => {
      signWith ??= client.config.credentials;
      return client;
    };
    const analyzers = new Map<string, Promise<AccessAnalyzerClient>>();
    const accessAnalyzer = (region: string): Promise<AccessAnalyzerClient> => {
      let client = analyzers.get(region);
      if (!client) {
        client = import(/* webpackChunkName: "access-analyzer" */ '@aws-sdk/client-accessanalyzer').then((sdk) =>
          built(new sdk.AccessAnalyzerClient({ ...config(), region })),
        );
        analyzers.set(region, client);
      }
      return client;
    };
    // Each client is built on first use: a member whose policy reads no contact never builds an Account client,
    // and one that AssumeRole already identified never builds an STS client (building one costs CPU per account).
    let iam: IAMClient | undefined;
    let sts: STSClient | undefined;
    let account: AccountClient | undefined;
    return {
      get iam() {
        return (iam ??= built(new IAMClient(config())));
      },
      get sts() {
        return (sts ??= built(new STSClient(config())));
      },
      get account() {
        return (account ??= built(new AccountClient(config())));
      },
      accessAnalyzer,
    };
  }

  /** An STS client alone: the OIDC exchange (no credentials needed), or the hub's AssumeRole into members. */
  createStsClient(credentials: Credentials = this.options.credentials): STSClient {
    return new STSClient(clientConfig(this.optionsFor(credentials), this.requestHandler, this.settings));
  }

  /** Closes every socket of every client built on this connection (and the ones derived from it). */
  destroy(): void {
    this.#shared.handler?.destroy();
  }

  private optionsFor(credentials: Credentials): AwsClientOptions {
    const { credentials: _run, ...options } = this.options;
    return credentials === undefined ? options : { ...options, credentials };
  }
}
