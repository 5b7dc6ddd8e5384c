/**
 * The parts of an account the collector can read, as data: each source's AWS actions are the one place
 * permissions come from (controls name sources, never actions), so policies/iam/*.json and docs/permissions.md
 * are generated from this table.
 */

import type { AlternateContactType } from './types.js';

/** The alternate contacts, each read in a call of its own: the parts of the `alternateContacts` source. */
export const ALTERNATE_CONTACT_TYPES: readonly AlternateContactType[] = ['BILLING', 'OPERATIONS', 'SECURITY'];

export interface DataSourceDefinition {
  /** The AWS actions the collector calls for this source (read-only). */
  actions: readonly string[];
  /** What it reads, for docs/permissions.md. */
  reads: string;
  /** What happens without the permission, for docs/permissions.md. */
  without: string;
  /** Best effort when read as an area's context: only a control that names it among its sources requires it. */
  optional?: true;
  /**
   * Only the management account (or a delegated administrator) can answer; other members are refused. Organization
   * runs read it as context in the hub's own account only.
   */
  managementOnly?: true;
  /** A source read in parts, one call each: the parts. A policy may need only some (state/sources' SourceParts). */
  parts?: readonly string[];
  /** `apply`: the write that sets this source, and the read-back that confirms it (policies/iam/apply.json). */
  write?: { actions: readonly string[]; readBack: readonly string[] };
}

export const DATA_SOURCE_DEFINITIONS = {
  passwordPolicy: {
    actions: ['iam:GetAccountPasswordPolicy'],
    reads: 'the account password policy. `NoSuchEntity` means the account has none.',
    without: 'the password-policy controls report `error`',
    write: { actions: ['iam:UpdateAccountPasswordPolicy'], readBack: ['iam:GetAccountPasswordPolicy'] },
  },
  accountSummary: {
    actions: ['iam:GetAccountSummary'],
    reads: '`AccountMFAEnabled`, `AccountAccessKeysPresent`: the authoritative flags for the root user',
    without: 'the root controls that need it report `error`',
  },
  virtualMfaDevices: {
    actions: ['iam:ListVirtualMFADevices'],
    reads:
      'virtual MFA devices, all pages. A virtual device assigned to `arn:aws:iam::ID:root` means root MFA ' +
      'is not hardware.',
    without: '`root.mfa` (hardware) reports `error`',
  },
  credentialReport: {
    actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    reads:
      'the credential report (CSV): password, MFA, keys and certificates of root and every IAM user, with last-use ' +
      'dates. `GenerateCredentialReport` asks IAM for a new report when none exists, it has expired, or it is older ' +
      'than the maximum age (default 4 hours); it changes nothing in the account.',
    without:
      'the controls that need it report `error` (a fresh existing report is still read without ' +
      '`GenerateCredentialReport`)',
  },
  alternateContacts: {
    actions: ['account:GetAlternateContact'],
    reads:
      'the BILLING, OPERATIONS and SECURITY alternate contacts that the declared controls need, each in its own ' +
      'call. `ResourceNotFoundException` means the contact is not set.',
    without: 'the alternate-contact controls report `error`',
    parts: ALTERNATE_CONTACT_TYPES,
    write: { actions: ['account:PutAlternateContact'], readBack: ['account:GetAlternateContact'] },
  },
  contactInformation: {
    actions: ['account:GetContactInformation'],
    reads: "the account's primary contact",
    without: '`contacts.primary` reports `error`',
  },
  authorizationDetails: {
    actions: ['iam:GetAccountAuthorizationDetails'],
    reads:
      'users, groups and roles with their attached and inline policies, and the customer-managed policies with their ' +
      'default documents, all pages. Read only when a control needs it.',
    without: 'the IAM policy controls report `error`',
  },
  serverCertificates: {
    actions: ['iam:ListServerCertificates'],
    reads: 'the IAM server certificates and their expiry dates, all pages',
    without: 'the server-certificate controls report `error`',
  },
  organizationsFeatures: {
    actions: ['iam:ListOrganizationsFeatures'],
    reads: 'whether the organization manages root credentials centrally (`RootCredentialsManagement`, `RootSessions`)',
    without:
      'the control that needs it reports `error` (member accounts and accounts outside an organization cannot call ' +
      'it: that control is `skipped` there). As context for the other root controls it is best effort.',
    optional: true,
    managementOnly: true,
  },
  enabledRegions: {
    actions: ['account:ListRegions'],
    reads: 'the regions enabled for the account (`RegionOptStatus` ENABLED or ENABLED_BY_DEFAULT), all pages',
    without: '`accessAnalyzer.required` reports `error`',
  },
  accessAnalyzers: {
    actions: ['access-analyzer:ListAnalyzers'],
    reads: 'the Access Analyzer analyzers of each enabled region (one call per region, a few at a time)',
    without: '`accessAnalyzer.required` reports `error` for each region it cannot read',
  },
} as const satisfies Record<string, DataSourceDefinition>;

export type DataSource = keyof typeof DATA_SOURCE_DEFINITIONS;
export const DATA_SOURCES = Object.keys(DATA_SOURCE_DEFINITIONS) as DataSource[];

/** Of the sources read in parts, the parts to read; a source not named here is read whole (all its parts). */
export type SourceParts = Partial<Record<DataSource, readonly string[]>>;

/** Always read, whatever the policy: the account id, for the report and the account guard. */
export const IDENTITY_SOURCE: DataSourceDefinition = {
  actions: ['sts:GetCallerIdentity'],
  reads: "the account id and the caller's ARN",
  without: 'STS allows this call even when a policy denies it. If it fails, nothing can be read (exit 3).',
};

/** What a control may read: a data source, or the identity every run reads. */
export type SourceId = DataSource | 'identity';
export const SOURCE_IDS: readonly SourceId[] = ['identity', ...DATA_SOURCES];

export function sourceDefinition(id: SourceId): DataSourceDefinition {
  return id === 'identity' ? IDENTITY_SOURCE : DATA_SOURCE_DEFINITIONS[id];
}

/** The AWS actions each source calls (policies/iam/read-only.json grants exactly their union). */
export const SOURCE_ACTIONS = Object.fromEntries(
  SOURCE_IDS.map((id) => [id, sourceDefinition(id).actions]),
) as Readonly<Record<SourceId, readonly string[]>>;
