/**
 * The shape of the built dist/: one bundle (dist/bundle.js) and the chunks it reads on demand, behind two small
 * entry files. The commands that need no AWS call must not even read the chunks that hold the AWS SDK or the
 * GitHub client: here they run from a copy of dist/ without those chunks.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_NODE, DIST, cleanEnv, runNode } from '../support/run-dist.js';
import { awsEnv, startAwsServer } from '../support/aws-server.mjs';

/**
 * Names that only the AWS SDK (its signer, its HTTP handler, the clients) and the GitHub client carry, and the
 * modules of ours that import them (our policy and report code names AWS operations too, so no operation names).
 */
const HEAVY_MARKERS = ['SignatureV4', 'NodeHttpHandler', 'OrganizationsClient', 'getOctokit'];

const files = readdirSync(DIST);
const chunks = files.filter((file) => /^\d+\.index\.js$/.test(file));
const heavyChunks = chunks.filter((file) => {
  const code = readFileSync(join(DIST, file), 'utf8');
  return HEAVY_MARKERS.some((marker) => code.includes(marker));
});

let lean: string;
beforeAll(() => {
  lean = mkdtempSync(join(tmpdir(), 'aab-lean-dist-'));
  cpSync(DIST, lean, { recursive: true });
  for (const file of heavyChunks) rmSync(join(lean, file));
});
afterAll(() => rmSync(lean, { recursive: true, force: true }));

test('dist/ holds the two entry files, one bundle and its chunks, and nothing else', () => {
  expect(files.filter((file) => !chunks.includes(file)).sort()).toEqual([
    'bundle.js',
    'cli.js',
    'index.js',
    'package.json',
  ]);
  expect(readFileSync(join(DIST, 'cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  // Both entry files load the same bundle: every dependency is in dist/ once.
  for (const entry of ['cli.js', 'index.js'])
    expect(readFileSync(join(DIST, entry), 'utf8')).toContain("from './bundle.js'");
  expect(heavyChunks.length).toBeGreaterThan(0);
});

describe('commands that need no AWS call run without the SDK and GitHub chunks', () => {
  const sample = [
    'check',
    '--policy',
    'policies/well-architected-root.yml',
    '--state',
    'examples/sample-account.json',
    '--fail-on',
    'none',
  ];
  test.each<[string, string[]]>([
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['validate', ['validate', '--policy', 'examples/aws-account-baseline.yml']],
    ['schema', ['schema']],
    ['check --state (npm start)', sample],
  ])('%s', async (_name, args) => {
    const result = await runNode(CLI_NODE, join(lean, 'cli.js'), args, cleanEnv({}));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('while a live check does need them (the copy really lacks them)', async () => {
    const server = await startAwsServer({ accounts: [{ accountId: '111122223333' }] });
    try {
      const result = await runNode(
        CLI_NODE,
        join(lean, 'cli.js'),
        ['check', '--policy', 'policies/well-architected-root.yml'],
        cleanEnv(awsEnv(server)),
      );
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/Cannot find module|ERR_MODULE_NOT_FOUND/);
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
