/**
 * AWS error text that quotes the request (SignatureDoesNotMatch quotes the canonical request, session token and
 * all) must not carry a credential into any output: JSON report, SARIF, job summary, annotations, text. Through
 * the built bundle (AAB_DIST), where the leak was seen.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsServer, awsEnv, githubOidcEnv, type AwsServer } from '../support/aws-server.mjs';
import { runAction, runCli } from '../support/run-dist.js';

const POLICY = 'test/e2e/fixtures/password-policy.yml';
const ROLE_ACCOUNT = '444455556666';
const ROLE = `arn:aws:iam::${ROLE_ACCOUNT}:role/aws-account-baseline-read-only`;
const REQUEST_TOKEN = 'runner-request-token-5f2a9b';
const AMBIENT_SESSION_TOKEN = 'FwoGZXIvYXdzEBYaDAmbientSessionToken/with+base64=chars';

let server: AwsServer;
beforeAll(async () => {
  server = await startAwsServer({
    accounts: [
      { accountId: '111122223333', passwordPolicy: null },
      { accountId: ROLE_ACCOUNT, passwordPolicy: null },
    ],
    oidc: { requestToken: REQUEST_TOKEN },
    faults: [{ operation: 'GetAccountPasswordPolicy', kind: 'signatureMismatch' }],
  });
});
beforeEach(() => server.reset());
afterAll(() => server.close());

function expectNoneOf(secrets: readonly string[], outputs: Record<string, string>): void {
  for (const [name, text] of Object.entries(outputs)) {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`${name} carries a credential (${secret.slice(0, 6)}...)`);
    }
  }
}

it('the action with role-to-assume: no assumed credential or OIDC token in the JSON report, SARIF, summary or log', async () => {
  const sarifFile = join(mkdtempSync(join(tmpdir(), 'aab-leak-')), 'aab.sarif');
  const run = await runAction(
    { policy: POLICY, 'role-to-assume': ROLE, 'sarif-file': sarifFile, 'fail-on': 'none' },
    { ...awsEnv(server), ...githubOidcEnv(server, REQUEST_TOKEN) },
  );
  expect(run.code).toBe(0);
  const [issued] = server.issuedCredentials;
  if (issued === undefined) throw new Error('no role was assumed');
  const json = readFileSync(run.outputs.report ?? '', 'utf8');
  const sarif = readFileSync(sarifFile, 'utf8');
  // The finding is there, with AWS's message, minus the credentials.
  expect(json).toContain('SignatureDoesNotMatch');
  expect(json).toContain('x-amz-security-token:[redacted]');
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  expectNoneOf(
    [
      issued.sessionToken,
      encodeURIComponent(issued.sessionToken),
      issued.secretAccessKey,
      issued.accessKeyId,
      REQUEST_TOKEN,
    ],
    {
      json,
      sarif,
      summary: run.summary,
      log,
      stderr: run.stderr,
    },
  );
});

it('the CLI with ambient session credentials: no token in text or JSON', async () => {
  const env = awsEnv(server, { AWS_SESSION_TOKEN: AMBIENT_SESSION_TOKEN });
  const text = await runCli(['check', '--policy', POLICY, '--fail-on', 'none'], env);
  const json = await runCli(['check', '--policy', POLICY, '--fail-on', 'none', '--format', 'json'], env);
  expect(text.code).toBe(0);
  expect(text.stdout).toContain('SignatureDoesNotMatch');
  expectNoneOf(
    [
      AMBIENT_SESSION_TOKEN,
      encodeURIComponent(AMBIENT_SESSION_TOKEN),
      'AKIAIOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    ],
    {
      text: text.stdout,
      json: json.stdout,
      stderr: text.stderr + json.stderr,
    },
  );
});
