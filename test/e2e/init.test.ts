/** `init` and `init --adopt` through the built CLI, in an empty git repository, as a newcomer runs them. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Report } from '../../src/findings.js';
import { runCli } from '../support/run-dist.js';

const SAMPLE = resolve('examples/sample-account.json');
const POLICY = '.github/aws-account-baseline.yml';
const WORKFLOW = '.github/workflows/aws-account-baseline.yml';

const repositories: string[] = [];
function emptyRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aab-init-'));
  repositories.push(dir);
  execFileSync('git', ['init', '--quiet'], { cwd: dir });
  return dir;
}
afterAll(() => {
  for (const dir of repositories) rmSync(dir, { recursive: true, force: true });
});

function todayPlus(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

describe('init (dist/cli.js)', () => {
  it('writes a policy that validates and a workflow; a second init refuses without --force', async () => {
    const repo = emptyRepository();
    const first = await runCli(['init'], {}, repo);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`wrote ${POLICY} (extends builtin:well-architected-root)`);
    expect(first.stdout).toContain('Next steps:');

    const policy = readFileSync(join(repo, POLICY), 'utf8');
    expect(policy.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=https:\/\/\S+\/policies\/schema\.json$/);
    expect(parse(policy)).toEqual({ version: 1, extends: ['builtin:well-architected-root'] });

    const workflow = parse(readFileSync(join(repo, WORKFLOW), 'utf8')) as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: { check: { steps: { uses?: string; with?: Record<string, string> }[] } };
    };
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['pull_request', 'schedule']));
    expect(workflow.permissions).toMatchObject({ 'id-token': 'write', 'security-events': 'write' });
    const uses = workflow.jobs.check.steps.map((step) => step.uses);
    expect(uses).toEqual(expect.arrayContaining(['actions/checkout@v6', 'github/codeql-action/upload-sarif@v4']));
    const action = workflow.jobs.check.steps.find((step) => step.uses?.includes('aws-account-baseline'));
    expect(action?.with?.['role-to-assume']).toBe('arn:aws:iam::ACCOUNT_ID:role/aws-account-baseline-read-only');
    expect(action?.with?.['sarif-file']).toBe('aws-account-baseline.sarif');

    const validate = await runCli(['validate', '--policy', POLICY], {}, repo);
    expect(validate).toMatchObject({ code: 0, stdout: `${POLICY}: valid\n` });

    writeFileSync(join(repo, WORKFLOW), '# kept\n');
    const again = await runCli(['init'], {}, repo);
    expect(again).toEqual({
      code: 2,
      stdout: '',
      stderr: `aws-account-baseline: ${POLICY} exists: nothing written (init --force replaces it)\n`,
    });
    expect(readFileSync(join(repo, WORKFLOW), 'utf8')).toBe('# kept\n');

    const forced = await runCli(['init', '--force', '--baseline', 'cis-aws-foundations'], {}, repo);
    expect(forced.code).toBe(0);
    expect(parse(readFileSync(join(repo, POLICY), 'utf8'))).toMatchObject({ extends: ['builtin:cis-aws-foundations'] });
    expect(readFileSync(join(repo, WORKFLOW), 'utf8')).not.toBe('# kept\n');
  });

  it('names the existing file it refuses, one line, when only the workflow exists', async () => {
    const repo = emptyRepository();
    await runCli(['init'], {}, repo);
    rmSync(join(repo, POLICY));
    const again = await runCli(['init'], {}, repo);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`aws-account-baseline: ${WORKFLOW} exists: nothing written (init --force replaces it)\n`);
  });

  it('refuses a baseline that is neither bundled nor a .yml file', async () => {
    const result = await runCli(['init', '--baseline', 'builtin:nope'], {}, emptyRepository());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^aws-account-baseline: --baseline must be one of builtin:cis-aws-foundations, builtin:well-architected-root or a \.yml file/,
    );
  });

  it('init --adopt --state: the first check passes, every former failure waived until today + 90 days', async () => {
    const repo = emptyRepository();
    const before = await runCli(
      ['check', '--policy', resolve('policies/well-architected-root.yml'), '--state', SAMPLE, '--format', 'json'],
      {},
      repo,
    );
    expect(before.code).toBe(1);
    const failures = (JSON.parse(before.stdout) as Report).findings.filter((finding) => finding.status === 'fail');
    expect(failures.length).toBeGreaterThan(0);

    const adopt = await runCli(['init', '--adopt', '--state', SAMPLE], {}, repo);
    expect(adopt.stderr).toBe('');
    expect(adopt.code).toBe(0);
    expect(adopt.stdout).toContain(`waivers expiring ${todayPlus(90)}`);
    const policy = readFileSync(join(repo, POLICY), 'utf8');
    expect(parse(policy)).toMatchObject({ account: { id: '111122223333' } });
    expect(readFileSync(join(repo, WORKFLOW), 'utf8')).toContain(
      'role-to-assume: arn:aws:iam::111122223333:role/aws-account-baseline-read-only',
    );

    const check = await runCli(['check', '--policy', POLICY, '--state', SAMPLE, '--format', 'json'], {}, repo);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as Report;
    expect(report.summary.fail).toBe(0);
    expect(report.warnings).toEqual([]);
    const waived = report.findings.filter((finding) => finding.status === 'waived');
    expect(waived.map((finding) => [finding.control, finding.resource]).sort()).toEqual(
      failures.map((finding) => [finding.control, finding.resource]).sort(),
    );
    for (const finding of waived)
      expect(finding.waiver).toMatchObject({ reason: `adopted on ${todayPlus(0)}`, expires: todayPlus(90) });
  });

  it('init --adopt --waiver-days sets the expiry; --state without --adopt is refused', async () => {
    const repo = emptyRepository();
    const adopt = await runCli(['init', '--adopt', '--state', SAMPLE, '--waiver-days', '14'], {}, repo);
    expect(adopt.code).toBe(0);
    const exceptions = (parse(readFileSync(join(repo, POLICY), 'utf8')) as { exceptions: { expires: string }[] })
      .exceptions;
    expect(new Set(exceptions.map((entry) => String(entry.expires)))).toEqual(new Set([todayPlus(14)]));

    const orphan = await runCli(['init', '--state', SAMPLE], {}, emptyRepository());
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toMatch(/^aws-account-baseline: --state is an option of init --adopt/);
  });
});
