/** ESM jest: sources import './x.js', tests run as ESM through ts-jest. */
export default {
  preset: 'ts-jest/presets/default-esm',
  // jest's node environment, failing a test file that leaves a server, socket or child process open.
  testEnvironment: '<rootDir>/test/support/handle-guard-environment.mjs',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // e2e tests spawn dist/ and local servers; keep workers modest on a 2-core machine.
  maxWorkers: 2,
  // A guard against a hung test, not a speed limit: a busy machine must never fail a test. No test sets its own.
  testTimeout: 600_000,
  // Also a hang guard, not a speed limit. A worker with no handle open still needs time to exit: ESM test files
  // run as vm.SourceTextModule, which Node never frees (nodejs/node#33439, jestjs/jest#14605), so a worker ends
  // with a few hundred MB of heap, and tearing that down took 0.65-1 s on a busy machine, past jest's default
  // 0.5 s, after which it kills the worker and reports it as "failed to exit gracefully". A handle that really
  // is left open is caught per test file by test/support/handle-guard-environment.
  workerGracefulExitTimeout: 60_000,
};
