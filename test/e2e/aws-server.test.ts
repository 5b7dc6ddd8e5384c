/**
 * The local AWS server against the real SDK clients: every answer and error shape must deserialize the way
 * the SDK parses AWS itself, or the e2e tests built on it prove nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteAccountPasswordPolicyCommand,
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListOrganizationsFeaturesCommand,
  ListVirtualMFADevicesCommand,
  UpdateAccountPasswordPolicyCommand,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import {
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  PutAlternateContactCommand,
  PutContactInformationCommand,
} from '@aws-sdk/client-account';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import type { AwsCredentialIdentity } from '@smithy/types';
import { awsEnv, githubOidcEnv, startAwsServer } from '../support/aws-server.mjs';
import type { AwsServer, AwsServerOptions } from '../support/aws-server.mjs';
import { credentialReportCsv, iamUserRow, rootAccountRow } from '../support/credential-report-csv.mjs';
import { strongPasswordPolicy } from '../support/builders.js';

const MANAGEMENT = '111122223333';
const MEMBER = '444455556666';
const LOCKED = '777788889999';
const OUTSIDER = '123456789012';
const AMBIENT: AwsCredentialIdentity = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' };

const STRICT_POLICY = strongPasswordPolicy();

const SECURITY_CONTACT = { name: 'Sec Team', title: 'CISO', email: 'sec@example.com', phone: '+1 555 0100' };

function scenario(overrides: Partial<AwsServerOptions> = {}): AwsServerOptions {
  return {
    accounts: [
      {
        accountId: MANAGEMENT,
        passwordPolicy: STRICT_POLICY,
        accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2 },
        virtualMfaDevices: [
          {
            serialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/root-account-mfa-device`,
            userArn: `arn:aws:iam::${MANAGEMENT}:root`,
          },
          {
            serialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/alice`,
            userArn: `arn:aws:iam::${MANAGEMENT}:user/alice`,
            enableDate: '2025-03-01T10:00:00Z',
          },
          { serialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/spare` },
        ],
        credentialReport: {
          rows: [rootAccountRow(MANAGEMENT), iamUserRow(MANAGEMENT, 'alice', { access_key_1_active: 'true' })],
          generatedAt: '2026-11-20T08:00:00Z',
        },
        alternateContacts: { SECURITY: SECURITY_CONTACT },
        name: 'management',
      },
      { accountId: MEMBER, passwordPolicy: null, name: 'workload', status: 'SUSPENDED' },
      { accountId: LOCKED, assumable: false },
      { accountId: OUTSIDER },
    ],
    organization: {
      id: 'o-abcdefghij',
      masterAccountId: MANAGEMENT,
      rootFeatures: ['RootCredentialsManagement'],
      roots: [
        {
          id: 'r-ab12',
          accounts: [MANAGEMENT],
          organizationalUnits: [{ id: 'ou-ab12-11111111', name: 'Workloads', accounts: [MEMBER, LOCKED] }],
        },
      ],
    },
    oidc: { requestToken: 'runner-request-token' },
    ...overrides,
  };
}

interface SdkError {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

/** The error a call rejects with; fails the test when it resolves. */
async function errorOf(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (caught: unknown) {
    const error = caught as SdkError;
    return { name: error.name, message: error.message, $metadata: error.$metadata ?? {} };
  }
  throw new Error('expected the call to fail');
}

function clientConfig(server: AwsServer, credentials: AwsCredentialIdentity = AMBIENT) {
  return { endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 };
}

let server: AwsServer;
let iam: IAMClient;
let sts: STSClient;
let account: AccountClient;
let organizations: OrganizationsClient;

async function start(options: AwsServerOptions = scenario()): Promise<void> {
  await server?.close();
  server = await startAwsServer(options);
  iam = new IAMClient(clientConfig(server));
  sts = new STSClient(clientConfig(server));
  account = new AccountClient(clientConfig(server));
  organizations = new OrganizationsClient(clientConfig(server));
}

beforeEach(async () => {
  await start();
});
afterAll(async () => {
  await server?.close();
});

