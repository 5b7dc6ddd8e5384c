/**
 * Fault injection: the CLI, in this process with the real SDK clients (faults-fixture.ts), against the local AWS
 * server with one fault at a time. Each case states the outcome: retried to success (every control passes), or
 * `error` findings for exactly the controls whose data the faulty operation feeds, with the cause in the message,
 * while every other control still passes. Never `pass` for what could not be read.
 */
import { startAwsServer, type AwsOperation, type AwsServer, type Fault } from '../support/aws-server.mjs';
import {
  ACCOUNT_ID,
  CALLER_ARN,
  allPass,
  compliantAccount,
  describeFindings,
  runCheck,
  statusesByControl,
  unaffectedControls,
  writePolicy,
} from './faults-fixture.js';

const policyFile = writePolicy();

/** Sources -> the controls they feed (from the controls' code; the root controls also use the summary). */
const PASSWORD_CONTROLS = [
  'passwordPolicy.exists',
  'passwordPolicy.minimumLength',
  'passwordPolicy.requireSymbols',
  'passwordPolicy.maxAgeDays',
];
const CONTACT_CONTROLS = ['contacts.billing', 'contacts.operations', 'contacts.security'];
const USER_CONTROLS = [
  'iamUsers.consoleMfa',
  'iamUsers.maxActiveAccessKeys',
  'iamUsers.maxAccessKeyAgeDays',
  'iamUsers.maxUnusedCredentialDays',
];
const ROOT_REPORT_CONTROLS = ['root.signingCertificates', 'root.maxDaysSinceLastUse'];

