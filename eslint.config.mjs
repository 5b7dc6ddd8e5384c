import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Node's globals for the plain-JavaScript scripts, bench and test helpers (written out rather than pulling in a
// package for a dozen names).
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'AbortController',
    'AbortSignal',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'performance',
    'fetch',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);
const commonJsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'src/generated/**', 'coverage/**'] },
  js.configs.recommended,
  // Type-checked rules on the TypeScript of src/ and test/ (the files tsconfig.json includes).
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A leading underscore marks a binding kept on purpose: a property left out of a rest object, an unused
      // parameter that the signature needs.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
    },
  },
  // @types/jest declares the asymmetric matchers (expect.any, expect.objectContaining, ...) as returning `any`, so
  // every expected object that uses one would be reported; the rule stays on for src/.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-unsafe-assignment': 'off' } },
  { files: ['**/*.mjs', '**/*.js', '**/*.cjs'], languageOptions: { globals: nodeGlobals } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, ...commonJsGlobals } } },
  // No line of src/ over 120 columns, strings and URLs included: a long message is split into concatenated parts
  // (src/generated/ is ignored above: it is machine-written, with whole JSON and YAML documents on a line).
  { files: ['src/**/*.ts'], rules: { 'max-len': ['error', { code: 120 }] } },
);