/** Clients signed with credentials from AssumeRole into `accountId`. */
async function assumedInto(accountId: string) {
  const assumed = await sts.send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/Audit`, RoleSessionName: 'baseline' }),
  );
  const credentials = assumed.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) throw new Error('no credentials');
  const identity = {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken ?? '',
  };
  return {
    accessKeyId: credentials.AccessKeyId,
    iam: new IAMClient(clientConfig(server, identity)),
    sts: new STSClient(clientConfig(server, identity)),
    account: new AccountClient(clientConfig(server, identity)),
    organizations: new OrganizationsClient(clientConfig(server, identity)),
  };
}

describe('IAM password policy', () => {
  it('returns the policy with ExpirePasswords derived from MaxPasswordAge', async () => {
    const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(PasswordPolicy).toEqual({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    });
  });

  it('answers NoSuchEntity (404) when the account has no policy', async () => {
    server.account(MANAGEMENT).passwordPolicy = null;
    const error = await errorOf(iam.send(new GetAccountPasswordPolicyCommand({})));
    expect(error.name).toBe('NoSuchEntityException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe(`The Password Policy with domain name ${MANAGEMENT} cannot be found.`);
  });

  it('replaces the whole policy on update: omitted fields revert to their defaults', async () => {
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireSymbols: true }));
    const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(PasswordPolicy).toEqual({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false,
    });
    expect(server.account(MANAGEMENT).passwordPolicy).toEqual({
      minimumPasswordLength: 12,
      requireSymbols: true,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: false,
      expirePasswords: false,
      hardExpiry: false,
    });
    expect(server.requests.at(0)).toMatchObject({
      service: 'iam',
      operation: 'UpdateAccountPasswordPolicy',
      accountId: MANAGEMENT,
      params: { MinimumPasswordLength: '12', RequireSymbols: 'true' },
    });
  });

  it('defaults MinimumPasswordLength to 8 when the update omits it', async () => {
    await iam.send(new UpdateAccountPasswordPolicyCommand({}));
    expect(server.account(MANAGEMENT).passwordPolicy?.minimumPasswordLength).toBe(8);
  });

  it.each([
    [{ MinimumPasswordLength: 5 }, "Value '5' at 'minimumPasswordLength'"],
    [{ MinimumPasswordLength: 129 }, "Value '129' at 'minimumPasswordLength'"],
    [{ MaxPasswordAge: 1096 }, "Value '1096' at 'maxPasswordAge'"],
    [{ PasswordReusePrevention: 25 }, "Value '25' at 'passwordReusePrevention'"],
  ])('rejects %j with a 400 ValidationError and keeps the old policy', async (input, fragment) => {
    const error = await errorOf(iam.send(new UpdateAccountPasswordPolicyCommand(input)));
    expect(error.name).toBe('ValidationError');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toContain(fragment);
    expect(server.account(MANAGEMENT).passwordPolicy).toEqual(STRICT_POLICY);
  });

  it('accepts the edges of the ranges', async () => {
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 6,
        MaxPasswordAge: 1095,
        PasswordReusePrevention: 1,
      }),
    );
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 128,
        MaxPasswordAge: 1,
        PasswordReusePrevention: 24,
      }),
    );
    expect(server.account(MANAGEMENT).passwordPolicy).toMatchObject({
      minimumPasswordLength: 128,
      maxPasswordAge: 1,
      passwordReusePrevention: 24,
    });
  });

  it('deletes the policy, then answers NoSuchEntity', async () => {
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    expect((await errorOf(iam.send(new GetAccountPasswordPolicyCommand({})))).name).toBe('NoSuchEntityException');
  });
});

describe('IAM account summary and MFA devices', () => {
  it('returns the SummaryMap as numbers', async () => {
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toEqual({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2 });
  });

  it('lists virtual MFA devices with the assigned user, across pages', async () => {
    const first = await iam.send(new ListVirtualMFADevicesCommand({ MaxItems: 2 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toEqual(expect.any(String));
    expect(first.VirtualMFADevices?.[0]).toEqual({
      SerialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/root-account-mfa-device`,
      User: { UserId: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:root`, CreateDate: expect.any(Date) },
      EnableDate: expect.any(Date),
    });
    expect(first.VirtualMFADevices?.[1]?.User).toMatchObject({
      UserName: 'alice',
      Path: '/',
      Arn: `arn:aws:iam::${MANAGEMENT}:user/alice`,
    });
    expect(first.VirtualMFADevices?.[1]?.EnableDate?.toISOString()).toBe('2025-03-01T10:00:00.000Z');
    const second = await iam.send(new ListVirtualMFADevicesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect(second.Marker).toBeUndefined();
    expect(second.VirtualMFADevices).toEqual([{ SerialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/spare` }]);
  });

  it('works with the SDK paginator', async () => {
    const serials: string[] = [];
    for await (const page of paginateListVirtualMFADevices({ client: iam, pageSize: 1 }, {})) {
      serials.push(...(page.VirtualMFADevices ?? []).map((device) => device.SerialNumber ?? ''));
    }
    expect(serials).toHaveLength(3);
    expect(server.requests.filter((request) => request.operation === 'ListVirtualMFADevices')).toHaveLength(3);
  });

  it.each([
    ['Assigned', 2],
    ['Unassigned', 1],
    ['Any', 3],
  ] as const)('filters by AssignmentStatus %s', async (status, count) => {
    const { VirtualMFADevices } = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: status }));
    expect(VirtualMFADevices).toHaveLength(count);
  });

  it('rejects a marker it did not issue', async () => {
    const error = await errorOf(iam.send(new ListVirtualMFADevicesCommand({ Marker: 'not-a-marker' })));
    expect(error.name).toBe('InvalidInputException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('IAM credential report', () => {
  it('returns the report as CSV bytes with format and generation time', async () => {
    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    expect(report.GeneratedTime?.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
    expect(csv).toBe(
      credentialReportCsv([
        rootAccountRow(MANAGEMENT),
        iamUserRow(MANAGEMENT, 'alice', { access_key_1_active: 'true' }),
      ]),
    );
    expect(csv.split('\n')[0]).toMatch(/^user,arn,user_creation_time,password_enabled,/);
    expect(csv.split('\n')[2]).toContain(',true,N/A,N/A,N/A,N/A,false,');
  });

  it('serves raw CSV text byte for byte', async () => {
    server.account(MANAGEMENT).credentialReport = {
      csv: 'user,arn\n<root_account>,x',
      generatedAt: '2026-11-20T08:00:00Z',
    };
    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(Buffer.from(report.Content ?? new Uint8Array()).toString('utf8')).toBe('user,arn\n<root_account>,x');
  });

  it('answers ReportNotPresent (410) until generated, then serves the generated report', async () => {
    const member = await assumedInto(MEMBER);
    const notPresent = await errorOf(member.iam.send(new GetCredentialReportCommand({})));
    expect(notPresent.name).toBe('CredentialReportNotPresentException');
    expect(notPresent.$metadata.httpStatusCode).toBe(410);
    expect((await member.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    const report = await member.iam.send(new GetCredentialReportCommand({}));
    expect(Buffer.from(report.Content ?? new Uint8Array()).toString('utf8')).toContain(
      `<root_account>,arn:aws:iam::${MEMBER}:root,`,
    );
    expect((await member.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
  });

  it('answers ReportExpired (410) for an expired report', async () => {
    server.account(MANAGEMENT).credentialReport = { rows: [], generatedAt: '2026-11-20T08:00:00Z', expired: true };
    const error = await errorOf(iam.send(new GetCredentialReportCommand({})));
    expect(error.name).toBe('CredentialReportExpiredException');
    expect(error.$metadata.httpStatusCode).toBe(410);
  });

  it('stays in progress until the generation time has passed', async () => {
    await start(scenario({ credentialReportGenerationMs: 3_600_000 }));
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    const error = await errorOf(iam.send(new GetCredentialReportCommand({})));
    expect(error.name).toBe('CredentialReportNotReadyException');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('never finishes under the reportNeverFinishes fault, then recovers when it is used up', async () => {
    await start(
      scenario({ faults: [{ operation: 'GenerateCredentialReport', kind: 'reportNeverFinishes', times: 2 }] }),
    );
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('STARTED');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('INPROGRESS');
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
  });

  it('answers ReportInProgress on GetCredentialReport under the fault', async () => {
    await start(scenario({ faults: [{ operation: 'GetCredentialReport', kind: 'reportNeverFinishes' }] }));
    await iam.send(new GenerateCredentialReportCommand({}));
    expect((await errorOf(iam.send(new GetCredentialReportCommand({})))).name).toBe(
      'CredentialReportNotReadyException',
    );
  });
});

describe('IAM ListOrganizationsFeatures', () => {
  it('returns the enabled root features to the management account', async () => {
    const features = await iam.send(new ListOrganizationsFeaturesCommand({}));
    expect(features.OrganizationId).toBe('o-abcdefghij');
    expect(features.EnabledFeatures).toEqual(['RootCredentialsManagement']);
  });

  it('rejects member accounts as AWS does', async () => {
    const member = await assumedInto(MEMBER);
    const error = await errorOf(member.iam.send(new ListOrganizationsFeaturesCommand({})));
    expect(error.name).toBe('AccountNotManagementOrDelegatedAdministratorException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('answers OrganizationNotFound outside an organization', async () => {
    const outsider = await assumedInto(OUTSIDER);
    expect((await errorOf(outsider.iam.send(new ListOrganizationsFeaturesCommand({})))).name).toBe(
      'OrganizationNotFoundException',
    );
  });
});

describe('STS', () => {
  it('answers ambient credentials as the first account', async () => {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: MANAGEMENT, Arn: `arn:aws:iam::${MANAGEMENT}:user/baseline-ci` });
  });

  it('issues credentials that answer as the assumed account', async () => {
    const member = await assumedInto(MEMBER);
    expect(member.accessKeyId).toMatch(new RegExp(`^ASIA${MEMBER}[A-Z0-9]{4}$`));
    const identity = await member.sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toMatchObject({ Account: MEMBER, Arn: `arn:aws:sts::${MEMBER}:assumed-role/Audit/baseline` });
    expect((await errorOf(member.iam.send(new GetAccountPasswordPolicyCommand({})))).name).toBe(
      'NoSuchEntityException',
    );
    expect(server.requests.at(-1)).toMatchObject({
      service: 'iam',
      operation: 'GetAccountPasswordPolicy',
      accountId: MEMBER,
    });
  });

  it.each([LOCKED, '999999999999'])('denies AssumeRole into %s', async (accountId) => {
    const roleArn = `arn:aws:iam::${accountId}:role/Audit`;
    const error = await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'baseline' })));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: arn:aws:iam::${MANAGEMENT}:user/baseline-ci is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  });

  it('rejects a malformed role ARN and a short duration with ValidationError', async () => {
    expect(
      (await errorOf(sts.send(new AssumeRoleCommand({ RoleArn: 'nope', RoleSessionName: 'baseline' })))).name,
    ).toBe('ValidationError');
    const short = await errorOf(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MEMBER}:role/A`,
          RoleSessionName: 'baseline',
          DurationSeconds: 899,
        }),
      ),
    );
    expect(short.name).toBe('ValidationError');
  });
});

describe('GitHub OIDC stand-in and AssumeRoleWithWebIdentity', () => {
  async function fetchToken(audience: string, bearer = 'runner-request-token'): Promise<Response> {
    return fetch(`${server.oidcRequestUrl}&audience=${encodeURIComponent(audience)}`, {
      headers: { Authorization: `Bearer ${bearer}` },
    });
  }
  async function idToken(audience: string): Promise<string> {
    const body = (await (await fetchToken(audience)).json()) as { value: string };
    return body.value;
  }
  const role = `arn:aws:iam::${MEMBER}:role/GitHubBaseline`;
  const unsignedSts = () => new STSClient({ endpoint: server.url, region: 'us-east-1', maxAttempts: 1 });

  it('refuses a wrong request token', async () => {
    expect((await fetchToken('sts.amazonaws.com', 'wrong')).status).toBe(401);
  });

  it('exchanges a token for credentials of the role account', async () => {
    const result = await unsignedSts().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: role,
        RoleSessionName: 'gha',
        WebIdentityToken: await idToken('sts.amazonaws.com'),
      }),
    );
    expect(result.Credentials?.AccessKeyId).toMatch(new RegExp(`^ASIA${MEMBER}`));
    expect(result.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/GitHubBaseline/gha`);
    expect(result.Audience).toBe('sts.amazonaws.com');
    expect(result.SubjectFromWebIdentityToken).toBe('repo:octo-org/octo-repo:ref:refs/heads/main');
  });

  it('rejects a token for another audience with InvalidIdentityToken', async () => {
    const error = await errorOf(
      unsignedSts().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: role,
          RoleSessionName: 'gha',
          WebIdentityToken: await idToken('https://github.com/octo-org'),
        }),
      ),
    );
    expect(error.name).toBe('InvalidIdentityTokenException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('Incorrect token audience');
  });

  it('rejects a forged and an expired token', async () => {
    const genuine = await idToken('sts.amazonaws.com');
    const forged = `${genuine.slice(0, genuine.lastIndexOf('.'))}.AAAA`;
    const forgedError = await errorOf(
      unsignedSts().send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: role, RoleSessionName: 'gha', WebIdentityToken: forged }),
      ),
    );
    expect(forgedError.name).toBe('InvalidIdentityTokenException');
    const expired = server.issueIdToken('sts.amazonaws.com', { exp: 1 });
    const expiredError = await errorOf(
      unsignedSts().send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: role, RoleSessionName: 'gha', WebIdentityToken: expired }),
      ),
    );
    expect(expiredError.name).toBe('ExpiredTokenException');
  });

  it('answers AccessDenied when the role trust rejects the token', async () => {
    await start(scenario({ oidc: { requestToken: 'runner-request-token', trustRejects: [role] } }));
    const error = await errorOf(
      unsignedSts().send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: role,
          RoleSessionName: 'gha',
          WebIdentityToken: await idToken('sts.amazonaws.com'),
        }),
      ),
    );
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  it('serves @actions/core getIDToken through the runner variables', async () => {
    const variables = githubOidcEnv(server, 'runner-request-token');
    const saved = { url: process.env.ACTIONS_ID_TOKEN_REQUEST_URL, token: process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN };
    Object.assign(process.env, variables);
    try {
      const core = await import('@actions/core');
      const token = await core.getIDToken('sts.amazonaws.com');
      const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
        aud: string;
        iss: string;
      };
      expect(payload).toMatchObject({ aud: 'sts.amazonaws.com', iss: 'https://token.actions.githubusercontent.com' });
    } finally {
      for (const [key, value] of [
        ['ACTIONS_ID_TOKEN_REQUEST_URL', saved.url],
        ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', saved.token],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('Account', () => {
  it('returns a set alternate contact', async () => {
    const { AlternateContact } = await account.send(
      new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }),
    );
    expect(AlternateContact).toEqual({
      AlternateContactType: 'SECURITY',
      EmailAddress: 'sec@example.com',
      Name: 'Sec Team',
      PhoneNumber: '+1 555 0100',
      Title: 'CISO',
    });
  });

  it('answers ResourceNotFoundException (404) for an unset contact', async () => {
    const error = await errorOf(account.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING' })));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toBe('No contact of the inputted alternate contact type found.');
  });

  it('answers ValidationException for an unknown contact type', async () => {
    const error = await errorOf(
      account.send(new GetAlternateContactCommand({ AlternateContactType: 'LEGAL' as 'BILLING' })),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('applies a put to the live state and later gets', async () => {
    await account.send(
      new PutAlternateContactCommand({
        AlternateContactType: 'BILLING',
        EmailAddress: 'b@example.com',
        Name: 'B',
        PhoneNumber: '+1',
        Title: 'AP',
      }),
    );
    expect(server.account(MANAGEMENT).alternateContacts.BILLING).toEqual({
      name: 'B',
      title: 'AP',
      email: 'b@example.com',
      phone: '+1',
    });
    expect(
      (await account.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING' }))).AlternateContact?.Name,
    ).toBe('B');
  });

  it('shows a put only after the configured number of reads', async () => {
    await start(scenario({ accountReadsBeforeVisible: 2 }));
    await account.send(
      new PutAlternateContactCommand({
        AlternateContactType: 'BILLING',
        EmailAddress: 'b@example.com',
        Name: 'B',
        PhoneNumber: '+1',
        Title: 'AP',
      }),
    );
    for (let read = 0; read < 2; read += 1) {
      expect(
        (await errorOf(account.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING' })))).name,
      ).toBe('ResourceNotFoundException');
    }
    expect(
      (await account.send(new GetAlternateContactCommand({ AlternateContactType: 'BILLING' }))).AlternateContact?.Name,
    ).toBe('B');
  });

  it('reaches a member account from the management account only', async () => {
    const contact = {
      AlternateContactType: 'SECURITY' as const,
      EmailAddress: 's@example.com',
      Name: 'S',
      PhoneNumber: '+1',
      Title: 'T',
      AccountId: MEMBER,
    };
    await account.send(new PutAlternateContactCommand(contact));
    expect(server.account(MEMBER).alternateContacts.SECURITY?.email).toBe('s@example.com');
    const member = await assumedInto(MEMBER);
    const error = await errorOf(
      member.account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: MANAGEMENT })),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it('reads and writes the primary contact information', async () => {
    expect((await errorOf(account.send(new GetContactInformationCommand({})))).name).toBe('ResourceNotFoundException');
    const info = {
      AddressLine1: '1 Main St',
      City: 'Springfield',
      CountryCode: 'US',
      FullName: 'Ops',
      PhoneNumber: '+15550100',
      PostalCode: '12345',
      CompanyName: 'Example',
    };
    await account.send(new PutContactInformationCommand({ ContactInformation: info }));
    expect((await account.send(new GetContactInformationCommand({}))).ContactInformation).toEqual(info);
    expect(server.account(MANAGEMENT).contactInformation).toMatchObject({ fullName: 'Ops', companyName: 'Example' });
  });
});

describe('Organizations', () => {
  it('describes the organization', async () => {
    const { Organization } = await organizations.send(new DescribeOrganizationCommand({}));
    expect(Organization).toMatchObject({ Id: 'o-abcdefghij', MasterAccountId: MANAGEMENT, FeatureSet: 'ALL' });
  });

  it('pages through the accounts with their status', async () => {
    const accounts = [];
    for await (const page of paginateListAccounts({ client: organizations, pageSize: 1 }, {}))
      accounts.push(...(page.Accounts ?? []));
    expect(accounts.map((entry) => [entry.Id, entry.Status, entry.Name])).toEqual([
      [MANAGEMENT, 'ACTIVE', 'management'],
      [MEMBER, 'SUSPENDED', 'workload'],
      [LOCKED, 'ACTIVE', `account-${LOCKED}`],
    ]);
    expect(accounts[0]?.JoinedTimestamp).toBeInstanceOf(Date);
    expect(server.requests.filter((request) => request.operation === 'ListAccounts')).toHaveLength(3);
  });

  it('walks the tree: roots, OUs, accounts for a parent, parents', async () => {
    const { Roots } = await organizations.send(new ListRootsCommand({}));
    expect(Roots?.map((root) => root.Id)).toEqual(['r-ab12']);
    const { OrganizationalUnits } = await organizations.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: 'r-ab12' }),
    );
    expect(OrganizationalUnits).toEqual([
      {
        Id: 'ou-ab12-11111111',
        Name: 'Workloads',
        Arn: `arn:aws:organizations::${MANAGEMENT}:ou/o-abcdefghij/ou-ab12-11111111`,
      },
    ]);
    const { Accounts } = await organizations.send(new ListAccountsForParentCommand({ ParentId: 'ou-ab12-11111111' }));
    expect(Accounts?.map((entry) => entry.Id)).toEqual([MEMBER, LOCKED]);
    const { Parents } = await organizations.send(new ListParentsCommand({ ChildId: MEMBER }));
    expect(Parents).toEqual([{ Id: 'ou-ab12-11111111', Type: 'ORGANIZATIONAL_UNIT' }]);
    expect((await organizations.send(new ListParentsCommand({ ChildId: 'ou-ab12-11111111' }))).Parents).toEqual([
      { Id: 'r-ab12', Type: 'ROOT' },
    ]);
  });

  it('answers the errors Organizations documents', async () => {
    expect(
      (await errorOf(organizations.send(new ListAccountsForParentCommand({ ParentId: 'ou-none-00000000' })))).name,
    ).toBe('ParentNotFoundException');
    expect((await errorOf(organizations.send(new ListParentsCommand({ ChildId: '000000000000' })))).name).toBe(
      'ChildNotFoundException',
    );
    expect((await errorOf(organizations.send(new ListAccountsCommand({ NextToken: 'bogus' })))).name).toBe(
      'InvalidInputException',
    );
    const member = await assumedInto(MEMBER);
    const denied = await errorOf(member.organizations.send(new ListAccountsCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
    expect((await member.organizations.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe(
      MANAGEMENT,
    );
    const outsider = await assumedInto(OUTSIDER);
    expect((await errorOf(outsider.organizations.send(new DescribeOrganizationCommand({})))).name).toBe(
      'AWSOrganizationsNotInUseException',
    );
  });
});

describe('faults', () => {
  it.each([
    ['throttle', 'Throttling', 400],
    ['http429', 'Throttling', 429],
    ['http500', 'ServiceFailureException', 500],
    ['http503', 'ServiceUnavailable', 503],
  ] as const)('IAM %s answers %s (%i)', async (kind, name, status) => {
    await start(scenario({ faults: [{ operation: 'GetAccountSummary', kind }] }));
    const error = await errorOf(iam.send(new GetAccountSummaryCommand({})));
    expect(error.name).toBe(name);
    expect(error.$metadata.httpStatusCode).toBe(status);
  });

  it.each([
    ['throttle', 'TooManyRequestsException', 429],
    ['http429', 'ThrottlingException', 429],
    ['http500', 'InternalServerException', 500],
    ['accessDenied', 'AccessDeniedException', 403],
  ] as const)('Account %s answers %s (%i)', async (kind, name, status) => {
    await start(scenario({ faults: [{ operation: 'GetAlternateContact', kind }] }));
    const error = await errorOf(account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })));
    expect(error.name).toBe(name);
    expect(error.$metadata.httpStatusCode).toBe(status);
  });

  it('Organizations throttle answers TooManyRequestsException', async () => {
    await start(scenario({ faults: [{ operation: 'ListAccounts', kind: 'throttle' }] }));
    expect((await errorOf(organizations.send(new ListAccountsCommand({})))).name).toBe('TooManyRequestsException');
  });

  it('accessDenied names the action like AWS', async () => {
    await start(scenario({ faults: [{ operation: 'GetAccountSummary', kind: 'accessDenied' }] }));
    const error = await errorOf(iam.send(new GetAccountSummaryCommand({})));
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toMatch(
      new RegExp(
        `^User: arn:aws:iam::${MANAGEMENT}:user/baseline-ci is not authorized to perform: iam:GetAccountSummary on resource: \\*`,
      ),
    );
  });

  it('a fault with times hits only the first N requests, so the SDK retry recovers', async () => {
    await start(scenario({ faults: [{ operation: 'GetAccountSummary', kind: 'throttle', times: 1 }] }));
    const retrying = new IAMClient({ ...clientConfig(server), maxAttempts: 2 });
    const { SummaryMap } = await retrying.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap?.AccountMFAEnabled).toBe(1);
    expect(server.requests.map((request) => request.operation)).toEqual(['GetAccountSummary', 'GetAccountSummary']);
  });

  it('an account fault hits only that account', async () => {
    const options = scenario();
    const memberFixture = options.accounts[1];
    if (memberFixture) memberFixture.faults = [{ operation: 'GetAccountSummary', kind: 'accessDenied' }];
    await start(options);
    await iam.send(new GetAccountSummaryCommand({}));
    const member = await assumedInto(MEMBER);
    expect((await errorOf(member.iam.send(new GetAccountSummaryCommand({})))).name).toBe('AccessDenied');
  });

  it('reset destroys the socket and malformed breaks the body', async () => {
    await start(
      scenario({
        faults: [
          { operation: 'GetAccountSummary', kind: 'reset' },
          { operation: 'GetAccountPasswordPolicy', kind: 'malformed' },
        ],
      }),
    );
    const reset = await errorOf(iam.send(new GetAccountSummaryCommand({})));
    expect(reset.$metadata.httpStatusCode).toBeUndefined();
    const malformed = await errorOf(iam.send(new GetAccountPasswordPolicyCommand({})));
    expect(malformed.name).not.toBe('NoSuchEntityException');
    await start(scenario({ faults: [{ operation: 'ListAccounts', kind: 'malformed' }] }));
    await expect(organizations.send(new ListAccountsCommand({}))).rejects.toThrow();
  });

  it('emptyBody and html: the IAM/STS SDK reads an empty output without an error, the Account SDK fails on HTML', async () => {
    await start(
      scenario({
        faults: [
          { operation: 'ListVirtualMFADevices', kind: 'emptyBody' },
          { operation: 'GetCallerIdentity', kind: 'html' },
          { operation: 'GetAlternateContact', kind: 'html' },
        ],
      }),
    );
    const { $metadata: _listMetadata, ...list } = await iam.send(new ListVirtualMFADevicesCommand({}));
    expect(list).toEqual({});
    const { $metadata: _identityMetadata, ...identity } = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity).toEqual({});
    expect(
      (await errorOf(account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })))).message,
    ).toContain('is not valid JSON');
    await start(scenario({ faults: [{ operation: 'GetContactInformation', kind: 'emptyBody' }] }));
    const { $metadata: _infoMetadata, ...info } = await account.send(new GetContactInformationCommand({}));
    expect(info).toEqual({});
  });

  it('missingField drops an XML element, a SummaryMap entry or a JSON key, and refuses a field the answer lacks', async () => {
    await start(
      scenario({
        faults: [
          { operation: 'GetAccountPasswordPolicy', kind: 'missingField', field: 'RequireSymbols' },
          { operation: 'GetAccountSummary', kind: 'missingField', field: 'AccountMFAEnabled' },
          { operation: 'GetAlternateContact', kind: 'missingField', field: 'EmailAddress' },
          { operation: 'GetCallerIdentity', kind: 'missingField', field: 'NoSuchField' },
        ],
      }),
    );
    const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(PasswordPolicy).toEqual(
      expect.objectContaining({ MinimumPasswordLength: STRICT_POLICY.minimumPasswordLength, RequireNumbers: true }),
    );
    expect(PasswordPolicy).not.toHaveProperty('RequireSymbols');
    const { SummaryMap } = await iam.send(new GetAccountSummaryCommand({}));
    expect(SummaryMap).toEqual({ AccountAccessKeysPresent: 0, Users: 2 });
    const { AlternateContact } = await account.send(
      new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }),
    );
    expect(AlternateContact).toEqual({
      AlternateContactType: 'SECURITY',
      Name: 'Sec Team',
      Title: 'CISO',
      PhoneNumber: '+1 555 0100',
    });
    const fixtureError = await errorOf(sts.send(new GetCallerIdentityCommand({})));
    expect([fixtureError.$metadata.httpStatusCode, fixtureError.message]).toEqual([
      500,
      'aws-server fixture error: missingField: the answer has no NoSuchField',
    ]);
  });

  it('truncatedNoMarker says there is more without a Marker', async () => {
    await start(scenario({ faults: [{ operation: 'ListVirtualMFADevices', kind: 'truncatedNoMarker' }] }));
    const page = await iam.send(new ListVirtualMFADevicesCommand({}));
    expect(page.IsTruncated).toBe(true);
    expect(page.Marker).toBeUndefined();
    expect(page.VirtualMFADevices).toHaveLength(3);
  });

  it('skip lets the first requests through, then the fault applies', async () => {
    await start(scenario({ faults: [{ operation: 'GetAccountSummary', kind: 'accessDenied', skip: 1, times: 1 }] }));
    await iam.send(new GetAccountSummaryCommand({}));
    expect((await errorOf(iam.send(new GetAccountSummaryCommand({})))).name).toBe('AccessDenied');
    await iam.send(new GetAccountSummaryCommand({}));
  });

  it.each([
    ['with Content-Length', false],
    ['chunked', true],
  ])('oversized streams a GetCredentialReport answer of the given size, %s', async (_name, chunked) => {
    const bytes = 1024 * 1024;
    await start(scenario({ faults: [{ operation: 'GetCredentialReport', kind: 'oversized', bytes, chunked }] }));
    const { Content, ReportFormat } = await iam.send(new GetCredentialReportCommand({}));
    expect(ReportFormat).toBe('text/csv');
    expect(Content?.length).toBeGreaterThan(700 * 1024);
    expect(server.requests[0]?.responseBytes).toBe(bytes);
  });

  it('slow holds the answer back, so a client request timeout fires', async () => {
    await start(scenario({ faults: [{ operation: 'GetCallerIdentity', kind: 'slow', delayMs: 3000 }] }));
    const impatient = new STSClient({
      ...clientConfig(server),
      requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
    });
    expect((await errorOf(impatient.send(new GetCallerIdentityCommand({})))).name).toBe('TimeoutError');
  });
});

