/**
 * Sharding for GitHub's `strategy.matrix`: `discover` splits the sorted account list into N contiguous
 * chunks, and `shard: i/N` selects chunk i. The split depends only on the set of account IDs, so every job
 * of a run (and every run over the same accounts) computes the same partition.
 */
import { UsageError } from '../errors.js';

/** GitHub runs at most 256 jobs per matrix. */
export const MAX_SHARDS = 256;

/** One shard, 1-based: `2/4` is the second of four. */
export interface ShardSpec {
  index: number;
  total: number;
}

export function formatShard(spec: ShardSpec): string {
  return `${spec.index}/${spec.total}`;
}

export function parseShardCount(text: string): number {
  const total = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || total < 1 || total > MAX_SHARDS) {
    throw new UsageError(`shards must be an integer from 1 to ${MAX_SHARDS}, got "${text}"`);
  }
  return total;
}

export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || total > MAX_SHARDS || index < 1 || index > total) {
    throw new UsageError(`shard must look like i/N with 1 <= i <= N <= ${MAX_SHARDS}, got "${text}"`);
  }
  return { index, total };
}

/** Account IDs are 12 digits, so a plain string sort is numeric order; duplicates are dropped. */
export function sortedUnique(accountIds: readonly string[]): string[] {
  return [...new Set(accountIds)].sort();
}

/**
 * Splits the accounts into `total` contiguous chunks of the sorted list whose sizes differ by at most one
 * (the first `count % total` chunks get the extra account). Chunks may be empty when there are fewer
 * accounts than shards: the matrix keeps its size, so `shard: i/N` stays valid for every i.
 */
export function shardAccounts(accountIds: readonly string[], total: number): string[][] {
  if (!Number.isInteger(total) || total < 1) throw new UsageError(`shards must be a positive integer, got ${total}`);
  const sorted = sortedUnique(accountIds);
  const base = Math.floor(sorted.length / total);
  const extra = sorted.length % total;
  const chunks: string[][] = [];
  let start = 0;
  for (let index = 0; index < total; index += 1) {
    const size = base + (index < extra ? 1 : 0);
    chunks.push(sorted.slice(start, start + size));
    start += size;
  }
  return chunks;
}

export function selectShard(accountIds: readonly string[], spec: ShardSpec): string[] {
  return shardAccounts(accountIds, spec.total)[spec.index - 1] ?? [];
}

/** One job of the matrix: `shard` for `--shard`/`shard:`, `accounts` (comma-separated) to show or pass on. */
export interface ShardMatrixEntry {
  shard: string;
  accounts: string;
  count: number;
}

/** What `discover` prints: `strategy.matrix: ${{ fromJSON(needs.discover.outputs.matrix) }}`. */
export interface ShardMatrix {
  include: ShardMatrixEntry[];
}

/** Fewer accounts than shards: one job per account, no idle jobs (the N in each `i/N` says how many). */
export function buildShardMatrix(accountIds: readonly string[], requested: number): ShardMatrix {
  const total = Math.max(1, Math.min(requested, sortedUnique(accountIds).length));
  return {
    include: shardAccounts(accountIds, total).map((chunk, index) => ({
      shard: formatShard({ index: index + 1, total }),
      accounts: chunk.join(','),
      count: chunk.length,
    })),
  };
}

/** Compact JSON on one line: it goes into a `GITHUB_OUTPUT` value. */
export function renderShardMatrix(matrix: ShardMatrix): string {
  return JSON.stringify(matrix);
}
