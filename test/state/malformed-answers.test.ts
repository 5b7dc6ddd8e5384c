/**
 * Malformed answers, every source: the real SDK clients (built by src/state/aws-clients.ts) against the local
 * AWS server in this process, through `apply`. Each answer is an HTTP 200 that cannot be believed: an empty
 * body, an HTML page, a body cut off, a field AWS always sends missing, a list truncated without a Marker, a
 * report without its root row or too large to read. Each case asserts `error` for exactly the controls that
 * source feeds (the others end as in the run without faults), and that no write based on it is sent while the
 * writes based on other sources still go out.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRemediation, type RemediationResult } from '../../src/remediate/run.js';
import { AccountUnreadableError } from '../../src/errors.js';
import { AwsConnection } from '../../src/state/aws-clients.js';
import type { AccountFixture, AwsOperation, AwsServer, Fault } from '../support/aws-server.mjs';
import { startAwsServer } from '../support/aws-server.mjs';
import { credentialReportCsv } from '../support/credential-report-csv.mjs';
import { ACCOUNT_ID, POLICY_YAML, compliantAccount, statusesByControl } from '../e2e/faults-fixture.js';

/** The fault fixture's policy, asking for a longer password and a different security contact: apply writes both. */
const policyFile = join(mkdtempSync(join(tmpdir(), 'aab-malformed-')), 'policy.yml');
writeFileSync(
  policyFile,
  POLICY_YAML.replace('minimumLength: 14', 'minimumLength: 16').replace(
    'security: { required: true }',
    'security: { required: true, name: "Security Team", title: "CISO", email: "security@example.com", phone: "+1 206 555 0100" }',
  ),
);

const WRITES: ReadonlySet<string> = new Set([
  'UpdateAccountPasswordPolicy',
  'PutAlternateContact',
  'DeleteAccountPasswordPolicy',
  'DeleteAlternateContact',
  'PutContactInformation',
]);
const BOTH_WRITES = ['PutAlternateContact', 'UpdateAccountPasswordPolicy'];

const PASSWORD = [
  'passwordPolicy.exists',
  'passwordPolicy.minimumLength',
  'passwordPolicy.requireSymbols',
  'passwordPolicy.maxAgeDays',
];
const SUMMARY = ['root.accessKeys', 'root.mfa'];
const REPORT = [
  'root.signingCertificates',
  'root.maxDaysSinceLastUse',
  'iamUsers.consoleMfa',
  'iamUsers.maxActiveAccessKeys',
  'iamUsers.maxAccessKeyAgeDays',
  'iamUsers.maxUnusedCredentialDays',
];
const CONTACTS = ['contacts.billing', 'contacts.operations', 'contacts.security'];

const ENV_NAMES = [
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_PROFILE',
];
const savedEnv = Object.fromEntries(ENV_NAMES.map((name) => [name, process.env[name]]));

let server: AwsServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const name of ENV_NAMES) {
    const value = savedEnv[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

async function start(faults: Fault[], account: AccountFixture = compliantAccount()): Promise<AwsServer> {
  server = await startAwsServer({
    accounts: [account],
    faults,
    // An organization with features, so ListOrganizationsFeatures answers (and can be malformed).
    organization: {
      id: 'o-abcdefghij',
      masterAccountId: ACCOUNT_ID,
      rootFeatures: ['RootCredentialsManagement'],
      roots: [{ id: 'r-ab12', accounts: [ACCOUNT_ID] }],
    },
  });
  for (const name of ENV_NAMES) delete process.env[name];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: server.url,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  });
  return server;
}

async function apply(mode: 'plan' | 'apply' = 'apply'): Promise<RemediationResult> {
  // One attempt: a 200 is not retried anyway, and a fixture error (500) should fail fast.
  const aws = new AwsConnection({
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'example' },
    maxAttempts: 1,
  });
  try {
    return await runRemediation({
      mode,
      policyFile,
      now: new Date(),
      redact: 'off',
      env: {},
      aws,
      apply: { sleep: () => Promise.resolve(), readBackAttempts: 2 },
    });
  } finally {
    aws.destroy();
  }
}

function writesSent(running: AwsServer): string[] {
  return running.requests
    .filter((request) => WRITES.has(request.operation))
    .map((request) => request.operation)
    .sort();
}

/** The statuses without faults: after apply's writes, and before them (plan). */
const baseline: Record<'plan' | 'apply', Record<string, string[]>> = { plan: {}, apply: {} };