describe('plumbing', () => {
  it('answers an unsigned IAM request with MissingAuthenticationToken', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetAccountSummary&Version=2010-05-08',
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });

  it('reset() restores the fixtures and forgets requests', async () => {
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 6 }));
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect(server.account(MANAGEMENT).passwordPolicy).toEqual(STRICT_POLICY);
  });

  it('awsEnv gives a child the endpoint, dummy keys and no profile', () => {
    const env = awsEnv(server, { AWS_REGION: 'eu-west-1' });
    expect(env).toMatchObject({
      AWS_ENDPOINT_URL: server.url,
      AWS_REGION: 'eu-west-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(env).not.toHaveProperty('AWS_PROFILE');
  });

  it('is reached through AWS_ENDPOINT_URL by a client without endpoint config', async () => {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts'; const r = await new STSClient({}).send(new GetCallerIdentityCommand({})); console.log(r.Account);",
      ],
      { env: { PATH: process.env.PATH ?? '', ...awsEnv(server) }, cwd: process.cwd() },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(MANAGEMENT);
  });

  it('runs as a CLI from a scenario file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aws-server-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify({ accounts: [{ accountId: OUTSIDER }] }));
    const child = spawn(process.execPath, ['test/support/aws-server.mjs', file], {
      env: { PATH: process.env.PATH ?? '' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const identity = await new STSClient({ endpoint: url, region: 'us-east-1', credentials: AMBIENT }).send(
        new GetCallerIdentityCommand({}),
      );
      expect(identity.Account).toBe(OUTSIDER);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
