/**
 * The supported Node.js versions are stated in three places that must agree: the README's table, package.json
 * `engines` (the CLI) and action.yml `runs.using` (the action). `.ci/run` reads the last two to pick its runtimes.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface PackageJson {
  engines: { node: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
interface LockFile {
  packages: Record<string, { version?: string; engines?: { node?: string } }>;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
const engineMajors = pkg.engines.node.split('||').map((range) => Number(/\d+/.exec(range)?.[0]));
const oldest = Math.min(...engineMajors);

/** The README table row whose first cell starts with `label`, as its cells. */
function supportRow(label: string): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Supported Node.js versions'));
  const row = section.split('\n').find((line) => line.startsWith(`| ${label}`));
  if (row === undefined) throw new Error(`README: no "${label}" row in "Supported Node.js versions"`);
  return row.split('|').map((cell) => cell.trim());
}

describe('supported Node.js versions', () => {
  it('engines lists whole major versions, each of them in the README table for the CLI', () => {
    expect(pkg.engines.node).toMatch(/^\^\d+\.\d+\.\d+( \|\| \^\d+\.\d+\.\d+)*$/);
    const readmeMajors = (supportRow('the CLI')[2] ?? '').split(',').map((major) => Number(major.trim()));
    expect(readmeMajors).toEqual(engineMajors);
  });

  it("the README's action row names action.yml's runtime", () => {
    const action = parse(readFileSync('action.yml', 'utf8')) as { runs: { using: string } };
    const major = /^node(\d+)$/.exec(action.runs.using)?.[1];
    expect(supportRow('the action')[2]).toMatch(new RegExp(`^${major} \\(\`runs.using: ${action.runs.using}\``));
    expect(engineMajors).toContain(Number(major));
  });

  it('every AWS SDK and Smithy package the lockfile installs runs on the oldest supported Node', () => {
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as LockFile;
    const sdk = Object.entries(lock.packages).filter(([path]) => /node_modules\/@(aws-sdk|smithy)\//.test(path));
    expect(sdk.length).toBeGreaterThan(10);
    for (const [path, entry] of sdk) {
      const range = entry.engines?.node ?? '>=0';
      // The SDK states its floor as `>=N.0.0`; any other shape needs a look by hand.
      const floor = /^>=\s*(\d+)(\.\d+){0,2}$/.exec(range)?.[1];
      expect([path, range, Number(floor) <= oldest]).toEqual([path, range, true]);
    }
  });

  it('pins the AWS SDK and Smithy packages that dist/ bundles to their minor version', () => {
    // @smithy/types is types only and bundles nothing.
    const sdk = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
      ([name]) => /^@(aws-sdk|smithy)\//.test(name) && name !== '@smithy/types',
    );
    expect(sdk.length).toBeGreaterThan(0);
    for (const [name, range] of sdk) expect([name, range]).toEqual([name, expect.stringMatching(/^~\d+\.\d+\.\d+$/)]);
  });
});
