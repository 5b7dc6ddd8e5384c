/** STUB interface: live collection (issue 4 work). Every independent call runs in parallel. */
import type { AccountState } from './types.js';
import type { AwsClients } from './aws-clients.js';
import type { DataSource } from './sources.js';

export interface CollectOptions {
  sources: ReadonlySet<DataSource>;
  now: Date;
  /** Reuse an existing credential report younger than this (default 4 hours). */
  credentialReportMaxAgeMs?: number;
  /** Give up waiting for a credential report being generated after this long. */
  credentialReportDeadlineMs?: number;
}

/** Reads the account. Never throws for a failed AWS call: that source becomes `{ ok: false, error }`. */
export async function collectAccountState(_clients: AwsClients, _options: CollectOptions): Promise<AccountState> {
  throw new Error('not implemented');
}
