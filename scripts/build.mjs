#!/usr/bin/env node
// Builds dist/: one ncc bundle (src/bundle.ts -> dist/bundle.js, plus the chunks it loads on demand) holding
// every dependency once, and the two entry points around it, src/action.ts -> dist/index.js (action.yml's main) and src/cli.ts -> dist/cli.js (bin),
// transpiled as they are (they import ./bundle.js, which is the bundle in dist/).
// Usage: node scripts/build.mjs [--out DIR]   (helpers and tests build into their own folder)
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { minify } from 'terser';
import ts from 'typescript';

const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'dist');
const BUNDLE = ['src/bundle.ts', 'bundle.js'];
const ENTRIES = [
  ['src/action.ts', 'index.js'],
  ['src/cli.ts', 'cli.js'],
];

/**
 * The AWS SDK clients' package.json `main` is a CommonJS build that holds every operation of the service (IAM:
 * about 180) in one module, which webpack must keep whole. Their `module` field points at an ES module build,
 * one file per command, that webpack tree-shakes to the commands we send. ncc resolves `main` only, but it
 * applies tsconfig `paths`, read from the file TS_NODE_PROJECT names: a tsconfig written here maps each client to
 * its ES build, for the bundler alone (tsc and jest keep using the packages as they are).
 */
function esmSdkTsconfig(folder) {
  const clients = ['client-iam', 'client-sts', 'client-account', 'client-organizations'];
  const paths = {};
  for (const client of clients) {
    const root = resolve('node_modules', '@aws-sdk', client);
    const { module } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    if (typeof module !== 'string')
      throw new Error(`@aws-sdk/${client} has no ES module build ("module" in its package.json)`);
    paths[`@aws-sdk/${client}`] = [join(root, module)];
  }
  const file = join(folder, 'tsconfig.bundle.json');
  writeFileSync(file, JSON.stringify({ extends: resolve('tsconfig.json'), compilerOptions: { paths } }));
  return file;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const work = mkdtempSync(join(tmpdir(), 'aab-ncc-'));
const config = mkdtempSync(join(tmpdir(), 'aab-ncc-config-'));
execFileSync(join('node_modules', '.bin', 'ncc'), ['build', BUNDLE[0], '-o', work, '-m', '-q', '--target', 'es2022'], {
  stdio: 'inherit',
  env: { ...process.env, TS_NODE_PROJECT: esmSdkTsconfig(config) },
});
// index.js is the bundle's main file; NNN.index.js are the chunks it imports on demand (named by their id,
// fixed for a given source), each only when a command needs it: they ship in dist/ beside it.
for (const file of readdirSync(work)) {
  if (file === 'package.json') continue;
  if (file === 'index.js') {
    cpSync(join(work, file), join(out, BUNDLE[1]));
    continue;
  }
  if (!/^\d+\.index\.js$/.test(file)) throw new Error(`unexpected file from ncc: ${file}`);
  // ncc minifies its main file only, and without compression. Compressing the chunks here also removes the code
  // webpack found unused (most of the SDK clients' operations): tree-shaking needs both.
  const { code } = await minify(readFileSync(join(work, file), 'utf8'), {
    module: true,
    ecma: 2022,
    compress: true,
    mangle: { keep_classnames: true, keep_fnames: true },
  });
  writeFileSync(join(out, file), code);
}
rmSync(work, { recursive: true, force: true });
rmSync(config, { recursive: true, force: true });

for (const [entry, name] of ENTRIES) {
  const source = readFileSync(entry, 'utf8');
  if ([...source.matchAll(/from '([^']+)'/g)].some(([, specifier]) => specifier !== './bundle.js')) {
    throw new Error(`${entry} may import only ./bundle.js: everything else belongs in the bundle`);
  }
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: false },
  });
  writeFileSync(join(out, name), outputText);
  chmodSync(join(out, name), 0o755);
}
writeFileSync(join(out, 'package.json'), '{\n  "type": "module"\n}\n');
