// Transpiles TypeScript modules (and what they import, no type check) into a cache folder inside node_modules,
// so plain node scripts (the generator, the benchmarks) can load them and their package imports (csv-parse, yaml,
// ajv) resolve as they do for the sources.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const TRANSPILED = join('node_modules', '.cache', 'aab-bench');

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Writes TRANSPILED/<path>.js for each entry (a .ts path from the root) and its relative imports; returns the folder. */
export function transpileSources(entries, root = process.cwd(), folder = TRANSPILED) {
  const out = join(root, folder);
  rmSync(out, { recursive: true, force: true });
  const compilerOptions = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true };
  const queue = entries.map((entry) => resolve(root, entry));
  const seen = new Set();
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const target = join(out, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    if (file.endsWith('.json')) {
      cpSync(file, target);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      const imported = resolve(dirname(file), specifier);
      const asTs = imported.replace(/\.js$/, '.ts');
      queue.push(existsSync(asTs) ? asTs : imported);
    }
    const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: file });
    writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
  }
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return out;
}
