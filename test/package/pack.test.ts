/**
 * The npm package: `files` ships the bundle, the policies, the README and the licence (no source or test file),
 * and with no runtime dependency the packed tarball installs offline into an empty folder and its bin runs.
 * The bundle packed is AAB_DIST when set (branches build it elsewhere), else the committed dist/.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { DIST, cleanEnv } from '../support/run-dist.js';

const run = promisify(execFile);
const ROOT = resolve('.');
const SAMPLE_STATE = join(ROOT, 'examples/sample-account.json');

interface PackedFile {
  path: string;
}
interface PackResult {
  filename: string;
  files: PackedFile[];
}

/** What `npm pack` would put in the tarball for the package in `folder`, without writing it. */
async function packList(folder: string): Promise<string[]> {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: folder,
    env: cleanEnv({}),
  });
  const [result] = JSON.parse(stdout) as PackResult[];
  return (result?.files ?? []).map((file) => file.path).sort();
}

const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;

describe('package.json', () => {
  it('has no runtime dependency: dist/ is self-contained', () => {
    for (const field of [
      'dependencies',
      'optionalDependencies',
      'peerDependencies',
      'bundleDependencies',
      'bundledDependencies',
    ]) {
      expect([field, packageJson[field] ?? {}]).toEqual([field, {}]);
    }
  });
});

describe('npm pack', () => {
  let packed: string[] = [];
  beforeAll(async () => {
    packed = await packList(ROOT);
  });

  it('ships the bundle, the policies, the README and the licence', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'dist/cli.js',
        'dist/index.js',
        'policies/schema.json',
        'policies/iam/read-only.json',
        'policies/iam/apply.json',
      ]),
    );
  });

  it('ships nothing else: no source, test, fixture or tooling file', () => {
    const allowed = (path: string) =>
      /^(dist|policies)\//.test(path) || ['LICENSE', 'README.md', 'package.json'].includes(path);
    expect(packed.filter((path) => !allowed(path))).toEqual([]);
    expect(packed.filter((path) => /(^|\/)(test|__tests__|fixtures?)\/|\.test\.|\.ts$|\.map$/.test(path))).toEqual([]);
  });

  describe('the tarball installed offline into an empty folder', () => {
    const work = mkdtempSync(join(tmpdir(), 'aab-pack-'));
    const installed = join(work, 'install');
    const bin = join(installed, 'node_modules/.bin/aws-account-baseline');
    const shippedPolicy = join(installed, 'node_modules/aws-account-baseline/policies/well-architected-root.yml');

    beforeAll(async () => {
      // Stage the files npm would pack, with the bundle under test, and pack that.
      const stage = join(work, 'stage');
      for (const path of packed) {
        mkdirSync(dirname(join(stage, path)), { recursive: true });
        cpSync(join(ROOT, path), join(stage, path));
      }
      rmSync(join(stage, 'dist'), { recursive: true, force: true });
      cpSync(DIST, join(stage, 'dist'), { recursive: true });
      const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
        cwd: stage,
        env: cleanEnv({}),
      });
      const [result] = JSON.parse(stdout) as PackResult[];
      mkdirSync(installed);
      // An empty cache and --offline: the install may not fetch anything, so a runtime dependency fails it.
      await run(
        'npm',
        [
          'install',
          '--offline',
          '--no-audit',
          '--no-fund',
          '--ignore-scripts',
          '--cache',
          join(work, 'npm-cache'),
          join(work, result?.filename ?? 'missing.tgz'),
        ],
        { cwd: installed, env: cleanEnv({}) },
      );
    });

    afterAll(() => {
      rmSync(work, { recursive: true, force: true });
    });

    it('runs `aws-account-baseline check --state` from its bin, with a policy it ships', async () => {
      const { stdout } = await run(
        bin,
        ['check', '--state', SAMPLE_STATE, '--policy', shippedPolicy, '--fail-on', 'none', '--format', 'json'],
        {
          cwd: installed,
          env: cleanEnv({}),
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const report = JSON.parse(stdout) as { account: { id: string }; summary: Record<string, number> };
      expect(report.account.id).toBe('111122223333');
      expect(report.summary['fail']).toBeGreaterThan(0);
      expect(report.summary['error']).toBe(0);
    });

    it('validates a policy that extends a bundled baseline', async () => {
      const { stdout } = await run(bin, ['validate', '--policy', join(ROOT, 'examples/aws-account-baseline.yml')], {
        cwd: installed,
        env: cleanEnv({}),
      });
      expect(stdout).toMatch(/\bvalid\b/);
    });
  });
});
