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