beforeAll(async () => {
  const running = await start([]);
  baseline.plan = statusesByControl((await apply('plan')).report.findings);
  expect(writesSent(running)).toEqual([]);
  const result = await apply();
  baseline.apply = statusesByControl(result.report.findings);
  // The run without faults writes both targets, so each "not written" below can fail.
  expect(writesSent(running)).toEqual(BOTH_WRITES);
  expect(result.applied?.ok).toBe(true);
  expect(result.report.summary.error).toBe(0);
  expect(result.check.state.organizationsFeatures?.ok).toBe(true);
  await running.close();
  server = undefined;
});

interface MalformedCase {
  faults: Fault[];
  /** Controls whose every finding must be `error`. */
  affected: string[];
  /** The writes still sent (those not based on the malformed source). */
  writes: string[];
  /** In every affected finding's message. */
  cause: string;
  account?: AccountFixture;
  /** `plan` when the findings to judge are those of the first check (apply reports the check after its writes). */
  mode?: 'plan' | 'apply';
}

async function expectMalformed({
  faults,
  affected,
  writes,
  cause,
  account,
  mode,
}: MalformedCase): Promise<RemediationResult> {
  const running = await start(faults, account);
  const result = await apply(mode);
  const statuses = statusesByControl(result.report.findings);
  const errors = result.report.findings.filter((finding) => finding.status === 'error');
  expect([...new Set(errors.map((finding) => finding.control))].sort()).toEqual([...affected].sort());
  for (const finding of errors) expect(finding.message).toContain(cause);
  for (const control of affected) expect(statuses[control]?.every((status) => status === 'error')).toBe(true);
  const others = Object.fromEntries(Object.entries(statuses).filter(([control]) => !affected.includes(control)));
  const expectedOthers = Object.fromEntries(
    Object.entries(baseline[mode ?? 'apply']).filter(([control]) => !affected.includes(control)),
  );
  expect(others).toEqual(expectedOthers);
  expect(writesSent(running)).toEqual(writes);
  return result;
}

/** Every source with the controls it feeds and the writes left when it is unreadable. */
const SOURCES: Array<[AwsOperation, Omit<MalformedCase, 'faults' | 'cause'> & { fields: string[] }]> = [
  [
    'GetAccountPasswordPolicy',
    {
      affected: PASSWORD,
      writes: ['PutAlternateContact'],
      fields: [
        'PasswordPolicy',
        'MinimumPasswordLength',
        'RequireSymbols',
        'RequireNumbers',
        'RequireUppercaseCharacters',
        'RequireLowercaseCharacters',
        'AllowUsersToChangePassword',
      ],
    },
  ],
  [
    'GetAccountSummary',
    { affected: SUMMARY, writes: BOTH_WRITES, fields: ['SummaryMap', 'AccountMFAEnabled', 'AccountAccessKeysPresent'] },
  ],
  [
    'ListVirtualMFADevices',
    {
      affected: ['root.mfa'],
      writes: BOTH_WRITES,
      fields: ['VirtualMFADevices', 'IsTruncated', 'SerialNumber', 'Arn'],
    },
  ],
  ['GetCredentialReport', { affected: REPORT, writes: BOTH_WRITES, fields: ['Content', 'GeneratedTime'] }],
  [
    'GetAlternateContact',
    {
      affected: CONTACTS,
      writes: ['UpdateAccountPasswordPolicy'],
      fields: ['AlternateContact', 'Name', 'Title', 'EmailAddress', 'PhoneNumber'],
    },
  ],
  [
    'GetContactInformation',
    {
      affected: ['contacts.primary'],
      writes: BOTH_WRITES,
      fields: ['ContactInformation', 'FullName', 'PhoneNumber', 'AddressLine1', 'City', 'CountryCode', 'PostalCode'],
    },
  ],
  // Context for the root controls only when the root user has no credentials: unreadable, nothing changes.
  ['ListOrganizationsFeatures', { affected: [], writes: BOTH_WRITES, fields: ['EnabledFeatures'] }],
];

const BODY_KINDS = ['emptyBody', 'html', 'malformed'] as const;

