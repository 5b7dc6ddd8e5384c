/** `validate` of the built CLI accepts every bundled baseline and example policy; `schema` prints the schema. */
import { readdirSync } from 'node:fs';
import { runCli } from '../support/run-dist.js';

const policies = [
  ...readdirSync('policies').filter((name) => name.endsWith('.yml')).map((name) => `policies/${name}`),
  ...readdirSync('examples').filter((name) => name.endsWith('.yml')).map((name) => `examples/${name}`),
];

describe('validate (dist/cli.js)', () => {
  it('finds the bundled baselines and the example policy', () => {
    expect(policies).toEqual(expect.arrayContaining(['policies/well-architected-root.yml', 'policies/cis-aws-foundations.yml', 'examples/aws-account-baseline.yml']));
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
    expect(JSON.parse(result.stdout)).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', required: ['version'] });
  });
});
