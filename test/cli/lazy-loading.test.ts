/**
 * Commands evaluate only what they need: `--version`, `--help`, `validate`, `schema` and an offline
 * `check --state` never evaluate the AWS SDK, the GitHub client or Ajv (the validators are generated at build
 * time). Each heavy package is replaced by a stand-in that records being loaded and hands back the real module.
 */
import { jest } from '@jest/globals';
import type { CommandIO } from '../../src/cli/io.js';

const HEAVY = [
  '@aws-sdk/client-iam',
  '@aws-sdk/client-sts',
  '@aws-sdk/client-account',
  '@aws-sdk/client-organizations',
  '@smithy/node-http-handler',
  '@actions/github',
  '@actions/core',
  'ajv',
];
const loaded = new Set<string>();
for (const name of HEAVY) {
  jest.unstable_mockModule(name, () => {
    loaded.add(name);
    return jest.requireActual(name);
  });
}

const { main } = await import('../../src/cli/main.js');

function quietIO(): CommandIO & { out: string[] } {
  const out: string[] = [];
  return {
    out,
    stdout: (text) => out.push(text),
    stderr: (text) => out.push(text),
    now: () => new Date('2026-11-01T00:00:00Z'),
    colorStdout: false,
    env: {},
  };
}

const OFFLINE_COMMANDS: Array<[string, string[], number]> = [
  ['--version', ['--version'], 0],
  ['--help', ['--help'], 0],
  ['check --help', ['check', '--help'], 0],
  ['validate', ['validate', '--policy', 'examples/aws-account-baseline.yml'], 0],
  ['schema', ['schema'], 0],
  [
    'check --state',
    [
      'check',
      '--policy',
      'policies/well-architected-root.yml',
      '--state',
      'examples/sample-account.json',
      '--fail-on',
      'none',
    ],
    0,
  ],
  [
    'check --state, invalid snapshot',
    ['check', '--policy', 'policies/well-architected-root.yml', '--state', 'package.json'],
    2,
  ],
];

describe('what each command evaluates', () => {
  it.each(OFFLINE_COMMANDS)('%s loads no AWS SDK, GitHub client or Ajv', async (_name, argv, exitCode) => {
    const io = quietIO();
    expect(await main(argv, io)).toBe(exitCode);
    expect(io.out.join('')).not.toBe('');
    expect([...loaded]).toEqual([]);
  });

  it('the stand-ins do record a load (a live check path imports the SDK)', async () => {
    await import('../../src/state/aws-clients.js');
    expect([...loaded].sort()).toEqual([
      '@aws-sdk/client-account',
      '@aws-sdk/client-iam',
      '@aws-sdk/client-sts',
      '@smithy/node-http-handler',
    ]);
  });
});
