/**
 * The defects seen in the built bundle (AAB_DIST, default dist/), reproduced there: apply loosening the
 * password policy on an incomplete answer, hardware root MFA passing on an unreadable device list, and apply
 * outliving its --timeout-seconds when a read-back hangs. The full malformed-answer matrix runs in process
 * (test/state/malformed-answers.test.ts).
 */
import { awsEnv, startAwsServer, type AwsServer, type Fault } from '../support/aws-server.mjs';
import { runCli } from '../support/run-dist.js';
import type { RemediationReport as Report } from '../../src/remediate/types.js';
import { compliantAccount, statusesByControl, writePolicy } from './faults-fixture.js';

const policyFile = writePolicy();
const WRITES = new Set(['UpdateAccountPasswordPolicy', 'PutAlternateContact']);

let server: AwsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(faults: Fault[]): Promise<AwsServer> {
  // The account's policy is weaker than the file's (12 < 14): apply would write it.
  const account = compliantAccount();
  if (account.passwordPolicy) account.passwordPolicy.minimumPasswordLength = 12;
  server = await startAwsServer({ accounts: [account], faults });
  return server;
}

function writesSent(running: AwsServer): string[] {
  return running.requests.filter((request) => WRITES.has(request.operation)).map((request) => request.operation);
}

test('apply on a password policy answer missing RequireSymbols: the policy controls are error and nothing is written', async () => {
  const running = await start([
    { operation: 'GetAccountPasswordPolicy', kind: 'missingField', field: 'RequireSymbols' },
  ]);
  const result = await runCli(['apply', '--policy', policyFile, '--format', 'json'], awsEnv(running));
  expect(result.code).toBe(1);
  const report = JSON.parse(result.stdout) as Report;
  const statuses = statusesByControl(report.findings);
  for (const control of [
    'passwordPolicy.exists',
    'passwordPolicy.minimumLength',
    'passwordPolicy.requireSymbols',
    'passwordPolicy.maxAgeDays',
  ]) {
    expect([control, statuses[control]]).toEqual([control, ['error']]);
  }
  expect(report.blocked).toEqual([
    {
      target: 'passwordPolicy',
      reason: expect.stringContaining(
        'MalformedResponse: iam:GetAccountPasswordPolicy answered a PasswordPolicy without RequireSymbols',
      ),
    },
  ]);
  expect(writesSent(running)).toEqual([]);
  expect(result.stderr).toContain('apply: no changes made: 1 change blocked (see the plan)');
});

test.each<[string, Fault]>([
  ['an empty body', { operation: 'ListVirtualMFADevices', kind: 'emptyBody' }],
  ['an HTML page', { operation: 'ListVirtualMFADevices', kind: 'html' }],
  ['IsTruncated without a Marker', { operation: 'ListVirtualMFADevices', kind: 'truncatedNoMarker' }],
])('root.mfa: hardware is error, not pass, on a ListVirtualMFADevices 200 with %s', async (_name, fault) => {
  const running = await start([fault]);
  const result = await runCli(['check', '--policy', policyFile, '--format', 'json'], awsEnv(running));
  expect(result.code).toBe(1);
  const mfa = (JSON.parse(result.stdout) as Report).findings.filter((finding) => finding.control === 'root.mfa');
  expect(mfa).toEqual([
    expect.objectContaining({
      status: 'error',
      message: expect.stringMatching(
        /^Could not read the virtual MFA devices \(to tell virtual from hardware MFA\): MalformedResponse: iam:ListVirtualMFADevices answered /,
      ),
    }),
  ]);
});

test('apply --timeout-seconds 5 stops when the read-back hangs: the write is unconfirmed, naming the deadline', async () => {
  // The check's read passes; the read-back after the write hangs far longer than the deadline.
  const running = await start([{ operation: 'GetAccountPasswordPolicy', kind: 'slow', delayMs: 120_000, skip: 1 }]);
  const result = await runCli(
    ['apply', '--policy', policyFile, '--format', 'json', '--timeout-seconds', '5'],
    awsEnv(running),
  );
  expect(result.code).toBe(1);
  expect(writesSent(running)).toEqual(['UpdateAccountPasswordPolicy']);
  const report = JSON.parse(result.stdout) as Report;
  expect(report.applied).toEqual([
    expect.objectContaining({
      setting: 'minimumLength',
      status: 'unconfirmed',
      errorMessage: expect.stringContaining(
        "could not be read before the deadline (DeadlineExceeded: the run's deadline of 5 s (timeout-seconds) passed before AWS answered)",
      ),
    }),
  ]);
  expect(result.stderr).toContain('apply: 0 of 1 change applied, 1 not confirmed by the read-back');
});
