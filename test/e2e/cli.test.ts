/** The built CLI (dist/cli.js) against the local AWS-protocol server: the JSON report contract and exit codes. */
import { startAwsServer, awsEnv, type AwsServer } from '../support/aws-server.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-dist.js';
import type { Report } from '../../src/findings.js';
import { strongPasswordPolicy } from '../support/builders.js';

const POLICY = 'test/e2e/fixtures/password-policy.yml';
let server: AwsServer;

beforeAll(async () => {
  server = await startAwsServer({
    accounts: [
      {
        accountId: '111122223333',
        passwordPolicy: strongPasswordPolicy({ minimumPasswordLength: 8 }),
        alternateContacts: {
          SECURITY: { name: 'Sec Team', title: 'Security', email: 'security@corp.example', phone: '+1 206 555 0100' },
        },
      },
    ],
  });
});
afterAll(() => server.close());

describe('CLI end to end (dist/cli.js)', () => {
  it('check --format json returns the JSON report contract and exit 1 for a failing control', async () => {
    const result = await runCli(['check', '--policy', POLICY, '--format', 'json'], awsEnv(server));
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['version', 'account', 'policy', 'generatedAt', 'summary', 'findings']),
    );
    expect(report).toMatchObject({ version: 1, account: { id: '111122223333' }, policy: POLICY });
    expect(report.summary).toEqual({ pass: 9, fail: 1, error: 0, waived: 0, manual: 0, skipped: 0 });
    expect(Number.isNaN(Date.parse(report.generatedAt))).toBe(false);
    const failing = report.findings.filter((f) => f.status === 'fail');
    expect(failing).toEqual([
      expect.objectContaining({
        control: 'passwordPolicy.minimumLength',
        severity: 'medium',
        resource: 'account',
        expected: '>= 14',
        actual: '8',
        location: { file: POLICY, line: 3, column: 3 },
        references: expect.arrayContaining([
          { standard: 'cis-aws-foundations', version: '3.0.0', id: '1.8' },
          { standard: 'cis-aws-foundations', version: '5.0.0', id: '1.7' },
          { standard: 'cis-aws-foundations', version: '7.0.0', id: '2.8' },
          { standard: 'aws-security-hub', id: 'IAM.15' },
        ]),
      }),
    ]);
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining([
          'control',
          'status',
          'severity',
          'resource',
          'expected',
          'actual',
          'message',
          'remediation',
          'location',
          'references',
        ]),
      );
    }
    // No `cisVersion` in the policy: the report does not name one (the text report shows 5.0.0 ids).
    expect(report.cisVersion).toBeUndefined();
  });

  it('a policy pinning cisVersion gets that version in the JSON report and its ids in the text report', async () => {
    const pinned = 'test/e2e/fixtures/cis-version.yml';
    const json = JSON.parse(
      (await runCli(['check', '--policy', pinned, '--format', 'json'], awsEnv(server))).stdout,
    ) as Report;
    expect(json.cisVersion).toBe('3.0.0');
    const text = await runCli(['check', '--policy', pinned], awsEnv(server));
    expect(text.stdout).toContain('passwordPolicy.minimumLength (medium) · CIS 3.0.0 1.8 · resource account');
    const unpinned = await runCli(['check', '--policy', POLICY], awsEnv(server));
    expect(unpinned.stdout).toContain('passwordPolicy.minimumLength (medium) · CIS 5.0.0 1.7 · resource account');
  });

  it('exit 0 when nothing at or above the threshold fails', async () => {
    const result = await runCli(['check', '--policy', POLICY, '--fail-on', 'high'], awsEnv(server));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('passwordPolicy.minimumLength');
    // Nothing on stderr; on Node 20 this is where the SDK's NodeVersionSupportWarning would show.
    expect(result.stderr).toBe('');
  });

  it.each([
    ['bad-yaml.yml', /^test\/e2e\/fixtures\/bad-yaml\.yml:\d+:\d+ .+/],
    ['unknown-key.yml', /^test\/e2e\/fixtures\/unknown-key\.yml:3:3 .*did you mean `minimumLength`/],
    [
      'wrong-type.yml',
      /^test\/e2e\/fixtures\/wrong-type\.yml:3:19 `passwordPolicy\.requireSymbols` must be true or false/,
    ],
  ])('exit 2 with one FILE:LINE:COL line for %s, no stack trace', async (file, pattern) => {
    const result = await runCli(['check', '--policy', `test/e2e/fixtures/${file}`], awsEnv(server));
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for unknown arguments', async () => {
    const result = await runCli(['check', '--policy', POLICY, '--bogus'], awsEnv(server));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--bogus'");
  });

  it('exit 2, not 3, when --output cannot be written (an argument problem, the account was read)', async () => {
    const result = await runCli(['check', '--policy', POLICY, '--output', 'test'], awsEnv(server));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^aws-account-baseline: cannot write --output test: EISDIR$/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exit 2 for --shard without --accounts/--organization/--ou, instead of quietly checking the hub account', async () => {
    const result = await runCli(['check', '--policy', POLICY, '--shard', '1/2'], awsEnv(server));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--shard needs --accounts, --organization or --ou');
    expect(result.stdout).toBe('');
  });

  it('exit 3 when the credentials belong to another account than the policy names', async () => {
    const result = await runCli(['check', '--policy', 'test/e2e/fixtures/wrong-account.yml'], awsEnv(server));
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('account.id');
  });

  it('exit 3 when there are no credentials at all', async () => {
    const env = awsEnv(server);
    const { AWS_ACCESS_KEY_ID: _key, AWS_SECRET_ACCESS_KEY: _secret, ...noCredentials } = env;
    const result = await runCli(['check', '--policy', POLICY], noCredentials);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^aws-account-baseline: cannot read the account/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('snapshot writes the live account for an offline check that finds the same', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aab-snapshot-')), 'snapshot.json');
    const snapshot = await runCli(['snapshot', '--output', file], awsEnv(server));
    expect(snapshot.code).toBe(0);
    expect(snapshot.stderr).toContain(`snapshot of account 111122223333 written to ${file}`);
    const offline = await runCli(['check', '--policy', POLICY, '--state', file, '--format', 'json']);
    const live = await runCli(['check', '--policy', POLICY, '--format', 'json'], awsEnv(server));
    const statuses = (text: string): string[] =>
      (JSON.parse(text) as Report).findings.map((f) => `${f.control}:${f.status}`);
    expect(offline.code).toBe(1);
    expect(statuses(offline.stdout)).toEqual(statuses(live.stdout));
  });

  it('snapshot masks contact e-mails and phones by default, as every output does; --redact off keeps them', async () => {
    const masked = await runCli(['snapshot'], awsEnv(server));
    expect(masked.code).toBe(0);
    expect(masked.stdout).not.toContain('security@corp.example');
    expect(masked.stdout).not.toContain('555 0100');
    expect(masked.stdout).toContain('s***@c***.example');
    const exact = await runCli(['snapshot', '--redact', 'off'], awsEnv(server));
    expect(exact.stdout).toContain('security@corp.example');
    const refused = await runCli(['snapshot', '--redact', 'false'], awsEnv(server));
    expect(refused.code).toBe(2);
  });
});
