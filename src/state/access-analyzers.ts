/**
 * The enabled regions (account:ListRegions) and the Access Analyzer analyzers in each of them: ListAnalyzers is
 * regional, so it runs once per enabled region, a few regions at a time, each on its own client of the run's
 * shared handler. A region that cannot be read keeps its own error; the others are still read.
 */
import { ListRegionsCommand, type AccountClient } from '@aws-sdk/client-account';
import type { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import type { HttpHandlerOptions } from '@smithy/types';
import { mapWithConcurrency } from '../concurrency.js';
import { malformed } from './answers.js';
import { toReadError } from './read-error.js';
import type { Analyzer, Readable } from './types.js';

/** Regions read at once: about 30 regions exist; a handful in flight keeps the run short without bursts. */
export const REGION_CONCURRENCY = 6;
/** A list longer than this many pages is taken for an endpoint that never ends it. */
const MAX_PAGES = 200;
const ENABLED = new Set(['ENABLED', 'ENABLED_BY_DEFAULT']);

async function read<T>(action: string, work: () => Promise<T>): Promise<Readable<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toReadError(error, action) };
  }
}

/** Follows `NextToken`s to the end; a token seen twice, or too many pages, is a malformed answer. */
async function allPages<T>(
  action: string,
  page: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    if (seen.size >= MAX_PAGES) throw malformed(action, `more than ${MAX_PAGES} pages`);
    const answer = await page(token);
    items.push(...answer.items);
    token = answer.next;
    if (token !== undefined && seen.has(token))
      throw malformed(action, 'a NextToken it had already given: the list does not end');
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
  return items;
}

export function readEnabledRegions(account: AccountClient, options: HttpHandlerOptions): Promise<Readable<string[]>> {
  const action = 'account:ListRegions';
  return read(action, async () => {
    const regions = await allPages(action, async (token) => {
      const output = await account.send(
        new ListRegionsCommand({ MaxResults: 50, ...(token ? { NextToken: token } : {}) }),
        options,
      );
      if (!Array.isArray(output.Regions)) throw malformed(action, 'a page without Regions, which AWS always sends');
      return { items: output.Regions, next: output.NextToken || undefined };
    });
    return regions.flatMap((region) => {
      if (
        typeof region.RegionName !== 'string' ||
        region.RegionName === '' ||
        typeof region.RegionOptStatus !== 'string'
      ) {
        throw malformed(action, 'a region without RegionName or RegionOptStatus');
      }
      return ENABLED.has(region.RegionOptStatus) ? [region.RegionName] : [];
    });
  });
}

function readAnalyzers(client: AccessAnalyzerClient, options: HttpHandlerOptions): Promise<Readable<Analyzer[]>> {
  const action = 'access-analyzer:ListAnalyzers';
  return read(action, () =>
    allPages(action, async (token) => {
      const output = await client.send(new ListAnalyzersCommand({ ...(token ? { nextToken: token } : {}) }), options);
      if (!Array.isArray(output.analyzers)) throw malformed(action, 'a page without analyzers, which AWS always sends');
      const items = output.analyzers.map((summary): Analyzer => {
        if (
          typeof summary.name !== 'string' ||
          typeof summary.type !== 'string' ||
          typeof summary.status !== 'string'
        ) {
          throw malformed(action, 'an analyzer without name, type or status');
        }
        return { name: summary.name, type: summary.type, status: summary.status };
      });
      return { items, next: output.nextToken || undefined };
    }),
  );
}

/** The analyzers of every region, keyed by region, in the regions' order. */
export async function readAccessAnalyzers(
  clientFor: ((region: string) => Promise<AccessAnalyzerClient>) | undefined,
  regions: readonly string[],
  options: HttpHandlerOptions,
): Promise<Record<string, Readable<Analyzer[]>>> {
  const results = await mapWithConcurrency(regions, REGION_CONCURRENCY, (region): Promise<Readable<Analyzer[]>> => {
    if (!clientFor) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'NoClient',
          message: 'no Access Analyzer client in this run',
          action: 'access-analyzer:ListAnalyzers',
        },
      });
    }
    // The SDK is loaded on first use: a failed load is this region's error, never the run's.
    return read('access-analyzer:ListAnalyzers', () => clientFor(region)).then((client) =>
      client.ok ? readAnalyzers(client.value, options) : client,
    );
  });
  return Object.fromEntries(regions.map((region, index) => [region, results[index] as Readable<Analyzer[]>]));
}
