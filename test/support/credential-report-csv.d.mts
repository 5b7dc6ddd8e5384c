// Types for credential-report-csv.mjs.
import type { CredentialReportCsvRow } from './aws-server.mjs';

export const CREDENTIAL_REPORT_COLUMNS: readonly string[];

/** CSV text as AWS returns it: header plus one line per row, `\n` separated, no trailing newline. */
export function credentialReportCsv(rows: readonly CredentialReportCsvRow[]): string;

/** A `<root_account>` row (password not_supported, MFA on, no keys), with overrides. */
export function rootAccountRow(accountId: string, overrides?: CredentialReportCsvRow): CredentialReportCsvRow;

/** An IAM user row (console password with MFA, no keys), with overrides. */
export function iamUserRow(accountId: string, userName: string, overrides?: CredentialReportCsvRow): CredentialReportCsvRow;
