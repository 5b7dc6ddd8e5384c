/** STUB interface: the AWS clients, built once per account and passed to the collector (issue 4 work). */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AccountClient } from '@aws-sdk/client-account';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

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
  /** Per-request socket timeout and retry budget; see docs. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
}

export function createAwsClients(_options: AwsClientOptions = {}): AwsClients {
  throw new Error('not implemented');
}
