/** The organization options of `check`, apart from the organization code, which is loaded only when used. */
import { selectsAccounts } from '../organization-run/selection.js';
import { stringOption, type ParsedValues } from './options.js';

/** Options `check` takes on top of COMMON_OPTIONS. */
export const ORGANIZATION_OPTIONS = {
  accounts: { type: 'string' },
  organization: { type: 'boolean' },
  ou: { type: 'string' },
  'member-role-name': { type: 'string' },
  'external-id': { type: 'string' },
  concurrency: { type: 'string' },
  shard: { type: 'string' },
} as const;

/** The selection options as given, for the one decision and its parsing (src/organization-run/selection.ts). */
export function selectionText(values: ParsedValues): {
  accounts?: string;
  organizationalUnits?: string;
  organization: boolean;
} {
  const accounts = stringOption(values, 'accounts');
  const units = stringOption(values, 'ou');
  return {
    ...(accounts === undefined ? {} : { accounts }),
    ...(units === undefined ? {} : { organizationalUnits: units }),
    organization: values['organization'] === true,
  };
}

/** True when `check` was asked for more than the account of the credentials. */
export function isOrganizationRun(values: ParsedValues): boolean {
  return selectsAccounts(selectionText(values));
}

/** Options that only mean something with a selection of accounts: without one they must not be silently dropped. */
const ORGANIZATION_ONLY = ['shard', 'member-role-name', 'external-id', 'concurrency'] as const;

/**
 * The first organization-only option given, e.g. `shard` (a matrix job must not quietly check the hub account
 * instead).
 */
export function organizationOnlyOption(values: ParsedValues): string | undefined {
  return ORGANIZATION_ONLY.find((name) => stringOption(values, name) !== undefined);
}
