/**
 * The real SDK clients against the local AWS-protocol server: proves the standard environment is honoured
 * (service-specific endpoints, region fallback) and that real wire errors map as the unit tests assume.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { AwsConnection, regionProvider } from '../../src/state/aws-clients.js';
import { collectFullState } from '../../src/state/collect.js';
import { assumeRoleWithWebIdentity } from '../../src/state/credentials.js';
import { AccountUnreadableError } from '../../src/errors.js';
import { startAwsServer, type AwsServer } from '../support/aws-server.mjs';
import { iamUserRow, rootAccountRow } from '../support/credential-report-csv.mjs';

const ACCOUNT = '111122223333';
const NOW = new Date('2026-11-26T12:00:00Z');
const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' };
const AWS_VARIABLES = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_ACCOUNT',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_SDK_UA_APP_ID',
];
const savedEnv = Object.fromEntries(AWS_VARIABLES.map((name) => [name, process.env[name]]));

let server: AwsServer;
let configDir: string;

beforeAll(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'aab-state-'));
  server = await startAwsServer({
    accounts: [
      {
        accountId: ACCOUNT,
        passwordPolicy: null,
        alternateContacts: {
          SECURITY: { name: 'Sec', title: 'CISO', email: 'security@example.com', phone: '+1 555 0102' },
        },
        credentialReport: { rows: [rootAccountRow(ACCOUNT), iamUserRow(ACCOUNT, 'alice')] },
        virtualMfaDevices: [
          { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root`, userArn: `arn:aws:iam::${ACCOUNT}:root` },
        ],
        faults: [
          { operation: 'GetAccountSummary', kind: 'throttle', times: 2 },
          { operation: 'GetContactInformation', kind: 'accessDenied' },
        ],
      },
    ],
    oidc: { requestToken: 'runner-token', trustRejects: [`arn:aws:iam::${ACCOUNT}:role/untrusting`] },
  });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.reset();
  for (const name of AWS_VARIABLES) delete process.env[name];
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  process.env['AWS_CONFIG_FILE'] = join(configDir, 'missing-config');
  process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(configDir, 'missing-credentials');
});

afterEach(() => {
  for (const name of AWS_VARIABLES) {
    const value = savedEnv[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('regionProvider', () => {
  it('falls back to us-east-1 when nothing is configured', async () => {
    expect(await regionProvider()()).toBe('us-east-1');
  });

  it('reads AWS_DEFAULT_REGION, which the SDK alone ignores', async () => {
    process.env['AWS_DEFAULT_REGION'] = 'eu-west-1';
    expect(await regionProvider()()).toBe('eu-west-1');
  });

  it('prefers AWS_REGION over AWS_DEFAULT_REGION', async () => {
    process.env['AWS_DEFAULT_REGION'] = 'eu-west-1';
    process.env['AWS_REGION'] = 'eu-central-1';
    expect(await regionProvider()()).toBe('eu-central-1');
  });

  it("reads the region of AWS_PROFILE's profile", async () => {
    const configFile = join(configDir, 'config-with-profile');
    await writeFile(configFile, '[profile audit]\nregion = ap-south-1\n');
    process.env['AWS_CONFIG_FILE'] = configFile;
    process.env['AWS_PROFILE'] = 'audit';
    expect(await regionProvider()()).toBe('ap-south-1');
  });
});

describe('AwsConnection clients + collectFullState on the wire', () => {
  it('honours AWS_ENDPOINT_URL_IAM/_STS/_ACCOUNT over AWS_ENDPOINT_URL and maps every real answer', async () => {
    process.env['AWS_ENDPOINT_URL'] = 'http://127.0.0.1:9'; // nothing listens: only the specific variables can work
    process.env['AWS_ENDPOINT_URL_IAM'] = server.url;
    process.env['AWS_ENDPOINT_URL_STS'] = server.url;
    process.env['AWS_ENDPOINT_URL_ACCOUNT'] = server.url;
    const aws = new AwsConnection({ credentials });
    try {
      const state = await collectFullState(aws.clients(), NOW, { sleep: () => Promise.resolve() });
      expect(state.identity).toEqual({
        ok: true,
        value: { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/baseline-ci` },
      });
      // NoSuchEntity (404 XML) -> no policy
      expect(state.passwordPolicy).toEqual({ ok: true, value: null });
      // Two Throttling answers retried by the SDK (adaptive mode), then read.
      expect(state.accountSummary?.ok).toBe(true);
      expect(server.requests.filter((request) => request.operation === 'GetAccountSummary')).toHaveLength(3);
      // ReportNotPresent (410) -> generated and read.
      expect(state.credentialReport?.ok && state.credentialReport.value.rows.map((row) => row.user)).toEqual([
        '<root_account>',
        'alice',
      ]);
      expect(state.virtualMfaDevices).toEqual({
        ok: true,
        value: [expect.objectContaining({ userArn: `arn:aws:iam::${ACCOUNT}:root` })],
      });
      // ResourceNotFoundException (REST-JSON 404) -> unset; AccessDeniedException (403) -> AccessDenied with the action.
      expect(state.alternateContacts?.BILLING).toEqual({ ok: true, value: null });
      expect(state.alternateContacts?.SECURITY?.ok).toBe(true);
      expect(state.contactInformation).toEqual({
        ok: false,
        error: {
          code: 'AccessDenied',
          message: expect.stringContaining('GetContactInformation'),
          action: 'account:GetContactInformation',
        },
      });
    } finally {
      aws.destroy();
    }
  });

  it('maps AccessDenied as IAM sends it (query XML, 403)', async () => {
    const deniedServer = await startAwsServer({
      accounts: [{ accountId: ACCOUNT, faults: [{ operation: 'GetAccountSummary', kind: 'accessDenied' }] }],
    });
    process.env['AWS_ENDPOINT_URL'] = deniedServer.url;
    const aws = new AwsConnection({ credentials });
    try {
      const state = await collectFullState(aws.clients(), NOW, { sleep: () => Promise.resolve() });
      expect(state.accountSummary).toEqual({
        ok: false,
        error: {
          code: 'AccessDenied',
          message: expect.stringContaining('iam:GetAccountSummary'),
          action: 'iam:GetAccountSummary',
        },
      });
      expect(state.passwordPolicy?.ok).toBe(true);
    } finally {
      aws.destroy();
      await deniedServer.close();
    }
  });
});

describe('one AwsConnection per run', () => {
  it("builds the run's clients once and reuses one keep-alive connection across clients and credentials", async () => {
    process.env['AWS_ENDPOINT_URL'] = server.url;
    const aws = new AwsConnection({ credentials });
    try {
      expect(aws.clients()).toBe(aws.clients());
      const member = aws.createClients({ accessKeyId: 'AKIAMEMBEREXAMPLE000', secretAccessKey: 'member-secret' });
      const before = server.connections;
      // One call after another: each finds the previous call's socket idle in the shared agent.
      await aws.clients().sts.send(new GetCallerIdentityCommand({}));
      await member.sts.send(new GetCallerIdentityCommand({}));
      await aws.createStsClient().send(new GetCallerIdentityCommand({}));
      expect(server.connections - before).toBe(1);
    } finally {
      aws.destroy();
    }
  });

  it("hands every client of the run the SDK's own settings, from the environment and the profile", async () => {
    process.env['AWS_USE_FIPS_ENDPOINT'] = 'true';
    process.env['AWS_SDK_UA_APP_ID'] = 'baseline-test';
    process.env['AWS_CONFIG_FILE'] = join(configDir, 'settings-config');
    await writeFile(process.env['AWS_CONFIG_FILE'], '[default]\nuse_dualstack_endpoint = true\nregion = eu-north-1\n');
    const aws = new AwsConnection({ credentials });
    try {
      const { iam, account } = aws.clients();
      const member = aws.createClients({ accessKeyId: 'AKIAMEMBEREXAMPLE000', secretAccessKey: 'member-secret' });
      for (const client of [iam, account, member.sts, aws.createStsClient()]) {
        expect(await client.config.useFipsEndpoint()).toBe(true);
        expect(await client.config.useDualstackEndpoint()).toBe(true);
        expect(await client.config.userAgentAppId()).toBe('baseline-test');
        expect(await client.config.region()).toBe('eu-north-1');
      }
    } finally {
      aws.destroy();
    }
  });

  it("resolves the default credential chain once for all the run's clients, not once per client", async () => {
    process.env['AWS_ENDPOINT_URL'] = server.url;
    // credential_process runs once per resolution: each run of it leaves a line in `runs`.
    const runs = join(configDir, 'credential-process-runs');
    const script = join(configDir, 'credential-process.sh');
    await writeFile(
      script,
      `#!/bin/sh\necho run >> '${runs}'\n` +
        `echo '{"Version":1,"AccessKeyId":"${credentials.accessKeyId}","SecretAccessKey":"${credentials.secretAccessKey}"}'\n`,
      { mode: 0o755 },
    );
    process.env['AWS_CONFIG_FILE'] = join(configDir, 'process-config');
    await writeFile(process.env['AWS_CONFIG_FILE'], `[default]\ncredential_process = ${script}\n`);
    const aws = new AwsConnection({ region: 'us-east-1' });
    try {
      const { iam, sts, account } = aws.clients();
      await Promise.all([
        sts.send(new GetCallerIdentityCommand({})),
        iam.send(new GetAccountSummaryCommand({})),
        account.send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' })),
      ]);
      expect((await readFile(runs, 'utf8')).trim().split('\n')).toEqual(['run']);
    } finally {
      aws.destroy();
    }
  });

  it('does not share sockets between two connections (the control of the test above)', async () => {
    process.env['AWS_ENDPOINT_URL'] = server.url;
    const before = server.connections;
    const connections = [new AwsConnection({ credentials }), new AwsConnection({ credentials })];
    try {
      for (const aws of connections) await aws.clients().sts.send(new GetCallerIdentityCommand({}));
      expect(server.connections - before).toBe(2);
    } finally {
      for (const aws of connections) aws.destroy();
    }
  });
});

describe('assumeRoleWithWebIdentity on the wire', () => {
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/baseline-readonly`;
  let sts: AwsConnection;
  beforeEach(() => {
    sts = new AwsConnection();
  });
  afterEach(() => sts.destroy());

  it('exchanges the OIDC token for credentials', async () => {
    process.env['AWS_ENDPOINT_URL_STS'] = server.url;
    const token = server.issueIdToken('sts.amazonaws.com');
    const identity = await assumeRoleWithWebIdentity({
      webIdentityToken: token,
      roleArn,
      sessionName: 'run-1',
      sts: sts.createStsClient(),
    });
    expect(identity.accessKeyId).toMatch(/^ASIA/);
    expect(identity.sessionToken).toBeTruthy();
    expect(server.requests.find((request) => request.operation === 'AssumeRoleWithWebIdentity')?.params).toMatchObject({
      RoleArn: roleArn,
      RoleSessionName: 'run-1',
    });
  });

  it('explains a wrong audience in one line with the fix', async () => {
    process.env['AWS_ENDPOINT_URL_STS'] = server.url;
    const token = server.issueIdToken('sigstore');
    const call = assumeRoleWithWebIdentity({
      webIdentityToken: token,
      roleArn,
      sessionName: 'run-1',
      audience: 'sigstore',
      sts: sts.createStsClient(),
    });
    await expect(call).rejects.toThrow(AccountUnreadableError);
    await expect(call).rejects.toThrow(/InvalidIdentityToken.*Fix: /);
    await expect(call).rejects.not.toThrow(token);
  });

  it('explains a trust policy that rejects the token', async () => {
    process.env['AWS_ENDPOINT_URL_STS'] = server.url;
    const token = server.issueIdToken('sts.amazonaws.com');
    const call = assumeRoleWithWebIdentity({
      webIdentityToken: token,
      roleArn: `arn:aws:iam::${ACCOUNT}:role/untrusting`,
      sessionName: 'run-1',
      sts: sts.createStsClient(),
    });
    await expect(call).rejects.toThrow(/its trust policy does not accept this token \(sub "repo:octo-org\/octo-repo/);
  });
});
