/** Help for each command, run in-process through main(): its own options, an example, its exit codes. */
import { main } from '../../src/cli/main.js';
import { COMMANDS, USAGE } from '../../src/cli/commands.js';
import type { CommandIO } from '../../src/cli/io.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => new Date('2026-12-02T00:00:00Z'),
    colorStdout: false,
    env: {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const COMMAND_NAMES = Object.keys(COMMANDS);

describe('help for each command', () => {
  it('covers init and every other command', () => {
    expect(COMMAND_NAMES).toEqual(
      expect.arrayContaining(['init', 'check', 'validate', 'snapshot', 'schema', 'plan', 'apply', 'discover', 'merge']),
    );
  });

  it.each(COMMAND_NAMES)("%s --help, -h and help %s print that command's help and exit 0", async (name) => {
    const long = await run([name, '--help']);
    expect(long.code).toBe(0);
    expect(long.stdout).not.toBe(USAGE);
    expect(long.stdout).toMatch(new RegExp(`^Usage: aws-account-baseline ${name}\\b`));
    expect(long.stdout).toContain('\nOptions:\n');
    expect(long.stdout).toMatch(new RegExp(`\\nExamples?:\\n {2}.*aws-account-baseline ${name}\\b`));
    expect(long.stdout).toMatch(/\nExit codes:\n {2}0 /);
    expect(long.stdout).toContain('-h, --help');
    expect((await run([name, '-h'])).stdout).toBe(long.stdout);
    const topic = await run(['help', name]);
    expect(topic).toEqual({ code: 0, stdout: long.stdout, stderr: '' });
  });

  it('--help wins over other arguments, even invalid ones', async () => {
    const result = await run(['check', '--policy', 'missing.yml', '--format', 'nope', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--fail-on SEVERITY');
  });

  it('lists the options each command takes', async () => {
    expect((await run(['check', '--help'])).stdout).toEqual(
      expect.stringContaining('--credential-report-max-age-hours N'),
    );
    expect((await run(['check', '--help'])).stdout).toEqual(expect.stringContaining('--shard i/N'));
    expect((await run(['init', '--help'])).stdout).toEqual(expect.stringContaining('--waiver-days N'));
    expect((await run(['merge', '--help'])).stdout).not.toContain('--policy');
    expect((await run(['apply', '--help'])).stdout).not.toContain('--state FILE');
    expect((await run(['snapshot', '--help'])).stdout).toContain('--redact MODE');
  });

  it('apply --help and plan --help list the contact variables', async () => {
    for (const name of ['apply', 'plan']) {
      const { stdout } = await run([name, '--help']);
      expect(stdout).toContain('AAB_CONTACT_<TYPE>_<FIELD>');
      expect(stdout).toContain('AAB_CONTACT_SECURITY_PHONE');
      expect(stdout).toContain('BILLING | OPERATIONS | SECURITY');
    }
  });

  it('help with an unknown or missing command name is a usage error', async () => {
    const unknown = await run(['help', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^aws-account-baseline: help takes one command name/);
    expect((await run(['help'])).stdout).toBe(USAGE);
  });

  it('the global help points to the help of each command', async () => {
    const { stdout, code } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Run "aws-account-baseline COMMAND --help"');
    expect(stdout).toContain('  init ');
  });
});

describe('options', () => {
  it.each([
    ['check', '-p'],
    ['check', '-f'],
    ['check', '-o'],
    ['validate', '-p'],
    ['snapshot', '-o'],
    ['merge', '-o'],
    ['discover', '-p'],
  ])('%s takes no undocumented short flag %s', async (name, flag) => {
    const result = await run([name, flag, 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Unknown option '${flag}'`);
    expect(result.stderr).toContain(`Run "aws-account-baseline ${name} --help" for usage.`);
  });

  it.each(['true', 'false', 'yes', 'all'])('--redact %s is refused: only contacts, users and off', async (mode) => {
    const result = await run([
      'check',
      '--policy',
      'policies/well-architected-root.yml',
      '--state',
      'examples/sample-account.json',
      '--redact',
      mode,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--redact must be one of contacts, users, off (got "${mode}")`);
  });

  it('a missing policy and a missing snapshot read alike', async () => {
    const policy = await run(['check', '--policy', 'no-such-policy.yml', '--state', 'examples/sample-account.json']);
    const snapshot = await run([
      'check',
      '--policy',
      'policies/well-architected-root.yml',
      '--state',
      'no-such-state.json',
    ]);
    expect(policy).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no-such-policy.yml:1:1 cannot read the policy file: file not found\n',
    });
    expect(snapshot).toEqual({
      code: 2,
      stdout: '',
      stderr: 'no-such-state.json:1:1 cannot read the snapshot file: file not found\n',
    });
  });
});
