// Builds IAM credential report CSV text the way AWS writes it (column order, markers), for the local AWS
// server and for fixtures. Plain ESM so jest tests and node bench scripts share it.

/** The columns of the IAM credential report, in AWS's order. */
export const CREDENTIAL_REPORT_COLUMNS = Object.freeze([
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
]);

const BOOLEAN_COLUMNS = new Set([
  'mfa_active',
  'access_key_1_active',
  'access_key_2_active',
  'cert_1_active',
  'cert_2_active',
]);

/** What AWS writes in a cell nobody filled: `false` for flags, `N/A` for the rest. */
function defaultCell(column) {
  return BOOLEAN_COLUMNS.has(column) ? 'false' : 'N/A';
}

function csvCell(value) {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text (header + one line per row, `\n` separated, no trailing newline, as AWS returns it). */
export function credentialReportCsv(rows) {
  const lines = [CREDENTIAL_REPORT_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(CREDENTIAL_REPORT_COLUMNS.map((column) => csvCell(row[column] ?? defaultCell(column))).join(','));
  }
  return lines.join('\n');
}

/**
 * The `<root_account>` row as AWS writes it for an account whose root has a password, MFA and no keys;
 * pass overrides for anything else.
 */
export function rootAccountRow(accountId, overrides = {}) {
  return {
    user: '<root_account>',
    arn: `arn:aws:iam::${accountId}:root`,
    user_creation_time: '2020-01-01T00:00:00+00:00',
    password_enabled: 'not_supported',
    password_last_used: 'no_information',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'true',
    ...overrides,
  };
}

/** An IAM user row (console password with MFA, no keys); pass overrides for anything else. */
export function iamUserRow(accountId, userName, overrides = {}) {
  return {
    user: userName,
    arn: `arn:aws:iam::${accountId}:user/${userName}`,
    user_creation_time: '2024-01-01T00:00:00+00:00',
    password_enabled: 'true',
    password_last_used: '2026-11-01T00:00:00+00:00',
    password_last_changed: '2026-06-01T00:00:00+00:00',
    password_next_rotation: 'N/A',
    mfa_active: 'true',
    ...overrides,
  };
}
