/**
 * jest's node environment, plus a check: a test file that leaves a handle open (a server listening, a socket, a
 * child process) fails, naming the kinds left. A leaked handle otherwise surfaces only at the end
 * of `npm test`, as a worker that "failed to exit gracefully", with no hint of which file leaked it.
 */
import { TestEnvironment } from 'jest-environment-node';
import { activeHandles, handlesLeftOpen } from './open-handles.mjs';

/**
 * Servers, sockets and child processes (Node names their kinds `...Wrap`). Timers are left out: jest's own
 * come and go between files, so their count says nothing about the file. Only a jest worker process is checked:
 * a run in band shares its process with jest itself, whose handles also come and go.
 */
// Pipes are left out too: the worker's own stdio opens them lazily (its stderr when a library first warns, with
// jest's output piped as in CI), which would blame whichever file printed first; a child process left running
// still shows as its ProcessWrap.
const isHandle = (kind) => kind.endsWith('Wrap') && kind !== 'PipeWrap';
const inWorker = typeof process.send === 'function';

export default class HandleGuardEnvironment extends TestEnvironment {
  /** @type {Record<string, number>} */
  #before = {};
  /** @type {string} */
  #testPath;

  constructor(config, context) {
    super(config, context);
    this.#testPath = context.testPath;
  }

  async setup() {
    this.#before = activeHandles(isHandle);
    await super.setup();
  }

  async teardown() {
    try {
      const left = inWorker ? await handlesLeftOpen(this.#before, { only: isHandle }) : {};
      const kinds = Object.entries(left).map(([kind, count]) => `${count} ${kind}`);
      if (kinds.length > 0) {
        throw new Error(
          `${this.#testPath} left handles open after its last test: ${kinds.join(', ')}. Close servers, ` +
            `sockets, clients and child processes in afterAll/afterEach.`,
        );
      }
    } finally {
      await super.teardown();
    }
  }
}
