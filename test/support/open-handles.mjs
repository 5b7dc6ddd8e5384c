/**
 * What keeps this process alive, by kind (`TCPServerWrap`, `TCPSocketWrap`, `Timeout`, `ProcessWrap`, ...), as
 * Node counts it: unref'd timers and handles are left out, since they cannot hold a process open. The test
 * environment (handle-guard-environment.mjs) compares the counts before and after each test file.
 */

/** @returns {Record<string, number>} the kinds `only` accepts (all by default) and their counts */
export function activeHandles(only = () => true) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const kind of process.getActiveResourcesInfo()) if (only(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** The kinds with more handles now than in `baseline`, and how many more. */
function excess(baseline, now) {
  /** @type {Record<string, number>} */
  const more = {};
  for (const [kind, count] of Object.entries(now)) {
    const extra = count - (baseline[kind] ?? 0);
    if (extra > 0) more[kind] = extra;
  }
  return more;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The handles opened since `baseline` that are still open: `{}` once every one is closed. A socket or child
 * process ends a few event-loop turns after its `close()` resolved, so this waits for the counts to come back
 * down, up to `waitMs` (a bound for a handle that never closes, not a wait: a clean file returns at once).
 * `only` picks the kinds looked at.
 */
export async function handlesLeftOpen(baseline, { waitMs = 30_000, only = () => true } = {}) {
  const started = performance.now();
  await nextTurn();
  for (;;) {
    const left = excess(baseline, activeHandles(only));
    if (Object.keys(left).length === 0 || performance.now() - started >= waitMs) return left;
    await pause(Math.min(50, waitMs));
  }
}
