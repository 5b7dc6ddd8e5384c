/** The organization options of `check`, apart from the organization code, which is loaded only when used. */
import { stringOption, type ParsedValues } from '../cli/options.js';

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

/** True when `check` was asked for more than the account of the credentials. */
export function isOrganizationRun(values: ParsedValues): boolean {
  return values['organization'] === true || stringOption(values, 'accounts') !== undefined || stringOption(values, 'ou') !== undefined;
}

/** Options that only mean something with a selection of accounts: without one they must not be silently dropped. */
const ORGANIZATION_ONLY = ['shard', 'member-role-name', 'external-id', 'concurrency'] as const;

/** The first organization-only option given, e.g. `shard` (a matrix job must not quietly check the hub account instead). */
export function organizationOnlyOption(values: ParsedValues): string | undefined {
  return ORGANIZATION_ONLY.find((name) => stringOption(values, name) !== undefined);
}
