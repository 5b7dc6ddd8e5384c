/** The two access-key slots of a credential-report row, read once per row (root and IAM-user controls share them). */
import type { CredentialReportRow } from '../state/types.js';
import { reportDate } from './dates.js';

export interface AccessKey {
  number: 1 | 2;
  active: boolean;
  /** `access_key_N_last_rotated`: when the key in the slot was created. */
  created: Date | undefined;
  lastUsed: Date | undefined;
}

/** Date parsing is most of a 5,000-user evaluation, and several rules ask about the same row. */
const keysByRow = new WeakMap<CredentialReportRow, readonly AccessKey[]>();

export function accessKeysOf(row: CredentialReportRow): readonly AccessKey[] {
  const known = keysByRow.get(row);
  if (known) return known;
  const keys: AccessKey[] = [
    {
      number: 1,
      active: row.accessKey1Active,
      created: reportDate(row.accessKey1LastRotated),
      lastUsed: reportDate(row.accessKey1LastUsedDate),
    },
    {
      number: 2,
      active: row.accessKey2Active,
      created: reportDate(row.accessKey2LastRotated),
      lastUsed: reportDate(row.accessKey2LastUsedDate),
    },
  ];
  keysByRow.set(row, keys);
  return keys;
}

const activeByRow = new WeakMap<CredentialReportRow, readonly AccessKey[]>();

export function activeAccessKeys(row: CredentialReportRow): readonly AccessKey[] {
  const known = activeByRow.get(row);
  if (known) return known;
  const active = accessKeysOf(row).filter((key) => key.active);
  activeByRow.set(row, active);
  return active;
}
