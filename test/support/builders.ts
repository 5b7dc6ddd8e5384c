/**
 * Fixture builders for the pure tests: account states, policies and password-policy values. A fixed `NOW`, never
 * the clock.
 */
import type { PasswordPolicyExpectation, Policy } from '../../src/policy/types.js';
import type {
  AccountState,
  AccountSummary,
  AlternateContact,
  AlternateContactType,
  CredentialReportRow,
  PasswordPolicyState,
  ReadError,
  Readable,
} from '../../src/state/types.js';
import { STRONG_PASSWORD_POLICY } from './password-policy.mjs';

export const NOW = new Date('2026-11-26T12:00:00Z');
export const ACCOUNT_ID = '111122223333';
export const ROOT_ARN = `arn:aws:iam::${ACCOUNT_ID}:root`;
const DAY_MS = 86_400_000;

/** An ISO timestamp `days` (may be fractional) before NOW. */
export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * DAY_MS).toISOString();
}

export function ok<T>(value: T): Readable<T> {
  return { ok: true, value };
}

export function denied(action: string): Readable<never> {
  const error: ReadError = { code: 'AccessDenied', message: `User is not authorized to perform: ${action}`, action };
  return { ok: false, error };
}

export function throttled(action: string): Readable<never> {
  return { ok: false, error: { code: 'Throttling', message: 'Rate exceeded', action } };
}

/** The root row of a typical account: password (reported as not_supported), MFA on, no keys, no certificates. */
export function rootRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: ROOT_ARN,
    userCreationTime: daysAgo(900),
    passwordEnabled: 'not_supported',
    passwordLastUsed: daysAgo(200),
    passwordLastChanged: 'not_supported',
    passwordNextRotation: 'not_supported',
    mfaActive: true,
    accessKey1Active: false,
    accessKey1LastRotated: 'N/A',
    accessKey1LastUsedDate: 'N/A',
    accessKey1LastUsedRegion: 'N/A',
    accessKey1LastUsedService: 'N/A',
    accessKey2Active: false,
    accessKey2LastRotated: 'N/A',
    accessKey2LastUsedDate: 'N/A',
    accessKey2LastUsedRegion: 'N/A',
    accessKey2LastUsedService: 'N/A',
    cert1Active: false,
    cert1LastRotated: 'N/A',
    cert2Active: false,
    cert2LastRotated: 'N/A',
    ...overrides,
  };
}

/** The root row of a member account whose root credentials were never set or were removed centrally. */
export function credentiallessRootRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return rootRow({ passwordEnabled: false, passwordLastUsed: 'N/A', mfaActive: false, ...overrides });
}

/** An IAM user with nothing: no password, no keys. Add what the test needs. */
export function userRow(user: string, overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    ...rootRow(),
    user,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/${user}`,
    userCreationTime: daysAgo(400),
    passwordEnabled: false,
    passwordLastUsed: 'N/A',
    passwordLastChanged: 'N/A',
    passwordNextRotation: 'N/A',
    mfaActive: false,
    ...overrides,
  };
}

/** GetAccountSummary of an account whose root has MFA, no keys and no certificates. */
export function summary(overrides: AccountSummary = {}): AccountSummary {
  return {
    AccountMFAEnabled: 1,
    AccountAccessKeysPresent: 0,
    AccountSigningCertificatesPresent: 0,
    Users: 0,
    ...overrides,
  };
}

export function contact(overrides: Partial<AlternateContact> = {}): AlternateContact {
  return {
    name: 'Security Team',
    title: 'CISO',
    email: 'security@example.com',
    phone: '+1 206-555-0100',
    ...overrides,
  };
}

export function alternateContacts(
  contacts: Partial<Record<AlternateContactType, AlternateContact | null>>,
): Partial<Record<AlternateContactType, Readable<AlternateContact | null>>> {
  const result: Partial<Record<AlternateContactType, Readable<AlternateContact | null>>> = {};
  for (const [type, value] of Object.entries(contacts) as Array<[AlternateContactType, AlternateContact | null]>)
    result[type] = ok(value);
  return result;
}

export interface StateParts {
  summary?: AccountSummary | Readable<AccountSummary>;
  rows?: CredentialReportRow[];
  report?: AccountState['credentialReport'];
  virtualMfaDevices?: AccountState['virtualMfaDevices'];
}

/** A state with the given parts; pass a Readable to model a failed read, leave a part out to model "not collected". */
export function state(parts: StateParts = {}, extra: Partial<AccountState> = {}): AccountState {
  const result: AccountState = {
    version: 1,
    collectedAt: NOW.toISOString(),
    identity: ok({ accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:role/baseline-check` }),
    ...extra,
  };
  if (parts.summary)
    result.accountSummary = 'ok' in parts.summary ? (parts.summary as Readable<AccountSummary>) : ok(parts.summary);
  if (parts.rows) result.credentialReport = ok({ generatedAt: daysAgo(0.1), rows: parts.rows });
  if (parts.report) result.credentialReport = parts.report;
  if (parts.virtualMfaDevices) result.virtualMfaDevices = parts.virtualMfaDevices;
  return result;
}

/** A policy as the loader would produce it: every key written down gets its own line, in order. */
export function policyWith(body: Omit<Policy, 'version' | 'file' | 'locations'>, file = 'baseline.yml'): Policy {
  const locations: Policy['locations'] = {};
  let line = 1;
  const visit = (value: unknown, path: string, depth: number): void => {
    line += 1;
    locations[path] = { file, line, column: 1 + depth * 2 };
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, `${path}.${key}`, depth + 1);
    }
  };
  for (const [section, value] of Object.entries(body)) visit(value, section, 0);
  return { version: 1, file, locations, ...body };
}

/** The state of `state()` with whole parts given as they are (`passwordPolicy`, `alternateContacts`, ...). */
export function stateWith(parts: Partial<Omit<AccountState, 'version' | 'collectedAt'>> = {}): AccountState {
  return state({}, parts);
}

/** A password policy that meets the well-architected baseline exactly. */
export function strongPasswordPolicy(overrides: Partial<PasswordPolicyState> = {}): PasswordPolicyState {
  return { ...STRONG_PASSWORD_POLICY, ...overrides };
}

/** The password-policy expectation of the well-architected baseline, every field declared. */
export function strongPasswordExpectation(overrides: PasswordPolicyExpectation = {}): PasswordPolicyExpectation {
  return {
    minimumLength: 14,
    requireSymbols: true,
    requireNumbers: true,
    requireUppercase: true,
    requireLowercase: true,
    allowUsersToChangePassword: true,
    maxAgeDays: 90,
    reusePrevention: 24,
    hardExpiry: false,
    ...overrides,
  };
}
