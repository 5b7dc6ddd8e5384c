/**
 * What an organization run is asked to check, parsed alike from the CLI's options and the action's inputs:
 * which accounts (and so whether this is an organization run at all), and how many at once.
 */
import { UsageError } from '../errors.js';

/** Which accounts: `accounts` alone is the list; with `organization` (or OUs) it filters the discovered ones. */
export interface TargetSelection {
  accounts?: readonly string[];
  organization?: boolean;
  organizationalUnits?: readonly string[];
}

/** The selection as given, still to parse; undefined = not given (an empty `--accounts ""` is given, and wrong). */
export interface SelectionText {
  accounts?: string | undefined;
  organizationalUnits?: string | undefined;
  organization?: boolean;
}

export const DEFAULT_CONCURRENCY = 16;
const ACCOUNT_ID = /^\d{12}$/;
const PARENT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

/** The one decision "is this an organization run?": true when the run asks for more than the credentials' account. */
export function selectsAccounts(text: SelectionText): boolean {
  return text.organization === true || text.accounts !== undefined || text.organizationalUnits !== undefined;
}

/** The parsed selection, or undefined on a one-account run. */
export function parseSelection(text: SelectionText): TargetSelection | undefined {
  if (!selectsAccounts(text)) return undefined;
  const selection: TargetSelection = {};
  if (text.accounts !== undefined) selection.accounts = parseAccountIds(text.accounts);
  if (text.organizationalUnits !== undefined)
    selection.organizationalUnits = parseOrganizationalUnits(text.organizationalUnits);
  if (text.organization === true) selection.organization = true;
  return selection;
}

/** Parses `--accounts` / the `accounts` input: IDs separated by commas, spaces or new lines. */
export function parseAccountIds(text: string): string[] {
  const ids = text.split(/[\s,]+/).filter((part) => part !== '');
  const invalid = ids.filter((id) => !ACCOUNT_ID.test(id));
  if (invalid.length > 0)
    throw new UsageError(`accounts must be 12-digit account IDs; not valid: ${invalid.join(', ')}`);
  if (ids.length === 0) throw new UsageError('accounts is empty: give at least one 12-digit account ID');
  return [...new Set(ids)].sort();
}

/** Parses `--ou` / the `organizational-units` input. */
export function parseOrganizationalUnits(text: string): string[] {
  const ids = text.split(/[\s,]+/).filter((part) => part !== '');
  const invalid = ids.filter((id) => !PARENT_ID.test(id));
  if (invalid.length > 0)
    throw new UsageError(
      `organizational units must be OU or root IDs (ou-..., r-...); not valid: ${invalid.join(', ')}`,
    );
  return [...new Set(ids)];
}

/** Parses a concurrency input (`--concurrency`, action input); empty means the default. */
export function parseConcurrency(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_CONCURRENCY;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < 1 || value > 256) {
    throw new UsageError(`concurrency must be an integer from 1 to 256, got "${text}"`);
  }
  return value;
}
