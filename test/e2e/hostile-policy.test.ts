/**
 * Hostile and unlucky policy files, through the built bundle (AAB_DIST, default dist/) where the defects were
 * seen: patterns that backtrack for minutes, devices and FIFOs behind `extends`, impossible YAML 1.1 dates,
 * 300,000 bad `extends` entries, and a policy that checks nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { annotationCommands, runAction, runCli } from '../support/run-dist.js';

const SAMPLE_STATE = resolve('examples/sample-account.json');
const onLinux = process.platform === 'linux' ? test : test.skip;

let folder: string;
beforeEach(() => {
  folder = realpathSync(mkdtempSync(join(tmpdir(), 'aab-hostile-')));
});
afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = join(folder, name);
  writeFileSync(file, text);
  return file;
}

describe('user patterns in linear time (dist/cli.js)', () => {
  test('a nested-quantifier contact regex against a 41-character contact name completes with a verdict', async () => {
    const state = JSON.parse(readFileSync(SAMPLE_STATE, 'utf8')) as {
      alternateContacts: { BILLING: { value: { name: string } } };
    };
    state.alternateContacts.BILLING.value.name = `${'Ann Marie '.repeat(4)}!`;
    const stateFile = write('state.json', JSON.stringify(state));
    const policy = write('p.yml', "version: 1\ncontacts:\n  billing:\n    name: '/^([A-Za-z]+ ?)+$/'\n");
    const result = await runCli([
      'check',
      '--policy',
      policy,
      '--state',
      stateFile,
      '--format',
      'json',
      '--redact',
      'off',
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ control: string; status: string }> };
    expect(
      report.findings.filter((finding) => finding.control === 'contacts.billing').map((finding) => finding.status),
    ).toEqual(['fail']);
  });

  test('a backreference is refused at load as FILE:LINE:COL, exit 2', async () => {
    const policy = write('p.yml', "version: 1\ncontacts:\n  security:\n    email: '/(a+)\\1@example\\.com/'\n");
    const result = await runCli(['validate', '--policy', policy]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${policy}:4:12 \`contacts.security.email\` is not a usable pattern: a backreference (\\1) cannot be matched in linear time (rewrite the pattern without it)\n`,
    );
  });
});

describe('policy files are regular files inside the repository (dist/cli.js)', () => {
  test('extends through a symlink to /dev/zero: one line, exit 2, nothing read', async () => {
    symlinkSync('/dev/zero', join(folder, 'zero.yml'));
    const policy = write('p.yml', 'version: 1\nextends: [zero.yml]\n');
    const result = await runCli(['validate', '--policy', policy]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${policy}:2:11 cannot read extended policy \`${join(folder, 'zero.yml')}\`: it resolves to /dev/zero, outside the repository (${folder}) (extends chain: ${policy} -> ${join(folder, 'zero.yml')})\n`,
    );
  });

  onLinux('a FIFO as the policy does not hang: one line, exit 2', async () => {
    const fifo = join(folder, 'p.yml');
    execFileSync('mkfifo', [fifo]);
    const result = await runCli(['check', '--policy', fifo, '--state', SAMPLE_STATE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${fifo}:1:1 cannot read the policy file: it is a FIFO (named pipe), not a regular file\n`,
    );
  });

  onLinux('a policy symlinked to /proc/self/environ is refused and no environment value is printed', async () => {
    symlinkSync('/proc/self/environ', join(folder, 'p.yml'));
    const result = await runCli(['validate', '--policy', join(folder, 'p.yml')], { AAB_CANARY: 'canary-value-1234' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^[^\n]*p\.yml:1:1 cannot read the policy file: it resolves to \/proc\/\d+\/environ, outside the repository \([^\n]*\)\n$/,
    );
    expect(result.stderr + result.stdout).not.toContain('canary-value-1234');
  });
});

describe('dates under %YAML 1.1 (dist/cli.js)', () => {
  test('lastVerified: 2026-11-31 is refused, not rolled over to December 1st', async () => {
    const policy = write(
      'p.yml',
      '%YAML 1.1\n---\nversion: 1\nattestations:\n  root-mfa-backup:\n    lastVerified: 2026-11-31\n    maxAgeDays: 365\n    by: me\n',
    );
    const result = await runCli(['validate', '--policy', policy]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `${policy}:6:19 \`attestations.root-mfa-backup.lastVerified\` is not a real date: \`2026-11-31\`\n`,
    );
  });
});

describe('huge numbers of problems (dist/cli.js)', () => {
  test('300,000 invalid extends entries: exit 2, the first 20 problems and a count, no stack overflow', async () => {
    const policy = write('p.yml', `version: 1\nextends: [${Array(300_000).fill('1').join(',')}]\n`);
    const result = await runCli(['validate', '--policy', policy]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe(
      `${policy}:2:11 \`extends.0\` must be a bundled baseline \`builtin:NAME\` or a relative path to a .yml file, not a number (1): put it in quotes`,
    );
    expect(lines[20]).toBe('and 299980 more problems');
  });
});

describe('a policy that checks nothing', () => {
  const WARNING =
    'warning: the policy checks nothing: it sets none of passwordPolicy, root, contacts, iamUsers, iamPolicies, serverCertificates, accessAnalyzer, attestations ' +
    '(add one, or extend a baseline such as `builtin:cis-aws-foundations`)';

  test('validate: valid (exit 0) with the warning on stderr', async () => {
    const policy = write('p.yml', 'version: 1\n');
    const result = await runCli(['validate', '--policy', policy]);
    expect(result).toEqual({ code: 0, stdout: `${policy}: valid\n`, stderr: `${policy}: ${WARNING}\n` });
  });

  test('check: exit 0, the warning on stderr, and the report leads with NOTHING CHECKED', async () => {
    const policy = write('p.yml', 'version: 1\nseverity: { root.mfa: low }\n');
    const result = await runCli(['check', '--policy', policy, '--state', SAMPLE_STATE]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`${policy}: ${WARNING}\n`);
    expect(result.stdout).toMatch(/^aws-account-baseline: NOTHING CHECKED\n/);
  });

  test('the action: a ::warning and a summary that says nothing was checked', async () => {
    write('p.yml', 'version: 1\n');
    const run = await runAction({ policy: 'p.yml', state: SAMPLE_STATE }, {}, folder);
    rmSync(run.workspace, { recursive: true, force: true });
    expect(run.code).toBe(0);
    expect(annotationCommands(run.stdout)).toContain(
      `::warning title=aws-account-baseline::${WARNING.replace(/^warning: /, '')}`,
    );
    expect(run.summary).toContain('aws-account-baseline: ⚠️ Nothing checked');
  });
});
