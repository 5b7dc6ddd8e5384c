#!/usr/bin/env node
// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with ncc.
// Usage: node scripts/build.mjs [--out DIR]   (helpers and tests build into their own folder)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'dist');
const entries = [
  ['src/action.ts', 'index.js'],
  ['src/cli.ts', 'cli.js'],
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [entry, name] of entries) {
  const work = mkdtempSync(join(tmpdir(), 'aab-ncc-'));
  execFileSync(join('node_modules', '.bin', 'ncc'), ['build', entry, '-o', work, '-m', '-q', '--target', 'es2022'], {
    stdio: 'inherit',
  });
  for (const file of readdirSync(work)) {
    if (file === 'package.json') continue;
    // ncc names the entry index.js; extra chunks keep their names and must not collide between entries.
    const target = file === 'index.js' ? name : `${name.replace(/\.js$/, '')}-${file}`;
    if (file !== 'index.js') throw new Error(`unexpected extra bundle file ${file}: keep dynamic imports out of ${entry}`);
    cpSync(join(work, file), join(out, target));
  }
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(join(out, 'package.json'), '{\n  "type": "module"\n}\n');
