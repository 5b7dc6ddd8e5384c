/** Organization runs: the policy that applies to one account, with its matching `targets` merged in. */
import { type Locations, mergeMapping } from './merge.js';
import type { Policy, TargetOverride } from './types.js';

export interface AccountPlacement {
  accountId: string;
  /** Every OU the account sits in, nearest first or not: order does not matter; may include the root (r-...). */
  organizationalUnitIds: readonly string[];
}

function matches(target: TargetOverride, placement: AccountPlacement): boolean {
  if (target.accounts?.includes(placement.accountId)) return true;
  return (target.organizationalUnits ?? []).some((ou) => placement.organizationalUnitIds.includes(ou));
}

/**
 * The common sections with every matching target merged over them in file order (later wins), and `targets`
 * removed. Locations of overridden values point at the target entry that set them.
 */
export function resolvePolicyForAccount(policy: Policy, placement: AccountPlacement): Policy {
  const { targets, locations, version, file, ...body } = policy;
  const data: Record<string, unknown> = structuredClone(body);
  const merged: Locations = Object.fromEntries(
    Object.entries(locations).filter(([key]) => key !== 'targets' && !key.startsWith('targets.')),
  );
  (targets ?? []).forEach((target, index) => {
    if (!matches(target, placement)) return;
    const { accounts: _accounts, organizationalUnits: _units, ...overrides } = target;
    mergeMapping(data, merged, '', overrides, locations, `targets.${index}`);
  });
  return { version, file, ...(data as Omit<Policy, 'version' | 'file' | 'locations' | 'targets'>), locations: merged };
}
