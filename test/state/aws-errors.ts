/**
 * AWS errors as the SDK raises them after deserializing the wire answer (the shapes are checked against the
 * real deserializers in wire.test.ts): awsQuery services keep the wire code in `Code` beside the exception
 * name; REST-JSON (Account) only has the name.
 */
import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  IAMClient,
  IAMServiceException,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { AccessDeniedException, AccountClient, ResourceNotFoundException } from '@aws-sdk/client-account';
import { STSClient, STSServiceException } from '@aws-sdk/client-sts';
import type { AwsClients } from '../../src/state/aws-clients.js';

const credentials = { accessKeyId: 'AKIATESTTESTTESTTEST', secretAccessKey: 'test-secret' };

/** Real clients (their `send` is replaced by aws-sdk-client-mock in the tests). */
export function testClients(): AwsClients {
  const config = { region: 'us-east-1', credentials };
  return { iam: new IAMClient(config), sts: new STSClient(config), account: new AccountClient(config) };
}

function metadata(httpStatusCode: number) {
  return { httpStatusCode, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 };
}

export function noSuchEntity(): Error {
  return Object.assign(
    new NoSuchEntityException({
      message: 'The Password Policy with domain name 111122223333 cannot be found.',
      $metadata: metadata(404),
    }),
    { Code: 'NoSuchEntity' },
  );
}

export function reportNotPresent(): Error {
  return Object.assign(
    new CredentialReportNotPresentException({ message: 'Credential report not present', $metadata: metadata(410) }),
    {
      Code: 'ReportNotPresent',
    },
  );
}

export function reportExpired(): Error {
  return Object.assign(
    new CredentialReportExpiredException({ message: 'Credential report expired', $metadata: metadata(410) }),
    {
      Code: 'ReportExpired',
    },
  );
}

export function reportInProgress(): Error {
  return Object.assign(
    new CredentialReportNotReadyException({ message: 'Credential report in progress', $metadata: metadata(404) }),
    {
      Code: 'ReportInProgress',
    },
  );
}

/** IAM's unmodelled query errors (AccessDenied, Throttling) arrive as the base exception named by the code. */
export function iamQueryError(code: string, message: string, status: number, attempts = 1): Error {
  return Object.assign(
    new IAMServiceException({
      name: code,
      $fault: status >= 500 ? 'server' : 'client',
      message,
      $metadata: { ...metadata(status), attempts },
    }),
    { Code: code },
  );
}

export function stsQueryError(code: string, message: string, status: number): Error {
  return Object.assign(
    new STSServiceException({ name: code, $fault: 'client', message, $metadata: metadata(status) }),
    { Code: code },
  );
}

export function iamAccessDenied(action: string): Error {
  return iamQueryError(
    'AccessDenied',
    `User: arn:aws:iam::111122223333:user/ci is not authorized to perform: ${action}`,
    403,
  );
}

export function accountAccessDenied(action: string): Error {
  return new AccessDeniedException({
    message: `User: arn:aws:iam::111122223333:user/ci is not authorized to perform: ${action}`,
    $metadata: metadata(403),
  });
}

export function contactNotFound(): Error {
  return new ResourceNotFoundException({
    message: 'No contact of the inputted alternate contact type found.',
    $metadata: metadata(404),
  });
}
