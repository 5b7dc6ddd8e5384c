/**
 * The OIDC path of the built action end to end (issue 8 acceptance 2): the runner's token endpoint
 * (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN) and sts:AssumeRoleWithWebIdentity on the local AWS server. The role
 * lives in another account than the ambient credentials, so every request shows whose credentials signed it.
 */
import { readFileSync } from 'node:fs';
import { startAwsServer, awsEnv, githubOidcEnv, type AwsServer } from '../support/aws-server.mjs';
import { runAction, type ActionRun } from '../support/run-dist.js';
import type { PasswordPolicyState } from '../../src/state/types.js';
import { strongPasswordPolicy } from '../support/builders.js';

const POLICY = 'test/e2e/fixtures/password-policy.yml';
const AMBIENT_ACCOUNT = '111122223333';
const ROLE_ACCOUNT = '444455556666';
const ROLE = `arn:aws:iam::${ROLE_ACCOUNT}:role/aws-account-baseline-read-only`;
const UNTRUSTING_ROLE = `arn:aws:iam::${ROLE_ACCOUNT}:role/trusts-another-repo`;
const PROVIDER = `arn:aws:iam::${ROLE_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const REQUEST_TOKEN = 'runner-request-token-7c1e0d';

const strongPolicy: PasswordPolicyState = strongPasswordPolicy();

let server: AwsServer;

beforeAll(async () => {
  server = await startAwsServer({
    // The ambient account has no password policy (the check would fail there); the role's account is compliant.
    accounts: [
      { accountId: AMBIENT_ACCOUNT, passwordPolicy: null },
      { accountId: ROLE_ACCOUNT, passwordPolicy: strongPolicy },
    ],
    oidc: { requestToken: REQUEST_TOKEN, trustRejects: [UNTRUSTING_ROLE] },
  });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

function runWithRole(
  inputs: Record<string, string>,
  env: Record<string, string> = githubOidcEnv(server, REQUEST_TOKEN),
): Promise<ActionRun> {
  return runAction(
    { policy: POLICY, 'fail-on': 'medium', 'role-to-assume': ROLE, audience: 'sts.amazonaws.com', ...inputs },
    { ...awsEnv(server), ...env },
  );
}

function maskCommands(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));
}

function withoutMaskCommands(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

/** The `::error::` lines (the failure message, as opposed to annotations with properties). */
function failures(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('::error::'));
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('action with role-to-assume (GitHub OIDC)', () => {
  it('exchanges the job token for the role first, then signs every call with the assumed credentials, masked', async () => {
    const run = await runWithRole({ 'role-session-name': 'pr-42-baseline' });
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ compliant: 'true', failed: '0', errors: '0' });

    const [first, ...later] = server.requests;
    expect(first).toMatchObject({
      service: 'sts',
      operation: 'AssumeRoleWithWebIdentity',
      params: { RoleArn: ROLE, RoleSessionName: 'pr-42-baseline', DurationSeconds: '900' },
    });
    const jwt = String(first?.params['WebIdentityToken']);
    expect(claims(jwt)).toMatchObject({ aud: 'sts.amazonaws.com', iss: 'https://token.actions.githubusercontent.com' });
    expect(later.map((request) => request.operation).sort()).toEqual(['GetAccountPasswordPolicy', 'GetCallerIdentity']);
    // Answered as the role's account: signed with keys that AssumeRoleWithWebIdentity issued, not the ambient ones.
    expect(later.map((request) => request.accountId)).toEqual([ROLE_ACCOUNT, ROLE_ACCOUNT]);
    expect(JSON.parse(readFileSync(run.outputs.report ?? '', 'utf8'))).toMatchObject({ account: { id: ROLE_ACCOUNT } });

    // The job token and the three parts of the assumed credentials are registered as secrets.
    const masks = maskCommands(run.stdout);
    expect(masks).toHaveLength(4);
    expect(masks).toContain(jwt);
    const accessKeyId = masks.find((value) => value.startsWith('ASIA'));
    expect(accessKeyId).toMatch(new RegExp(`^ASIA${ROLE_ACCOUNT}[A-Z0-9]{4}$`));
    const secrets = masks.filter((value) => value !== jwt && value !== accessKeyId);
    // Secret access key (30 random bytes) and session token (96 random bytes), base64.
    expect(secrets.map((value) => value.length).sort((a, b) => a - b)).toEqual([40, 128]);
    for (const value of secrets) expect(value).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);

    // Registered before anything else is printed, and never printed in clear.
    const lines = run.stdout.split('\n').filter((line) => line !== '' && !line.startsWith('::debug::'));
    expect(lines.slice(0, 4)).toEqual(masks.map((value) => `::add-mask::${value}`));
    const places = {
      stdout: withoutMaskCommands(run.stdout),
      stderr: run.stderr,
      summary: run.summary,
      report: readFileSync(run.outputs.report ?? '', 'utf8'),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const value of masks) expect({ place, leaked: text.includes(value) }).toEqual({ place, leaked: false });
    }
  });

  it('without `id-token: write` (no ACTIONS_ID_TOKEN_REQUEST_URL) fails in one line that names the permission, without falling back to ambient credentials', async () => {
    const run = await runWithRole({}, {});
    expect(run.code).toBe(1);
    expect(failures(run.stdout)).toEqual([
      "::error::role-to-assume needs the job's GitHub OIDC token, but the runner offers none (ACTIONS_ID_TOKEN_REQUEST_URL is not set). " +
        'Fix: give the job `permissions: id-token: write` (keep `contents: read`); runs for pull requests from forks never get an OIDC token.',
    ]);
    expect(server.requests).toEqual([]);
    expect(run.stdout).not.toMatch(/\n\s+at /);
  });

  it('when the runner refuses the token request, says so in one line with the same fix', async () => {
    const run = await runWithRole({}, githubOidcEnv(server, 'not-the-request-token'));
    expect(run.code).toBe(1);
    const [failure, ...more] = failures(run.stdout);
    expect(more).toEqual([]);
    expect(failure).toMatch(
      /^::error::Could not get the GitHub OIDC token for audience "sts\.amazonaws\.com" \(.*Failed to get ID Token\. Error Code : 401 Error Message: Bad credentials\)\. Fix: give the job `permissions: id-token: write`/,
    );
    expect(failure).not.toContain('%0A');
    expect(server.requests).toEqual([]);
  });

  it('with an audience the IAM OIDC provider does not list (InvalidIdentityToken), names the audience and how to fix it', async () => {
    const run = await runWithRole({ audience: 'api://AzureADTokenExchange' });
    expect(run.code).toBe(1);
    expect(failures(run.stdout)).toEqual([
      `::error::Cannot assume ${ROLE}: the token's audience "api://AzureADTokenExchange" is not a client ID of the IAM OIDC provider ${PROVIDER} ` +
        '(InvalidIdentityToken: Incorrect token audience). ' +
        'Fix: add "api://AzureADTokenExchange" to the provider\'s audiences, or set the action\'s audience input to one the provider lists.',
    ]);
    expect(server.requests.map((request) => request.operation)).toEqual(['AssumeRoleWithWebIdentity']);
  });

  it('when the role trust policy rejects the token (AccessDenied), names the token claims and the trust policy conditions to set', async () => {
    const run = await runWithRole({ 'role-to-assume': UNTRUSTING_ROLE });
    expect(run.code).toBe(1);
    const sub = 'repo:octo-org/octo-repo:ref:refs/heads/main';
    expect(failures(run.stdout)).toEqual([
      `::error::Cannot assume ${UNTRUSTING_ROLE}: its trust policy does not accept this token (sub "${sub}", aud "sts.amazonaws.com") ` +
        '(AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity). ' +
        `Fix: the role's trust policy must allow sts:AssumeRoleWithWebIdentity for Federated ${PROVIDER} with conditions ` +
        `token.actions.githubusercontent.com:aud = "sts.amazonaws.com" and token.actions.githubusercontent.com:sub matching "${sub}".`,
    ]);
    expect(server.requests.map((request) => request.operation)).toEqual(['AssumeRoleWithWebIdentity']);
  });
});
