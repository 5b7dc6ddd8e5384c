/** `validate` of the built CLI accepts every bundled baseline and example policy; `schema` prints the schema. */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-dist.js';

const policies = [
  ...readdirSync('policies')
    .filter((name) => name.endsWith('.yml'))
    .map((name) => `policies/${name}`),
  ...readdirSync('examples')
    .filter((name) => name.endsWith('.yml'))
    .map((name) => `examples/${name}`),
];

describe('validate (dist/cli.js)', () => {
  it('finds the bundled baselines and the example policy', () => {
    expect(policies).toEqual(
      expect.arrayContaining([
        'policies/well-architected-root.yml',
        'policies/cis-aws-foundations.yml',
        'examples/aws-account-baseline.yml',
      ]),
    );
  });

  it.each(policies)('%s is valid (exit 0)', async (file) => {
    const result = await runCli(['validate', '--policy', file]);
    expect(result.stderr.split('\n').filter((line) => line.startsWith(file))).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${file}: valid\n`);
  });

  it('schema prints the JSON Schema of the policy file', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      required: ['version'],
    });
  });
});

describe('hostile policy keys (dist/cli.js)', () => {
  it('a key holding a newline cannot forge a workflow command at a line start of validate or check', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aab-keys-'));
    const file = join(dir, 'policy.yml');
    writeFileSync(
      file,
      'version: 1\n"bad\\n::error file=x,line=1::forged": 1\npasswordPolicy:\n  "min\\nimum # heading @org/team": 3\n',
    );
    for (const command of ['validate', 'check']) {
      const result = await runCli([command, '--policy', file]);
      expect(result.code).toBe(2);
      const lines = `${result.stdout}${result.stderr}`.split('\n');
      expect(lines.filter((line) => line.startsWith('::'))).toEqual([]);
      expect(result.stderr).toContain('bad\\n::error file=x,line=1::forged');
    }
  });
});
