#!/usr/bin/env node
// Builds dist/: one ncc bundle (src/bundle.ts -> dist/bundle.js) holding every dependency once, and the two
// entry points around it, src/action.ts -> dist/index.js (action.yml's main) and src/cli.ts -> dist/cli.js (bin),
// transpiled as they are (they import ./bundle.js, which is the bundle in dist/).
// Usage: node scripts/build.mjs [--out DIR]   (helpers and tests build into their own folder)
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'dist');
const BUNDLE = ['src/bundle.ts', 'bundle.js'];
const ENTRIES = [
  ['src/action.ts', 'index.js'],
  ['src/cli.ts', 'cli.js'],
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const work = mkdtempSync(join(tmpdir(), 'aab-ncc-'));
execFileSync(join('node_modules', '.bin', 'ncc'), ['build', BUNDLE[0], '-o', work, '-m', '-q', '--target', 'es2022'], { stdio: 'inherit' });
for (const file of readdirSync(work)) {
  if (file === 'package.json') continue;
  // Lazy modules must stay inside the one file (webpackMode "eager"); a chunk file would have to ship too.
  if (file !== 'index.js') throw new Error(`unexpected extra bundle file ${file}: give dynamic imports webpackMode "eager"`);
  cpSync(join(work, file), join(out, BUNDLE[1]));
}
rmSync(work, { recursive: true, force: true });

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
