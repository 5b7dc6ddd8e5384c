/**
 * Fault injection: the built CLI (AAB_DIST, default dist/) against the local AWS server with one fault at a
 * time. Each case states the outcome: retried to success (every control passes), or `error` findings for
 * exactly the controls whose data the faulty operation feeds, with the cause in the message, while every
 * other control still passes. Never `pass` for what could not be read.
 */
import { jest } from '@jest/globals';
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

jest.setTimeout(60_000);

const policyFile = writePolicy();

/** Sources -> the controls they feed (from the controls' code; the root controls also use the summary). */
const PASSWORD_CONTROLS = [
  'passwordPolicy.exists',
  'passwordPolicy.minimumLength',
  'passwordPolicy.requireSymbols',
  'passwordPolicy.maxAgeDays',
];
const CONTACT_CONTROLS = ['contacts.billing', 'contacts.operations', 'contacts.security'];
const USER_CONTROLS = ['iamUsers.consoleMfa', 'iamUsers.maxActiveAccessKeys', 'iamUsers.maxAccessKeyAgeDays', 'iamUsers.maxUnusedCredentialDays'];
const ROOT_REPORT_CONTROLS = ['root.mfa', 'root.signingCertificates', 'root.maxDaysSinceLastUse'];

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
  baseline = await withServer([], async (server) => statusesByControl((await runCheck(server, policyFile)).report.findings));
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
    ['HTTP 429 TooManyRequestsException (Account REST-JSON)', { operation: 'GetAlternateContact', kind: 'throttle', times: 2 }, {}, 5],
    ['HTTP 429 Throttling (IAM query)', { operation: 'GetAccountPasswordPolicy', kind: 'http429', times: 2 }, {}, 3],
    ['HTTP 500 ServiceFailure', { operation: 'GetCredentialReport', kind: 'http500', times: 1 }, {}, 2],
    ['HTTP 503 ServiceUnavailable', { operation: 'GetContactInformation', kind: 'http503', times: 1 }, {}, 2],
    ['a connection reset', { operation: 'GetCallerIdentity', kind: 'reset', times: 1 }, {}, 2],
    [
      'an answer slower than the request timeout',
      { operation: 'ListVirtualMFADevices', kind: 'slow', delayMs: 5_000, times: 1 },
      { AAB_REQUEST_TIMEOUT_MS: '500' },
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

/** [control, resource] of every finding a fault must turn into `error`. */
type Affected = Array<[string, string]>;
const on = (resource: string, controls: string[]): Affected => controls.map((control) => [control, resource]);

async function expectErrors(faults: Fault[], env: Record<string, string>, affected: Affected, message: string, args: string[] = [], freshReport = true) {
  await withServer(
    faults,
    async (server) => {
      const run = await runCheck(server, policyFile, args, env);
      const findings = run.report.findings;
      const controls = [...new Set(affected.map(([control]) => control))];
      expect(describeFindings(findings, controls)).toEqual(affected.map(([control, resource]) => `${control}|${resource}|error|${message}`).sort());
      const others = unaffectedControls(findings, controls);
      expect(others).toEqual(allPass(others));
      expect(Object.keys(others).length + controls.length).toBe(Object.keys(baseline).length);
      expect(run.report.summary.error).toBe(affected.length);
      expect(run.code).toBe(1);
    },
    freshReport,
  );
}

const PASSWORD = on('account', PASSWORD_CONTROLS);
const CONTACTS: Affected = [
  ['contacts.billing', 'contact:BILLING'],
  ['contacts.operations', 'contact:OPERATIONS'],
  ['contacts.security', 'contact:SECURITY'],
];
const REPORT: Affected = [...on('root', ROOT_REPORT_CONTROLS), ...on('iam-users', USER_CONTROLS)];

describe('faults that outlast the retries become errors of exactly the affected controls', () => {
  test.each<[string, Fault, Record<string, string>, Affected, string]>([
    [
      'throttling on every attempt (the default budget of 4 attempts)',
      { operation: 'GetAccountPasswordPolicy', kind: 'throttle' },
      {},
      PASSWORD,
      'Could not read the IAM password policy: Throttling: Rate exceeded (gave up after 4 attempts).',
    ],
    ['HTTP 429 on every attempt', { operation: 'GetContactInformation', kind: 'http429' }, { AAB_MAX_ATTEMPTS: '2' }, [['contacts.primary', 'contact:PRIMARY']], '?'],
    ['HTTP 500 on every attempt', { operation: 'GetAccountSummary', kind: 'http500' }, { AAB_MAX_ATTEMPTS: '2' }, on('root', ['root.mfa', 'root.accessKeys']), '?'],
    ['HTTP 503 on every attempt', { operation: 'GetAlternateContact', kind: 'http503' }, { AAB_MAX_ATTEMPTS: '2' }, CONTACTS, '?'],
    ['a connection reset on every attempt', { operation: 'ListVirtualMFADevices', kind: 'reset' }, { AAB_MAX_ATTEMPTS: '2' }, on('root', ['root.mfa']), '?'],
    [
      'every answer slower than the request timeout',
      { operation: 'GetCredentialReport', kind: 'slow', delayMs: 10_000 },
      { AAB_MAX_ATTEMPTS: '2', AAB_REQUEST_TIMEOUT_MS: '500' },
      REPORT,
      '?',
    ],
    ['malformed XML (IAM query)', { operation: 'GetAccountSummary', kind: 'malformed' }, {}, on('root', ['root.mfa', 'root.accessKeys']), '?'],
    ['malformed JSON (Account REST-JSON)', { operation: 'GetAlternateContact', kind: 'malformed' }, {}, CONTACTS, '?'],
  ])('%s', async (_name, fault, env, affected, message) => {
    await expectErrors([fault], env, affected, message);
  });
});

describe('AccessDenied on one operation', () => {
  const denied = (action: string): string =>
    `AccessDenied: User: ${CALLER_ARN} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action (the role needs ${action})`;
  test.each<[AwsOperation, Affected, string]>([
    ['GetAccountPasswordPolicy', PASSWORD, `Could not read the IAM password policy: ${denied('iam:GetAccountPasswordPolicy')}.`],
    ['GetAccountSummary', on('root', ['root.mfa', 'root.accessKeys']), '?'],
    ['ListVirtualMFADevices', on('root', ['root.mfa']), '?'],
    ['GetCredentialReport', REPORT, '?'],
    ['GetAlternateContact', CONTACTS, '?'],
    ['GetContactInformation', [['contacts.primary', 'contact:PRIMARY']], '?'],
  ])('%s', async (operation, affected, message) => {
    await expectErrors([{ operation, kind: 'accessDenied' }], {}, affected, message);
  });
});
