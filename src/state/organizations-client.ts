/** The Organizations client for discovery, configured like the account clients (region, timeouts, adaptive retry). */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  DEFAULT_CONNECTION_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  regionProvider,
  type AwsClientOptions,
} from '../state/aws-clients.js';

/** Organizations throttles hard (a few requests per second): more attempts than the account reads get. */
const ORGANIZATIONS_MAX_ATTEMPTS = 8;

/** Honours AWS_ENDPOINT_URL_ORGANIZATIONS / AWS_ENDPOINT_URL like the other clients (the SDK reads them). */
export function createOrganizationsClient(options: AwsClientOptions = {}): OrganizationsClient {
  return new OrganizationsClient({
    region: options.region ?? regionProvider(),
    retryMode: 'adaptive',
    maxAttempts: options.maxAttempts ?? ORGANIZATIONS_MAX_ATTEMPTS,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
  });
}
