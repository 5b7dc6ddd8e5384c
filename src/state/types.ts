/**
 * AccountState: everything read from one account. It is also the snapshot format (offline mode), so it is
 * plain JSON data. Each source is either read (`ok: true`) or not (`ok: false` with the cause), and a source
 * that was not collected at all is absent: controls that need it report `error`, never `pass`.
 */

export interface ReadError {
  /** AWS error code or name (`AccessDenied`, `Throttling`, `TimeoutError`, ...). */
  code: string;
  message: string;
  /** The IAM action whose call failed, e.g. `iam:GetAccountSummary` (named in AccessDenied findings). */
  action: string;
}

export type Readable<T> = { ok: true; value: T } | { ok: false; error: ReadError };

export interface PasswordPolicyState {
  minimumPasswordLength: number;
  requireSymbols: boolean;
  requireNumbers: boolean;
  requireUppercaseCharacters: boolean;
  requireLowercaseCharacters: boolean;
  allowUsersToChangePassword: boolean;
  expirePasswords: boolean;
  /** Days; absent when passwords do not expire. */
  maxPasswordAge?: number;
  /** Absent when reuse prevention is off. */
  passwordReusePrevention?: number;
  hardExpiry: boolean;
}

/** iam:GetAccountSummary's SummaryMap, as numbers (AccountMFAEnabled, AccountAccessKeysPresent, ...). */
export type AccountSummary = Record<string, number>;

export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user the device is assigned to (`arn:aws:iam::ID:root` for the root user); absent if unassigned. */
  userArn?: string;
  enableDate?: string;
}

/** Literal markers AWS writes in credential report cells. */
export type ReportMarker = 'N/A' | 'no_information' | 'not_supported';
/** An ISO 8601 timestamp or one of the ReportMarker strings (to the type checker both are just strings). */
export type ReportDate = string;

/** One row of the credential report, every column modelled. Booleans are parsed case-insensitively. */
/** The credential report's row for the root user (its `user` column). */
export const ROOT_ACCOUNT_ROW = '<root_account>';

export interface CredentialReportRow {
  user: string;
  arn: string;
  userCreationTime: ReportDate;
  passwordEnabled: boolean | ReportMarker;
  passwordLastUsed: ReportDate;
  passwordLastChanged: ReportDate;
  passwordNextRotation: ReportDate;
  mfaActive: boolean;
  accessKey1Active: boolean;
  accessKey1LastRotated: ReportDate;
  accessKey1LastUsedDate: ReportDate;
  accessKey1LastUsedRegion: string;
  accessKey1LastUsedService: string;
  accessKey2Active: boolean;
  accessKey2LastRotated: ReportDate;
  accessKey2LastUsedDate: ReportDate;
  accessKey2LastUsedRegion: string;
  accessKey2LastUsedService: string;
  cert1Active: boolean;
  cert1LastRotated: ReportDate;
  cert2Active: boolean;
  cert2LastRotated: ReportDate;
}

export interface CredentialReport {
  /** When AWS generated the report (GetCredentialReport GeneratedTime), ISO 8601. */
  generatedAt: string;
  rows: CredentialReportRow[];
}

export interface AlternateContact {
  name: string;
  title: string;
  email: string;
  phone: string;
}

export type AlternateContactType = 'BILLING' | 'OPERATIONS' | 'SECURITY';

export interface ContactInformation {
  fullName: string;
  phoneNumber: string;
  companyName?: string;
  addressLine1: string;
  city: string;
  countryCode: string;
  postalCode: string;
  stateOrRegion?: string;
  websiteUrl?: string;
}

/** A policy embedded in a user, group or role; `document` is the decoded, parsed JSON. */
export interface InlinePolicy {
  name: string;
  document: unknown;
}

/** A user, group or role from iam:GetAccountAuthorizationDetails. */
export interface IamPrincipal {
  name: string;
  arn: string;
  /** ARNs of the managed policies attached to it (AWS managed and customer managed). */
  attachedPolicies: string[];
  inlinePolicies: InlinePolicy[];
}

/** A customer-managed policy and its default version's document (decoded, parsed). */
export interface ManagedPolicy {
  name: string;
  arn: string;
  attachmentCount: number;
  document: unknown;
}

/** iam:GetAccountAuthorizationDetails, every page: who holds which policies. */
export interface AuthorizationDetails {
  users: IamPrincipal[];
  groups: IamPrincipal[];
  roles: IamPrincipal[];
  /** Customer-managed policies only (the LocalManagedPolicy filter). */
  policies: ManagedPolicy[];
}

/** iam:ListServerCertificates metadata. */
export interface ServerCertificate {
  name: string;
  arn: string;
  /** ISO 8601. */
  expiration: string;
}

/** One Access Analyzer analyzer as ListAnalyzers summarises it. */
export interface Analyzer {
  name: string;
  /** ACCOUNT, ORGANIZATION (external access) or ACCOUNT_UNUSED_ACCESS, ...; kept as AWS wrote it. */
  type: string;
  /** ACTIVE, CREATING, DISABLED or FAILED. */
  status: string;
}

export const SNAPSHOT_VERSION = 1;

export interface AccountState {
  /** Snapshot format version. */
  version: typeof SNAPSHOT_VERSION;
  collectedAt: string;
  /** sts:GetCallerIdentity */
  identity: Readable<{ accountId: string; arn: string }>;
  /** iam:GetAccountPasswordPolicy; `null` when the account has none (NoSuchEntity). */
  passwordPolicy?: Readable<PasswordPolicyState | null>;
  accountSummary?: Readable<AccountSummary>;
  virtualMfaDevices?: Readable<VirtualMfaDevice[]>;
  credentialReport?: Readable<CredentialReport>;
  /** account:GetAlternateContact per type; `null` when unset (ResourceNotFoundException). */
  alternateContacts?: Partial<Record<AlternateContactType, Readable<AlternateContact | null>>>;
  /** account:GetContactInformation; `null` when unset. */
  contactInformation?: Readable<ContactInformation | null>;
  /** iam:ListOrganizationsFeatures, best effort context (member accounts cannot call it). */
  organizationsFeatures?: Readable<{ organizationId?: string; enabledFeatures: string[] }>;
  /** iam:GetAccountAuthorizationDetails (users, groups, roles, customer-managed policies). */
  authorizationDetails?: Readable<AuthorizationDetails>;
  /** iam:ListServerCertificates, every page. */
  serverCertificates?: Readable<ServerCertificate[]>;
  /** account:ListRegions, every page: the regions whose RegionOptStatus is ENABLED or ENABLED_BY_DEFAULT. */
  enabledRegions?: Readable<string[]>;
  /** access-analyzer:ListAnalyzers in each enabled region (absent when the regions could not be read). */
  accessAnalyzers?: Record<string, Readable<Analyzer[]>>;
}
