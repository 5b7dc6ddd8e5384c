/**
 * plan / apply end to end: the built bundle (AAB_DIST, default dist/) against the local AWS-protocol server,
 * asserting on the requests the server recorded.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsServer, awsEnv, type AwsServer, type RecordedRequest } from '../support/aws-server.mjs';
import { runAction, runCli } from '../support/run-dist.js';
import type { RemediationReport } from '../../src/remediate/types.js';
import type { PasswordPolicyState } from '../../src/state/types.js';

const ACCOUNT = '111122223333';
const LOOSE: PasswordPolicyState = {
  minimumPasswordLength: 8,
  requireSymbols: false,
  requireNumbers: true,
  requireUppercaseCharacters: true,
  requireLowercaseCharacters: true,
  allowUsersToChangePassword: true,
  expirePasswords: false,
  passwordReusePrevention: 5,
  hardExpiry: false,
};
const CONTACT_ENV = {
  AAB_CONTACT_SECURITY_EMAIL: 'security@example.com',
  AAB_CONTACT_SECURITY_PHONE: '+1 206 555 0100',
};

const dir = mkdtempSync(join(tmpdir(), 'aab-remediate-'));
const POLICY = join(dir, 'baseline.yml');
writeFileSync(
  POLICY,
  [
    'version: 1',
    'passwordPolicy:',
    '  minimumLength: 14',
    '  requireSymbols: true',
    '  maxAgeDays: 90',
    '  reusePrevention: 24',
    'contacts:',
    '  security:',
    '    required: true',
    '    name: Security Team',
    '    title: CISO',
    '    email: "*@example.com"',
    '',
  ].join('\n'),
);

let server: AwsServer;
beforeAll(async () => {
  server = await startAwsServer({ accounts: [{ accountId: ACCOUNT, passwordPolicy: LOOSE, alternateContacts: {} }] });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const WRITES = new Set([
  'UpdateAccountPasswordPolicy',
  'PutAlternateContact',
  'DeleteAccountPasswordPolicy',
  'DeleteAlternateContact',
  'PutContactInformation',
]);
const writes = (): RecordedRequest[] => server.requests.filter((request) => WRITES.has(request.operation));
/** The SDK's query parameters, without the envelope. */
function queryParams(request: RecordedRequest): Record<string, unknown> {
  const { Action: _action, Version: _version, ...rest } = request.params;
  return rest;
}

function cli(command: 'plan' | 'apply', extra: string[] = [], env: Record<string, string> = CONTACT_ENV) {
  return runCli([command, '--policy', POLICY, ...extra], awsEnv(server, env));
}

describe('plan', () => {
  it('sends no write request and shows the diff, contacts masked', async () => {
    const result = await cli('plan');
    expect(writes()).toEqual([]);
    expect(result.code).toBe(1); // the check's findings still fail
    expect(result.stdout).toContain('~ minimumLength: 8 -> 14');
    expect(result.stdout).toContain('~ maxAgeDays: never expire -> 90');
    expect(result.stdout).toContain('~ email: (unset) -> s***@e***.com');
    expect(result.stdout).not.toContain('security@example.com');
    expect(result.stdout).not.toContain('555 0100');
  });

  it('puts changes into the JSON report', async () => {
    const result = await cli('plan', ['--format', 'json']);
    const report = JSON.parse(result.stdout) as RemediationReport;
    expect(report.changes).toEqual([
      { target: 'passwordPolicy', setting: 'minimumLength', from: 8, to: 14 },
      { target: 'passwordPolicy', setting: 'requireSymbols', from: false, to: true },
      { target: 'passwordPolicy', setting: 'maxAgeDays', from: null, to: 90 },
      { target: 'passwordPolicy', setting: 'reusePrevention', from: 5, to: 24 },
      { target: 'contact:SECURITY', setting: 'name', from: null, to: 'Security Team' },
      { target: 'contact:SECURITY', setting: 'title', from: null, to: 'CISO' },
      { target: 'contact:SECURITY', setting: 'email', from: null, to: 's***@e***.com' },
      { target: 'contact:SECURITY', setting: 'phone', from: null, to: '+1 *** *** **00' },
    ]);
    expect(report.applied).toBeUndefined();
    expect(writes()).toEqual([]);
  });
});

