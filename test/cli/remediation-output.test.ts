/** plan through main(), in-process, on the sample snapshot: the changes come first, the report after. */
import { main } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/cli/io.js';

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    now: () => new Date('2026-12-01T12:00:00Z'),
    colorStdout: false,
    env: {},
  };
  return { code: await main(argv, io), stdout, stderr };
}

const ARGS = [
  '--policy',
  'policies/well-architected-root.yml',
  '--state',
  'examples/sample-account.json',
  '--fail-on',
  'none',
];

describe('plan output', () => {
  it('text: the plan first, then the report headline (not every finding again)', async () => {
    const { code, stdout } = await run(['plan', ...ARGS]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Plan: 5 changes; apply would send 1 request\.\n/);
    const verdict = stdout.indexOf('aws-account-baseline: NOT COMPLIANT');
    expect(verdict).toBeGreaterThan(stdout.indexOf('Manual steps'));
    expect(stdout.slice(verdict)).toContain('  findings: pass 12 · fail 19');
    expect(stdout.slice(verdict)).toContain('every finding: aws-account-baseline check, with the same options');
    expect(stdout.slice(verdict)).toContain('not compliant, yet the run passes (exit 0): fail-on is none');
    expect(stdout).not.toContain('PASS    passwordPolicy.exists');
  });

  it('markdown: the plan first, then the full summary, without annotation claims', async () => {
    const { stdout } = await run(['plan', ...ARGS, '--format', 'markdown']);
    expect(stdout.startsWith('### Remediation plan\n')).toBe(true);
    expect(stdout.indexOf('### aws-account-baseline: ❌ Not compliant')).toBeGreaterThan(
      stdout.indexOf('**Manual steps**'),
    );
    expect(stdout).toContain('#### Password policy');
    expect(stdout).not.toMatch(/annotation/i);
  });
});
