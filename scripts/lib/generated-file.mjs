// One way for every generator to write its file, or with --check to fail when the committed file is stale (CI).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export function writeOrCheck(target, content, script, check = process.argv.includes('--check')) {
  if (!check) {
    writeFileSync(target, content);
    return;
  }
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== content) {
    const root = new URL('../..', import.meta.url).pathname;
    console.error(`${relative(root, target)} is out of date: run node scripts/${script}`);
    process.exit(1);
  }
}
