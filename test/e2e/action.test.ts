/** The built action (dist/index.js) run as the GitHub runner runs it, against the local AWS-protocol server. */
import { startAwsServer, awsEnv, type AwsServer } from '../support/aws-server.mjs';
import { annotationCommands, runAction, type ActionRun } from '../support/run-dist.js';
import type { PasswordPolicyState } from '../../src/state/types.js';
import { strongPasswordPolicy } from '../support/builders.js';

const POLICY = 'test/e2e/fixtures/password-policy.yml';

const strongPolicy: PasswordPolicyState = strongPasswordPolicy();

async function checkAccount(
  passwordPolicy: PasswordPolicyState | null,
  inputs: Record<string, string> = {},
): Promise<{ run: ActionRun; server: AwsServer }> {
  const server = await startAwsServer({ accounts: [{ accountId: '111122223333', passwordPolicy }] });
  try {
    const run = await runAction({ policy: POLICY, 'fail-on': 'medium', ...inputs }, awsEnv(server));
    return { run, server };
  } finally {
    await server.close();
  }
}

describe('action end to end (dist/index.js)', () => {
  it('passes a compliant account: outputs, no annotations, a summary', async () => {
    const { run, server } = await checkAccount(strongPolicy);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ compliant: 'true', failed: '0', errors: '0' });
    expect(run.outputs.report).toMatch(/aws-account-baseline-report\.json$/);
    expect(annotationCommands(run.stdout)).toEqual([]);
    expect(run.summary).toContain('passwordPolicy.minimumLength');
    // Read-only: nothing but reads reached AWS.
    expect(server.requests.map((r) => r.operation).sort()).toEqual(['GetAccountPasswordPolicy', 'GetCallerIdentity']);
  });

  it('fails a weak policy with one annotation per failing control at its line in the policy file', async () => {
    const { run } = await checkAccount({
      ...strongPolicy,
      minimumPasswordLength: 8,
      requireSymbols: false,
      maxPasswordAge: 180,
    });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ compliant: 'false', failed: '3', errors: '0' });
    const annotations = annotationCommands(run.stdout).filter((a) => a.includes('file='));
    expect(annotations).toHaveLength(3);
    expect(annotations.find((a) => a.includes('passwordPolicy.minimumLength'))).toMatch(
      `::warning title=passwordPolicy.minimumLength,file=${POLICY},line=3,col=3::Password minimum length is 8; expected >= 14.`,
    );
    expect(annotations.find((a) => a.includes('passwordPolicy.requireSymbols'))).toContain(`file=${POLICY},line=4,`);
    expect(annotations.find((a) => a.includes('passwordPolicy.maxAgeDays'))).toContain(`file=${POLICY},line=9,`);
    expect(run.stdout).toMatch(/::error::3 findings at or above "medium"/);
    expect(run.summary).toContain('passwordPolicy.requireSymbols');
  });

  it('reports an account without a password policy (IAM NoSuchEntity) as one failure, not a crash', async () => {
    const { run } = await checkAccount(null);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ compliant: 'false', failed: '1', errors: '0' });
    const annotations = annotationCommands(run.stdout).filter((a) => a.includes('file='));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(
      `::error title=passwordPolicy.exists,file=${POLICY},line=2,col=1::The account has no IAM password policy.`,
    );
    expect(run.summary).toContain('passwordPolicy.exists');
  });

  it('passes under fail-on high when only medium findings fail', async () => {
    const { run } = await checkAccount({ ...strongPolicy, minimumPasswordLength: 8 }, { 'fail-on': 'high' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ compliant: 'true', failed: '1' });
  });

  it('fails with a one-line error on a malformed policy', async () => {
    const { run } = await checkAccount(strongPolicy, { policy: 'test/e2e/fixtures/unknown-key.yml' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::test\/e2e\/fixtures\/unknown-key\.yml:3:3 .*minimumLength/m);
    expect(run.stdout).not.toMatch(/\n\s+at /);
    // No verdict is not a pass: `compliant` is set, so `if: outputs.compliant == 'false'` sees the failure.
    expect(run.outputs.compliant).toBe('false');
  });

  it('sets compliant=false when the account cannot be read at all', async () => {
    const server = await startAwsServer({ accounts: [{ accountId: '111122223333', passwordPolicy: strongPolicy }] });
    try {
      const { AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, ...noCredentials } = awsEnv(server);
      const run = await runAction({ policy: POLICY }, noCredentials);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^::error::cannot read the account/m);
      expect(run.outputs.compliant).toBe('false');
    } finally {
      await server.close();
    }
  });

  it('checks a snapshot offline (input state) with no AWS call, as the repository CI does', async () => {
    const run = await runAction({
      policy: 'policies/well-architected-root.yml',
      state: 'examples/sample-account.json',
      'fail-on': 'none',
    });
    expect(run.code).toBe(0);
    expect(run.outputs.compliant).toBe('true');
    expect(Number(run.outputs.failed)).toBeGreaterThan(0);
    expect(run.summary).toContain('Not compliant');
  });
});
