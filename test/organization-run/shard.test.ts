import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildShardMatrix,
  parseShard,
  parseShardCount,
  selectShard,
  shardAccounts,
} from '../../src/organization-run/shard.js';
import { UsageError } from '../../src/errors.js';
import { PROPERTY_RUNS } from '../support/property-runs.js';

const accountId = fc.integer({ min: 0, max: 999_999_999_999 }).map((n) => String(n).padStart(12, '0'));
const accountLists = fc.array(accountId, { maxLength: 300 });

describe('shardAccounts', () => {
  it('partitions the accounts exactly: every account in one shard, none twice, none missing', () => {
    fc.assert(
      fc.property(accountLists, fc.integer({ min: 1, max: 40 }), (ids, total) => {
        const shards = shardAccounts(ids, total);
        expect(shards).toHaveLength(total);
        const flat = shards.flat();
        expect(new Set(flat).size).toBe(flat.length);
        expect([...flat].sort()).toEqual([...new Set(ids)].sort());
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('balances the shards to within one account', () => {
    fc.assert(
      fc.property(accountLists, fc.integer({ min: 1, max: 40 }), (ids, total) => {
        const sizes = shardAccounts(ids, total).map((shard) => shard.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('is stable: the same set in any order, with duplicates, gives the same shards', () => {
    fc.assert(
      fc.property(accountLists, fc.integer({ min: 1, max: 10 }), fc.nat(), (ids, total, turn) => {
        const cut = ids.length === 0 ? 0 : turn % ids.length;
        const reordered = [...ids.slice(cut), ...ids.slice(0, cut)].reverse().concat(ids.slice(0, 3));
        expect(shardAccounts(reordered, total)).toEqual(shardAccounts(ids, total));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('cuts the sorted list into contiguous chunks, the first chunks one longer', () => {
    const ids = ['000000000005', '000000000001', '000000000004', '000000000002', '000000000003'];
    expect(shardAccounts(ids, 2)).toEqual([
      ['000000000001', '000000000002', '000000000003'],
      ['000000000004', '000000000005'],
    ]);
    expect(shardAccounts(ids, 7).map((shard) => shard.length)).toEqual([1, 1, 1, 1, 1, 0, 0]);
  });

  it('selectShard picks the i-th of N (1-based)', () => {
    const ids = ['000000000003', '000000000001', '000000000002'];
    expect(selectShard(ids, { index: 1, total: 2 })).toEqual(['000000000001', '000000000002']);
    expect(selectShard(ids, { index: 2, total: 2 })).toEqual(['000000000003']);
  });
});

describe('parseShard / parseShardCount', () => {
  it('reads i/N with 1 <= i <= N', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    expect(parseShard(' 4 / 4 ')).toEqual({ index: 4, total: 4 });
    expect(parseShard('256/256')).toEqual({ index: 256, total: 256 });
  });
  it('refuses i = 0, i > N, N > 256 and other text', () => {
    for (const bad of ['0/4', '5/4', '1/257', '1', 'a/b', '-1/2', '1/0'])
      expect(() => parseShard(bad)).toThrow(UsageError);
  });
  it('reads a shard count from 1 to 256', () => {
    expect(parseShardCount('1')).toBe(1);
    expect(parseShardCount('256')).toBe(256);
    for (const bad of ['0', '257', '1.5', '']) expect(() => parseShardCount(bad)).toThrow(UsageError);
  });
});

describe('buildShardMatrix', () => {
  it('lists one entry per shard with its i/N and accounts', () => {
    const ids = ['000000000003', '000000000001', '000000000002'];
    expect(buildShardMatrix(ids, 2)).toEqual({
      include: [
        { shard: '1/2', accounts: '000000000001,000000000002', count: 2 },
        { shard: '2/2', accounts: '000000000003', count: 1 },
      ],
    });
  });
  it('asks for no idle job: more shards than accounts gives one shard per account, none gives one empty shard', () => {
    expect(buildShardMatrix(['000000000001', '000000000002'], 8).include.map((entry) => entry.shard)).toEqual([
      '1/2',
      '2/2',
    ]);
    expect(buildShardMatrix([], 4)).toEqual({ include: [{ shard: '1/1', accounts: '', count: 0 }] });
  });
  it('matches selectShard for every entry, so a job given `shard` checks the accounts the matrix lists', () => {
    fc.assert(
      fc.property(accountLists, fc.integer({ min: 1, max: 20 }), (ids, requested) => {
        for (const entry of buildShardMatrix(ids, requested).include) {
          expect(selectShard(ids, parseShard(entry.shard)).join(',')).toBe(entry.accounts);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });
});