describe.each(SOURCES)('%s', (operation, source) => {
  test.each(BODY_KINDS)('a 200 with %s', async (kind) => {
    const result = await expectMalformed({ ...source, faults: [{ operation, kind }], cause: 'MalformedResponse' });
    if (operation === 'ListOrganizationsFeatures') {
      expect(result.check.state.organizationsFeatures).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'MalformedResponse' }),
      });
    }
  });

  test.each(source.fields)('an answer without %s', async (field) => {
    await expectMalformed({
      ...source,
      faults: [{ operation, kind: 'missingField', field }],
      cause: `MalformedResponse: `,
    });
  });
});

describe('the credential report, beyond its fields', () => {
  const report = SOURCES.find(([operation]) => operation === 'GetCredentialReport')?.[1];
  if (!report) throw new Error('no GetCredentialReport source');

  test.each([...BODY_KINDS, 'missingField'] as const)('GenerateCredentialReport answering %s', async (kind) => {
    const fault: Fault =
      kind === 'missingField'
        ? { operation: 'GenerateCredentialReport', kind, field: 'State' }
        : { operation: 'GenerateCredentialReport', kind };
    // No report yet: the check must generate one. Its request may still start a report that a later read finds,
    // so the findings to judge are the first check's: plan's (which sends no write at all).
    await expectMalformed({
      ...report,
      faults: [fault],
      writes: [],
      mode: 'plan',
      cause: 'MalformedResponse',
      account: compliantAccount({ freshReport: false }),
    });
  });

  test('a report without the <root_account> row (a header alone) is malformed: the user controls do not pass with zero users', async () => {
    const account: AccountFixture = {
      ...compliantAccount(),
      credentialReport: { csv: credentialReportCsv([]), generatedAt: new Date(Date.now() - 60_000).toISOString() },
    };
    await expectMalformed({
      ...report,
      faults: [],
      account,
      cause: 'MalformedCredentialReport: the credential report has no <root_account> row, which every report has',
    });
  });

  test.each<[string, boolean, number, 'plan' | 'apply', string]>([
    [
      'declares a size beyond the cap: refused from the headers',
      false,
      33 * 1024 * 1024,
      'apply',
      'is 33 MiB (Content-Length), above the 32 MiB cap: refused unread',
    ],
    // plan: one read of 32 MiB is enough to show the cut (apply would read again after its writes).
    [
      'streams beyond the cap without a Content-Length: cut off at the cap',
      true,
      256 * 1024 * 1024,
      'plan',
      'went past the 32 MiB cap: stopped reading',
    ],
  ])('an answer that %s', async (_name, chunked, bytes, mode, message) => {
    await expectMalformed({
      ...report,
      mode,
      writes: mode === 'plan' ? [] : report.writes,
      faults: [{ operation: 'GetCredentialReport', kind: 'oversized', bytes, chunked }],
      cause: `ResponseTooLarge: the GetCredentialReport answer ${message}`,
    });
    const sent =
      server?.requests
        .filter((request) => request.operation === 'GetCredentialReport')
        .map((request) => request.responseBytes ?? 0) ?? [];
    // Read once per check (a refused answer is not retried), and never to the end.
    expect(sent).toHaveLength(mode === 'plan' ? 1 : 2);
    for (const written of sent) expect(written).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('lists', () => {
  test('ListVirtualMFADevices with IsTruncated and no Marker: root.mfa hardware is error, not pass', async () => {
    await expectMalformed({
      faults: [{ operation: 'ListVirtualMFADevices', kind: 'truncatedNoMarker' }],
      affected: ['root.mfa'],
      writes: BOTH_WRITES,
      cause: 'MalformedResponse: iam:ListVirtualMFADevices answered IsTruncated = true without a Marker',
    });
  });
});

describe('GetCallerIdentity', () => {
  test.each<[string, Fault]>([
    ['an empty body', { operation: 'GetCallerIdentity', kind: 'emptyBody' }],
    ['an HTML page', { operation: 'GetCallerIdentity', kind: 'html' }],
    ['a cut-off body', { operation: 'GetCallerIdentity', kind: 'malformed' }],
    ['no Account', { operation: 'GetCallerIdentity', kind: 'missingField', field: 'Account' }],
    ['no Arn', { operation: 'GetCallerIdentity', kind: 'missingField', field: 'Arn' }],
  ])('%s: the account is unreadable, the run stops and nothing is written', async (_name, fault) => {
    const running = await start([fault]);
    await expect(apply()).rejects.toThrow(AccountUnreadableError);
    await expect(apply()).rejects.toThrow(
      /^cannot read the account: MalformedResponse: sts:GetCallerIdentity answered /,
    );
    expect(writesSent(running)).toEqual([]);
  });
});
