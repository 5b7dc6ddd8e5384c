/**
 * Waits that never end: a credential report that never finishes, answers slower than the whole run may take.
 * The run must end on its own deadline (`--timeout-seconds`, the action's `timeout-seconds`) with `error`
 * findings naming the cause, and the controls that were read still pass. (No timing assertions: a run that
 * ignored its deadline would outlast the test's own timeout, since the faults here wait a minute or forever.)
 * The checks run in this process (faults-fixture.ts); the exit-3 cases and the action run the built bundle.
 * Deadlines are 10 s, not shorter: the identity must be read before them, which a busy machine can delay.
 */
import { awsEnv, startAwsServer, type AwsServer, type Fault } from '../support/aws-server.mjs';
import { runAction, runCli } from '../support/run-dist.js';
import type { Report } from '../../src/findings.js';
import {
  CALLER_ARN,
  allPass,
  compliantAccount,
  describeFindings,
  runCheck,
  unaffectedControls,
  writePolicy,
} from './faults-fixture.js';

const policyFile = writePolicy();

const REPORT_CONTROLS: Array<[string, string]> = [
  ['root.signingCertificates', 'root'],
  ['root.maxDaysSinceLastUse', 'root'],
  ['iamUsers.consoleMfa', 'iam-users'],
  ['iamUsers.maxActiveAccessKeys', 'iam-users'],
  ['iamUsers.maxAccessKeyAgeDays', 'iam-users'],
  ['iamUsers.maxUnusedCredentialDays', 'iam-users'],
];

async function withServer<T>(
  faults: Fault[],
  freshReport: boolean,
  body: (server: AwsServer) => Promise<T>,
): Promise<T> {
  const server = await startAwsServer({ accounts: [compliantAccount({ freshReport })], faults });
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

function expectOnlyErrors(report: Report, affected: Array<[string, string]>, message: string): void {
  const controls = [...new Set(affected.map(([control]) => control))];
  expect(describeFindings(report.findings, controls)).toEqual(
    affected.map(([control, resource]) => `${control}|${resource}|error|${message}`).sort(),
  );
  const others = unaffectedControls(report.findings, controls);
  expect(others).toEqual(allPass(others));
  expect(Object.keys(others)).toHaveLength(17 - controls.length);
}

const NEVER_FINISHES: Fault = { operation: '*', kind: 'reportNeverFinishes' };

test('a credential report that never finishes: its controls error at the report deadline, the rest pass', async () => {
  await withServer([NEVER_FINISHES], false, async (server) => {
    const run = await runCheck(server, policyFile, [], { AAB_CREDENTIAL_REPORT_DEADLINE_MS: '1500' });
    expectOnlyErrors(
      run.report,
      REPORT_CONTROLS,
      'Could not read the credential report: ReportInProgress: the credential report did not finish within 1.5 s; run again later or raise the deadline.',
    );
    expect(run.code).toBe(1);
    // Generated once, then polled: never a second GenerateCredentialReport.
    expect(server.requests.filter((request) => request.operation === 'GenerateCredentialReport')).toHaveLength(1);
    expect(server.requests.filter((request) => request.operation === 'GetCredentialReport').length).toBeGreaterThan(2);
  });
});

test('the run deadline cuts a credential report wait short (report deadline left at its 60 s default)', async () => {
  await withServer([NEVER_FINISHES], false, async (server) => {
    const run = await runCheck(server, policyFile, ['--timeout-seconds', '10']);
    expectOnlyErrors(
      run.report,
      REPORT_CONTROLS,
      "Could not read the credential report: DeadlineExceeded: the run's deadline of 10 s (timeout-seconds) passed before AWS answered.",
    );
    expect(run.code).toBe(1);
  });
});

test('the run deadline cuts a hanging answer short, below the request timeout and retries', async () => {
  // 60 s answers with the default 10 s request timeout and 4 attempts: only the 10 s deadline ends this run.
  await withServer([{ operation: 'GetAccountSummary', kind: 'slow', delayMs: 60_000 }], true, async (server) => {
    const run = await runCheck(server, policyFile, ['--timeout-seconds', '10']);
    const cause = "DeadlineExceeded: the run's deadline of 10 s (timeout-seconds) passed before AWS answered.";
    expect(describeFindings(run.report.findings, ['root.mfa', 'root.accessKeys'])).toEqual([
      `root.accessKeys|root|error|Could not read the IAM account summary (to rule out inactive root keys): ${cause}`,
      `root.mfa|root|error|Could not read the IAM account summary: ${cause}`,
    ]);
    const others = unaffectedControls(run.report.findings, ['root.mfa', 'root.accessKeys']);
    expect(others).toEqual(allPass(others));
    expect(Object.keys(others)).toHaveLength(15);
    expect(run.code).toBe(1);
  });
});

test('an identity call cut short by the deadline: the account cannot be read at all (exit 3), never a pass', async () => {
  await withServer([{ operation: 'GetCallerIdentity', kind: 'slow', delayMs: 60_000 }], true, async (server) => {
    const result = await runCli(
      ['check', '--policy', policyFile, '--format', 'json', '--timeout-seconds', '10'],
      awsEnv(server),
    );
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      "aws-account-baseline: cannot read the account: DeadlineExceeded: the run's deadline of 10 s (timeout-seconds) passed before AWS answered\n",
    );
  });
});

test('AccessDenied on sts:GetCallerIdentity: exit 3 with the cause, nothing evaluated', async () => {
  await withServer([{ operation: 'GetCallerIdentity', kind: 'accessDenied' }], true, async (server) => {
    const result = await runCli(['check', '--policy', policyFile, '--format', 'json'], awsEnv(server));
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `AccessDenied: User: ${CALLER_ARN} is not authorized to perform: sts:GetCallerIdentity`,
    );
  });
});

test('the action: timeout-seconds bounds the run, the outputs count the errors and the step fails', async () => {
  await withServer([NEVER_FINISHES], false, async (server) => {
    const run = await runAction({ policy: policyFile, 'timeout-seconds': '10' }, awsEnv(server));
    expect(run.outputs['errors']).toBe(String(REPORT_CONTROLS.length));
    expect(run.outputs['compliant']).toBe('false');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "DeadlineExceeded: the run's deadline of 10 s (timeout-seconds) passed before AWS answered",
    );
  });
});
