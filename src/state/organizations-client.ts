/** The Organizations client for discovery, on the run's shared HTTP handler, configured like the account clients. */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { clientConfig, type AwsConnection } from './aws-clients.js';

/** Organizations throttles hard (a few requests per second): more attempts than the account reads get. */
const ORGANIZATIONS_MAX_ATTEMPTS = 8;

/** Honours AWS_ENDPOINT_URL_ORGANIZATIONS / AWS_ENDPOINT_URL like the other clients (the SDK reads them). */
export function createOrganizationsClient(connection: AwsConnection): OrganizationsClient {
  const options = connection.options;
  return new OrganizationsClient(
    clientConfig(
      { ...options, maxAttempts: options.maxAttempts ?? ORGANIZATIONS_MAX_ATTEMPTS },
      connection.requestHandler,
      connection.settings,
    ),
  );
}
