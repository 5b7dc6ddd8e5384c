/** ESM jest: sources import './x.js', tests run as ESM through ts-jest. */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // e2e tests spawn dist/ and local servers; keep workers modest on a 2-core machine.
  maxWorkers: 2,
  // A guard against a hung test, not a speed limit: a busy machine must never fail a test. No test sets its own.
  testTimeout: 600_000,
};
