/**
 * The organization report: the single-account JSON report (contract) plus one section per account. Top-level
 * `findings` holds every finding tagged with `account`, so every reporter written for one account (summary,
 * SARIF, annotations, text) works on it unchanged. The same builder serves a single job and `merge`, which is
 * what makes a merged sharded run byte-for-byte the single-job run (up to `generatedAt`).
 */
import { countStatuses, type Finding, type Report, type StatusCounts } from '../findings.js';

export interface AccountSection {
  id: string;
  name?: string;
  /** Why the account could not be reached (its findings are then `error`); absent when it was read. */
  accessError?: string;
  /** When AWS generated the credential report that was evaluated for this account. */
  credentialReportGeneratedAt?: string;
  summary: StatusCounts;
  findings: Finding[];
  warnings: string[];
}

export interface OrgReport extends Report {
  /** Always null: many accounts; see `accounts`. */
  account: { id: null };
  accounts: AccountSection[];
  /** Set on the report of one shard (`2/4`); `merge` checks every shard is there once and drops it. */
  shard?: string;
}

/** What a run produces for one account, before it is put in the report. */
export interface AccountOutcome {
  id: string;
  name?: string;
  accessError?: string;
  credentialReportGeneratedAt?: string;
  findings: Finding[];
  warnings: string[];
}

export interface OrgReportMeta {
  policy: string;
  generatedAt: string;
  /** The policy's `cisVersion`, when it names one. */
  cisVersion?: string;
  shard?: string;
}

export function compareAccountIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Fixed key order: the JSON text depends only on the data. */
export function buildAccountSection(outcome: AccountOutcome): AccountSection {
  const findings = outcome.findings.map((finding) => ({ ...finding, account: outcome.id }));
  return {
    id: outcome.id,
    ...(outcome.name === undefined ? {} : { name: outcome.name }),
    ...(outcome.accessError === undefined ? {} : { accessError: outcome.accessError }),
    ...(outcome.credentialReportGeneratedAt === undefined
      ? {}
      : { credentialReportGeneratedAt: outcome.credentialReportGeneratedAt }),
    summary: countStatuses(findings),
    findings,
    warnings: [...outcome.warnings],
  };
}

export function buildOrgReport(outcomes: readonly AccountOutcome[], meta: OrgReportMeta): OrgReport {
  const accounts = outcomes.map(buildAccountSection).sort((a, b) => compareAccountIds(a.id, b.id));
  return assembleOrgReport(accounts, meta);
}

/** Sections (already built, sorted by ID) into the report; `merge` uses it on sections read back from shards. */
export function assembleOrgReport(accounts: readonly AccountSection[], meta: OrgReportMeta): OrgReport {
  const findings = accounts.flatMap((section) => section.findings);
  return {
    version: 1,
    account: { id: null },
    policy: meta.policy,
    generatedAt: meta.generatedAt,
    ...(meta.cisVersion === undefined ? {} : { cisVersion: meta.cisVersion }),
    ...(meta.shard === undefined ? {} : { shard: meta.shard }),
    summary: countStatuses(findings),
    accounts: [...accounts],
    findings,
    warnings: accounts.flatMap((section) => section.warnings.map((warning) => `account ${section.id}: ${warning}`)),
  };
}

export function isOrgReport(report: Report): report is OrgReport {
  return Array.isArray((report as Partial<OrgReport>).accounts);
}