async function withServer<T>(faults: Fault[], body: (server: AwsServer) => Promise<T>, freshReport = true): Promise<T> {
  const server = await startAwsServer({ accounts: [compliantAccount({ freshReport })], faults });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

function callsTo(server: AwsServer, operation: AwsOperation): number {
  return server.requests.filter((request) => request.operation === operation).length;
}

let baseline: Record<string, string[]>;

beforeAll(async () => {
  baseline = await withServer([], async (server) =>
    statusesByControl((await runCheck(server, policyFile)).report.findings),
  );
});

test('without faults every control of the fixture passes (the baseline the other cases compare with)', () => {
  expect(baseline).toEqual(allPass(baseline));
  expect(Object.keys(baseline).sort()).toEqual(
    [
      'account.id',
      ...PASSWORD_CONTROLS,
      'root.mfa',
      'root.accessKeys',
      'root.signingCertificates',
      'root.maxDaysSinceLastUse',
      ...CONTACT_CONTROLS,
      'contacts.primary',
      ...USER_CONTROLS,
    ].sort(),
  );
});

describe('transient faults are retried to success', () => {
  // [name, fault, env, calls the operation receives: the fault's hits plus the successful calls]
  test.each<[string, Fault, Record<string, string>, number]>([
    ['HTTP 400 Throttling (IAM query)', { operation: 'GetAccountSummary', kind: 'throttle', times: 2 }, {}, 3],
    // Three calls (one per contact type) share the two throttled answers.
    [
      'HTTP 429 TooManyRequestsException (Account REST-JSON)',
      { operation: 'GetAlternateContact', kind: 'throttle', times: 2 },
      {},
      5,
    ],
    ['HTTP 429 Throttling (IAM query)', { operation: 'GetAccountPasswordPolicy', kind: 'http429', times: 2 }, {}, 3],
    ['HTTP 500 ServiceFailure', { operation: 'GetCredentialReport', kind: 'http500', times: 1 }, {}, 2],
    ['HTTP 503 ServiceUnavailable', { operation: 'GetContactInformation', kind: 'http503', times: 1 }, {}, 2],
    ['a connection reset', { operation: 'GetCallerIdentity', kind: 'reset', times: 1 }, {}, 2],
    [
      'an answer slower than the request timeout',
      // 2 s per attempt: every other answer of the run must come within it, on a busy machine too.
      { operation: 'ListVirtualMFADevices', kind: 'slow', delayMs: 30_000, times: 1 },
      { AAB_REQUEST_TIMEOUT_MS: '2000' },
      2,
    ],
  ])('%s', async (_name, fault, env, calls) => {
    await withServer([fault], async (server) => {
      const run = await runCheck(server, policyFile, [], env);
      expect(statusesByControl(run.report.findings)).toEqual(baseline);
      expect(run.report.summary.error).toBe(0);
      expect(run.code).toBe(0);
      expect(callsTo(server, fault.operation as AwsOperation)).toBe(calls);
    });
  });
});

/** The `control|resource|status|message` lines of the `error` findings a source's failure must give. */
const PASSWORD = (cause: string): string[] =>
  PASSWORD_CONTROLS.map((control) => `${control}|account|error|Could not read the IAM password policy: ${cause}.`);
const SUMMARY = (cause: string): string[] => [
  `root.accessKeys|root|error|Could not read the IAM account summary (to rule out inactive root keys): ${cause}.`,
  `root.mfa|root|error|Could not read the IAM account summary: ${cause}.`,
];
const MFA_DEVICES = (cause: string): string[] => [
  `root.mfa|root|error|Could not read the virtual MFA devices (to tell virtual from hardware MFA): ${cause}.`,
];
// root.mfa still passes: GetAccountSummary is authoritative for MFA, the report only tells "no credentials at all".
const REPORT = (cause: string): string[] => [
  ...ROOT_REPORT_CONTROLS.map((control) => `${control}|root|error|Could not read the credential report: ${cause}.`),
  ...USER_CONTROLS.map((control) => `${control}|iam-users|error|Could not read the credential report: ${cause}.`),
];
const CONTACTS = (cause: string): string[] =>
  ['BILLING', 'OPERATIONS', 'SECURITY'].map(
    (type) =>
      `contacts.${type.toLowerCase()}|contact:${type}|error|Could not read the ${type} alternate contact: ${cause}.`,
  );
const PRIMARY = (cause: string): string[] => [
  `contacts.primary|contact:PRIMARY|error|Could not read the primary contact information: ${cause}.`,
];

interface ErrorCase {
  faults: Fault[];
  expected: string[];
  env?: Record<string, string>;
  freshReport?: boolean;
  /** Through the built CLI (see runCheck). */
  bundle?: boolean;
}

/** Exactly `expected` as errors, every other control passes, and the run fails closed (exit 1). */
async function expectErrors({
  faults,
  expected,
  env = {},
  freshReport = true,
  bundle = false,
}: ErrorCase): Promise<void> {
  await withServer(
    faults,
    async (server) => {
      const run = await runCheck(server, policyFile, [], env, { bundle });
      const findings = run.report.findings;
      const controls = [...new Set(expected.map((line) => line.split('|')[0] as string))];
      expect(describeFindings(findings, controls)).toEqual([...expected].sort());
      const others = unaffectedControls(findings, controls);
      expect(others).toEqual(allPass(others));
      expect(Object.keys(others).length + controls.length).toBe(Object.keys(baseline).length);
      expect(run.report.summary.error).toBe(expected.length);
      expect(run.code).toBe(1);
    },
    freshReport,
  );
}

const TIMEOUT =
  'TimeoutError: @smithy/node-http-handler - [ERROR] a request has exceeded the configured 2000 ms requestTimeout.';
const AGAIN = 'We encountered an internal error. Please try again.';

describe('faults that outlast the retries become errors of exactly the affected controls', () => {
  test.each<[string, ErrorCase]>([
    [
      'HTTP 400 Throttling on every attempt (the default budget: 4 attempts)',
      {
        faults: [{ operation: 'GetAccountPasswordPolicy', kind: 'throttle' }],
        expected: PASSWORD('Throttling: Rate exceeded (gave up after 4 attempts)'),
      },
    ],
    [
      'HTTP 429 on every attempt',
      {
        faults: [{ operation: 'GetContactInformation', kind: 'http429' }],
        env: { AAB_MAX_ATTEMPTS: '2' },
        expected: PRIMARY('ThrottlingException: Rate exceeded (gave up after 2 attempts)'),
      },
    ],
    [
      'HTTP 500 on every attempt',
      {
        faults: [{ operation: 'GetAccountSummary', kind: 'http500' }],
        env: { AAB_MAX_ATTEMPTS: '2' },
        expected: SUMMARY(`ServiceFailure: ${AGAIN} (gave up after 2 attempts)`),
      },
    ],
    [
      'HTTP 503 on every attempt',
      {
        faults: [{ operation: 'GetAlternateContact', kind: 'http503' }],
        env: { AAB_MAX_ATTEMPTS: '2' },
        expected: CONTACTS(
          'ServiceUnavailable: Service is unavailable. Please try again later. (gave up after 2 attempts)',
        ),
      },
    ],
    [
      'a connection reset on every attempt',
      {
        faults: [{ operation: 'ListVirtualMFADevices', kind: 'reset' }],
        env: { AAB_MAX_ATTEMPTS: '2' },
        bundle: true,
        // The SDK's own words for a socket closed without an answer.
        expected: MFA_DEVICES('TimeoutError: socket hang up (gave up after 2 attempts)'),
      },
    ],
    [
      'every answer slower than the request timeout',
      {
        faults: [{ operation: 'GetCredentialReport', kind: 'slow', delayMs: 30_000 }],
        env: { AAB_MAX_ATTEMPTS: '2', AAB_REQUEST_TIMEOUT_MS: '2000' },
        expected: REPORT(`${TIMEOUT} (gave up after 2 attempts)`),
      },
    ],
    [
      'malformed XML (IAM query)',
      {
        faults: [{ operation: 'GetAccountSummary', kind: 'malformed' }],
        expected: SUMMARY(
          'MalformedResponse: iam:GetAccountSummary answered with a body that could not be parsed (@aws-sdk XML parse error: missing closing tag </key>)',
        ),
      },
    ],
    [
      'malformed JSON (Account REST-JSON)',
      {
        faults: [{ operation: 'GetAlternateContact', kind: 'malformed' }],
        expected: CONTACTS(
          'MalformedResponse: account:GetAlternateContact answered with a body that could not be parsed (not valid JSON)',
        ),
      },
    ],
  ])('%s', async (_name, errorCase) => {
    await expectErrors(errorCase);
  });
});

describe('AccessDenied on one operation: errors naming the missing permission', () => {
  const denied = (action: string, resource = '*'): string =>
    `AccessDenied: User: ${CALLER_ARN} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action (the role needs ${action})`;
  const ACCOUNT_ARN = `arn:aws:account::${ACCOUNT_ID}:account`;
  test.each<[AwsOperation, ErrorCase]>([
    ['GetAccountPasswordPolicy', { faults: [], expected: PASSWORD(denied('iam:GetAccountPasswordPolicy')) }],
    ['GetAccountSummary', { faults: [], expected: SUMMARY(denied('iam:GetAccountSummary')) }],
    ['ListVirtualMFADevices', { faults: [], expected: MFA_DEVICES(denied('iam:ListVirtualMFADevices')) }],
    ['GetCredentialReport', { faults: [], expected: REPORT(denied('iam:GetCredentialReport')) }],
    // No report yet: the check must generate one and may not.
    [
      'GenerateCredentialReport',
      { faults: [], freshReport: false, expected: REPORT(denied('iam:GenerateCredentialReport')) },
    ],
    // Under the default redaction: the account ID inside the quoted ARNs is not taken for a phone number.
    ['GetAlternateContact', { faults: [], expected: CONTACTS(denied('account:GetAlternateContact', ACCOUNT_ARN)) }],
    ['GetContactInformation', { faults: [], expected: PRIMARY(denied('account:GetContactInformation', ACCOUNT_ARN)) }],
  ])('%s', async (operation, errorCase) => {
    await expectErrors({ ...errorCase, faults: [{ operation, kind: 'accessDenied' }] });
  });

  test('iam:ListOrganizationsFeatures is best-effort context: denied, every control still passes', async () => {
    await withServer([{ operation: 'ListOrganizationsFeatures', kind: 'accessDenied' }], async (server) => {
      const run = await runCheck(server, policyFile);
      expect(statusesByControl(run.report.findings)).toEqual(baseline);
      expect(run.code).toBe(0);
    });
  });
});
