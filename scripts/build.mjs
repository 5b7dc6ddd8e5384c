#!/usr/bin/env node
// Builds dist/: one ncc bundle (src/bundle.ts -> dist/bundle.js, plus the chunks it loads on demand) holding
// every dependency once, and the two entry points around it, src/action.ts -> dist/index.js (action.yml's main) and src/cli.ts -> dist/cli.js (bin),
// transpiled as they are (they import ./bundle.js, which is the bundle in dist/).
// Usage: node scripts/build.mjs [--out DIR]   (helpers and tests build into their own folder)
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { minify } from 'terser';
import ts from 'typescript';
import { eagerFactories } from './lib/eager-factories.mjs';

const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'dist');
const BUNDLE = ['src/bundle.ts', 'bundle.js'];
const ENTRIES = [
  ['src/action.ts', 'index.js'],
  ['src/cli.ts', 'cli.js'],
];

/**
 * Every AWS SDK and Smithy package ships two builds: CommonJS (`main`, the `node` export condition) and ES modules
 * (`module`). ncc resolves the CommonJS one, where a client holds all its operations (IAM: about 180) in one
 * module webpack must keep whole, and where the credential chain's `await import()` of each provider (SSO, INI,
 * web identity, ...) is already a `require`, so every provider lands in the chunk every live check loads. The ES
 * builds are one file per command, which webpack tree-shakes, and their dynamic imports become chunks read only
 * when a provider is tried. ncc applies tsconfig `paths` from the file TS_NODE_PROJECT names: the tsconfig written
 * here maps each package (and each subpath it exports) to its ES build, for the bundler alone.
 */
function esmSdkTsconfig(folder) {
  const paths = {};
  for (const scope of ['@aws-sdk', '@smithy']) {
    for (const name of readdirSync(resolve('node_modules', scope))) {
      const pkg = JSON.parse(readFileSync(resolve('node_modules', scope, name, 'package.json'), 'utf8'));
      for (const [specifier, target] of esExports(`${scope}/${name}`, pkg)) {
        paths[specifier] = [resolve('node_modules', scope, name, target)];
      }
    }
  }
  if (!paths['@aws-sdk/client-iam']) throw new Error('@aws-sdk/client-iam has no ES module build ("module")');
  const file = join(folder, 'tsconfig.bundle.json');
  writeFileSync(file, JSON.stringify({ extends: resolve('tsconfig.json'), compilerOptions: { paths } }));
  return file;
}

/** [specifier, ES build file] for a package: each `exports` subpath with a `module` condition, else `module`. */
function esExports(name, pkg) {
  if (pkg.exports && typeof pkg.exports === 'object') {
    return Object.entries(pkg.exports)
      .filter(([subpath, target]) => subpath !== './package.json' && typeof target?.module === 'string')
      .map(([subpath, target]) => [name + subpath.slice(1), target.module]);
  }
  return typeof pkg.module === 'string' ? [[name, pkg.module]] : [];
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
    writeFileSync(join(out, BUNDLE[1]), eagerFactories(readFileSync(join(work, file), 'utf8')).code);
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
  // Parsed once, when the chunk is imported, instead of twice (scripts/lib/eager-factories.mjs says why).
  writeFileSync(join(out, file), eagerFactories(code).code);
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