describe('hostile account values', () => {
  const FORGED = 'Eve\n::error file=x,line=1::forged';
  beforeEach(() => {
    server.account(ACCOUNT).alternateContacts = {
      SECURITY: {
        name: FORGED,
        title: '# heading <img src=x onerror=alert(1)> @org/team',
        email: 'eve@example.com',
        phone: '+1 206 555 0100',
      },
    };
  });

  it('plan text: a contact name cannot forge a workflow command at a line start', async () => {
    const result = await cli('plan', ['--fail-on', 'none']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
    expect(result.stdout).toContain('Eve\\n::error file=x,line=1::forged');
  });

  it('plan markdown: no raw HTML, heading or @mention from the account', async () => {
    const result = await cli('plan', ['--fail-on', 'none', '--format', 'markdown']);
    expect(result.code).toBe(0);
    const plan = result.stdout.slice(result.stdout.indexOf('### Remediation plan'));
    expect(plan).toContain('&#35; heading &#60;img src=x onerror=alert(1)&#62; &#64;org/team');
    expect(plan).not.toMatch(/<img|@org|^#+ heading/m);
    expect(result.stdout.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
  });
});

describe('apply', () => {
  it('sends exactly the computed requests, then a second apply sends none and says so', async () => {
    const first = await cli('apply', ['--format', 'json']);
    expect(writes().map((request) => request.operation)).toEqual(
      expect.arrayContaining(['UpdateAccountPasswordPolicy', 'PutAlternateContact']),
    );
    expect(writes()).toHaveLength(2);
    const update = writes().find((request) => request.operation === 'UpdateAccountPasswordPolicy') as RecordedRequest;
    // The whole policy: the live settings the baseline does not mention are sent as they are.
    expect(queryParams(update)).toEqual({
      MinimumPasswordLength: '14',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      RequireUppercaseCharacters: 'true',
      RequireLowercaseCharacters: 'true',
      AllowUsersToChangePassword: 'true',
      MaxPasswordAge: '90',
      PasswordReusePrevention: '24',
      HardExpiry: 'false',
    });
    const put = writes().find((request) => request.operation === 'PutAlternateContact') as RecordedRequest;
    expect(put.params).toEqual({
      AlternateContactType: 'SECURITY',
      Name: 'Security Team',
      Title: 'CISO',
      EmailAddress: 'security@example.com',
      PhoneNumber: '+1 206 555 0100',
    });
    const report = JSON.parse(first.stdout) as RemediationReport;
    expect(report.applied?.map((outcome) => outcome.status)).toEqual(Array(8).fill('applied'));
    expect(report.summary.fail).toBe(0); // checked again after apply
    expect(first.stderr).toContain('apply: 8 of 8 changes applied');
    expect(first.code).toBe(0);

    server.requests.length = 0;
    const second = await cli('apply');
    expect(writes()).toEqual([]);
    expect(second.stdout).toContain('no changes: the account already meets the policy');
    expect(second.code).toBe(0);
  });

  it('never replaces AWS default password policy with a weaker one: blocked in the plan, refused by apply', async () => {
    server.account(ACCOUNT).passwordPolicy = null;
    const expiryOnly = join(dir, 'expiry-only.yml');
    writeFileSync(expiryOnly, 'version: 1\npasswordPolicy:\n  maxAgeDays: 90\n');
    const reason =
      'would require no character type, which is weaker: in the policy file, set at least 3 more of requireUppercase, requireLowercase, requireNumbers, requireSymbols to true';
    const plan = await runCli(['plan', '--policy', expiryOnly], awsEnv(server));
    expect(plan.stdout).toContain(reason);
    const applied = await runCli(['apply', '--policy', expiryOnly, '--format', 'json'], awsEnv(server));
    expect(writes()).toEqual([]);
    expect((JSON.parse(applied.stdout) as RemediationReport).blocked).toEqual([
      { target: 'passwordPolicy', reason: expect.stringContaining(reason) },
    ]);
    expect(applied.stderr).toContain('apply: no changes made: 1 change blocked (see the plan)');
    expect(applied.code).toBe(1); // passwordPolicy.exists still fails
  });

  it('never weakens a stricter live policy', async () => {
    server.account(ACCOUNT).passwordPolicy = {
      ...LOOSE,
      minimumPasswordLength: 20,
      requireSymbols: true,
      expirePasswords: true,
      maxPasswordAge: 30,
      passwordReusePrevention: 24,
      hardExpiry: true,
    };
    const result = await cli('apply', ['--format', 'json']);
    expect(writes().map((request) => request.operation)).toEqual(['PutAlternateContact']);
    expect(server.account(ACCOUNT).passwordPolicy).toMatchObject({
      minimumPasswordLength: 20,
      maxPasswordAge: 30,
      hardExpiry: true,
    });
    expect(result.code).toBe(0);
  });

  it('a write AWS refuses (AccessDenied) is reported per setting, nothing else claimed, and the run fails', async () => {
    const refusing = await startAwsServer({
      accounts: [{ accountId: ACCOUNT, passwordPolicy: LOOSE }],
      faults: [{ operation: 'UpdateAccountPasswordPolicy', kind: 'accessDenied' }],
    });
    try {
      const result = await runCli(
        ['apply', '--policy', POLICY, '--format', 'json', '--fail-on', 'none'],
        awsEnv(refusing, CONTACT_ENV),
      );
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as RemediationReport;
      const password = report.applied?.filter((outcome) => outcome.target === 'passwordPolicy') ?? [];
      expect(password).toHaveLength(4);
      for (const outcome of password) expect(outcome).toMatchObject({ status: 'failed', errorCode: 'AccessDenied' });
      expect(
        report.applied?.filter((outcome) => outcome.target === 'contact:SECURITY').map((outcome) => outcome.status),
      ).toEqual(Array(4).fill('applied'));
      expect(refusing.account(ACCOUNT).passwordPolicy).toMatchObject({ minimumPasswordLength: 8 });
      expect(result.stderr).toContain('4 of 8 changes applied, 4 failed');
    } finally {
      await refusing.close();
    }
  });

  it('a live value AWS cannot hold is an unreadable answer: nothing is written back from it', async () => {
    // The schema bounds the policy's values and the answer check bounds the live ones, so no write can carry a
    // value AWS would refuse (ValidationError handling is covered in test/remediate/apply.test.ts).
    server.account(ACCOUNT).passwordPolicy = { ...LOOSE, passwordReusePrevention: 30 };
    const result = await cli('apply', ['--fail-on', 'none']);
    expect(writes().map((request) => request.operation)).toEqual(['PutAlternateContact']);
    expect(result.stdout).toContain('PasswordReusePrevention 30, outside 1..24');
    expect(result.code).toBe(0);
  });

  it('waits for the Account API to show the new contact (eventual consistency)', async () => {
    const lagging = await startAwsServer({
      accounts: [{ accountId: ACCOUNT, passwordPolicy: LOOSE }],
      accountReadsBeforeVisible: 1,
    });
    try {
      const result = await runCli(['apply', '--policy', POLICY, '--format', 'json'], awsEnv(lagging, CONTACT_ENV));
      const report = JSON.parse(result.stdout) as RemediationReport;
      expect(report.applied?.every((outcome) => outcome.status === 'applied')).toBe(true);
      const reads = lagging.requests.filter(
        (request) => request.operation === 'GetAlternateContact' && request.params.AlternateContactType === 'SECURITY',
      );
      expect(reads.length).toBeGreaterThanOrEqual(3); // the check, the read-back that saw the old value, the one that saw the new
      expect(result.code).toBe(0);
    } finally {
      await lagging.close();
    }
  });

  it('against another account than account.id sends no write at all and exits 3', async () => {
    const wrong = join(dir, 'wrong-account.yml');
    writeFileSync(
      wrong,
      ['version: 1', 'account:', '  id: "999999999999"', 'passwordPolicy:', '  minimumLength: 14', ''].join('\n'),
    );
    const result = await runCli(['apply', '--policy', wrong], awsEnv(server, CONTACT_ENV));
    expect(result.code).toBe(3);
    expect(server.requests.some((request) => request.operation === 'GetCallerIdentity')).toBe(true);
    expect(writes()).toEqual([]);
    expect(result.stdout).toContain('Plan: no change can be made.');
  });

  it('inside GitHub Actions, the CLI keeps to the event allowlist (merge_group refused, exit 2, no request)', async () => {
    const result = await cli('apply', [], { ...CONTACT_ENV, GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'merge_group' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mode: apply is refused on the merge_group event');
    expect(server.requests).toEqual([]);
  });

  it('refuses a snapshot: apply only works on the live account', async () => {
    const result = await cli('apply', ['--state', join(dir, 'none.json')]);
    expect(result.code).toBe(2);
    expect(writes()).toEqual([]);
  });
});

describe('action', () => {
  const inputs = { policy: POLICY, mode: 'apply' };

  it('refuses apply on pull_request events', async () => {
    const run = await runAction(inputs, awsEnv(server, { ...CONTACT_ENV, GITHUB_EVENT_NAME: 'pull_request' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('mode: apply is refused on the pull_request event');
    expect(run.outputs.compliant).toBe('false');
    expect(server.requests).toEqual([]);
  });

  it("refuses apply on pull_request_review events (they run the pull request's policy file too)", async () => {
    const run = await runAction(inputs, awsEnv(server, { ...CONTACT_ENV, GITHUB_EVENT_NAME: 'pull_request_review' }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('mode: apply is refused on the pull_request_review event');
    expect(server.requests).toEqual([]);
  });

  it('refuses apply on merge_group (it applies a pull request before the merge), even when pull requests are allowed', async () => {
    const run = await runAction(
      { ...inputs, 'allow-apply-on-pull-request': 'true' },
      awsEnv(server, { ...CONTACT_ENV, GITHUB_EVENT_NAME: 'merge_group' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'mode: apply is refused on the merge_group event: apply runs only on workflow_dispatch, schedule, push',
    );
    expect(run.outputs.compliant).toBe('false');
    expect(server.requests).toEqual([]);
  });

  it('refuses apply on a push to another branch than the default one', async () => {
    const payload = join(dir, 'push-event.json');
    writeFileSync(payload, JSON.stringify({ repository: { default_branch: 'main' } }));
    const env = {
      ...CONTACT_ENV,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/feature',
      GITHUB_EVENT_PATH: payload,
    };
    const run = await runAction(inputs, awsEnv(server, env));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('refused on a push to refs/heads/feature');
    expect(server.requests).toEqual([]);
    const onMain = await runAction(inputs, awsEnv(server, { ...env, GITHUB_REF: 'refs/heads/main' }));
    expect(onMain.code).toBe(0);
    expect(writes()).toHaveLength(2);
  });

  it('applies on workflow_dispatch, and never against the wrong account', async () => {
    const wrong = join(dir, 'wrong-account-action.yml');
    writeFileSync(
      wrong,
      ['version: 1', 'account:', '  id: "999999999999"', 'passwordPolicy:', '  minimumLength: 14', ''].join('\n'),
    );
    const run = await runAction(
      { policy: wrong, mode: 'apply' },
      awsEnv(server, { ...CONTACT_ENV, GITHUB_EVENT_NAME: 'workflow_dispatch' }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('do not belong to account 999999999999');
    expect(writes()).toEqual([]);
  });

  it('applies on pull_request when explicitly allowed, and summarizes', async () => {
    const run = await runAction(
      { ...inputs, 'allow-apply-on-pull-request': 'true' },
      awsEnv(server, { ...CONTACT_ENV, GITHUB_EVENT_NAME: 'pull_request' }),
    );
    expect(writes()).toHaveLength(2);
    expect(run.summary).toContain('### Remediation applied');
    expect(run.summary).not.toContain('security@example.com');
    expect(run.code).toBe(0);
  });

  it('mode: plan makes no write', async () => {
    const run = await runAction(
      { policy: POLICY, mode: 'plan', 'fail-on': 'none' },
      awsEnv(server, { ...CONTACT_ENV, GITHUB_EVENT_NAME: 'pull_request' }),
    );
    expect(writes()).toEqual([]);
    expect(run.summary).toContain('### Remediation plan');
    expect(run.code).toBe(0);
  });
});
