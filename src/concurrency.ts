/** Bounded concurrency: many accounts (or OUs), a fixed number in flight, results in input order. */

/**
 * Runs `work` over `items` with at most `limit` calls pending at once and resolves to the results in the
 * order of `items`. A rejected call rejects the whole map (callers that must go on catch inside `work`).
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  const results = new Array<R>(items.length);
  let next = 0;
  // Each worker pulls the next index until none is left: no batching, so one slow item never idles the others.
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  }
  const workers = Array.from({ length: Math.min(limit, items.length) }, () => worker());
  await Promise.all(workers);
  return results;
}
