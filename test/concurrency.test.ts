import { describe, expect, it } from '@jest/globals';
import { mapWithConcurrency } from '../src/concurrency.js';

/** A promise the test settles by hand: in-flight counts are observed, never timed. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const flush = () => new Promise<void>((done) => setImmediate(done));

describe('mapWithConcurrency', () => {
  it('keeps at most `limit` calls pending and starts the next one as soon as one settles', async () => {
    const gates = Array.from({ length: 7 }, () => deferred<void>());
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const result = mapWithConcurrency(gates, 3, async (gate, index) => {
      started.push(index);
      running += 1;
      peak = Math.max(peak, running);
      await gate.promise;
      running -= 1;
      return index * 10;
    });
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.resolve();
    await flush();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const gate of gates) gate.resolve();
    await expect(result).resolves.toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(peak).toBe(3);
  });

  it('returns results in input order even when later items finish first', async () => {
    const gates = [deferred<void>(), deferred<void>()];
    const result = mapWithConcurrency(['slow', 'fast'], 2, async (name, index) => {
      await gates[index]?.promise;
      return name;
    });
    gates[1]?.resolve();
    await flush();
    gates[0]?.resolve();
    await expect(result).resolves.toEqual(['slow', 'fast']);
  });

  it('handles no items and a limit above the item count', async () => {
    await expect(mapWithConcurrency([], 4, () => Promise.resolve(1))).resolves.toEqual([]);
    await expect(mapWithConcurrency([1, 2], 64, (n) => Promise.resolve(n + 1))).resolves.toEqual([2, 3]);
  });

  it('rejects when a call rejects', async () => {
    await expect(
      mapWithConcurrency([1, 2, 3], 2, (n) => (n === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(n))),
    ).rejects.toThrow('boom');
  });

  it('refuses a limit below one', async () => {
    await expect(mapWithConcurrency([1], 0, (n) => Promise.resolve(n))).rejects.toThrow(RangeError);
  });
});
