/**
 * Masks contact e-mails and phone numbers (and, on request, IAM user names) in every field of a report, because
 * the logs, summaries and comments of public repositories are public. The mask keeps a hint for humans
 * (`j***@e***.com`, `+1 *** *** **34`); the exact values are returned for `core.setSecret`, so the runner also
 * masks them wherever else they might surface.
 */
import type { Finding, Report } from '../findings.js';
import { type AccountState, ROOT_ACCOUNT_ROW } from '../state/types.js';

/** `contacts` (default): e-mails and phone numbers; `users`: also IAM user names; `off`: nothing. */
export type RedactMode = 'contacts' | 'users' | 'off';

export const REDACT_MODES: readonly RedactMode[] = ['contacts', 'users', 'off'];

export interface Redaction {
  report: Report;
  /** The exact values masked, for the action to register with core.setSecret. */
  secrets: string[];
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Phone-looking text: 7 or more digits with the usual separators, optionally led by `+`. */
const PHONE = /(?<![\w+])\+?\d[\d ().-]{5,}\d(?![\w])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

/** Keeps a leading `+country` code, the separators and the last two digits. */
export function maskPhone(phone: string): string {
  const country = /^\+\d{1,3}(?=[ .()-])/.exec(phone)?.[0] ?? (phone.startsWith('+') ? '+' : '');
  const rest = phone.slice(country.length);
  const digits = rest.replace(/\D/g, '').length;
  let seen = 0;
  return (
    country +
    rest.replace(/\d/g, (digit) => {
      seen += 1;
      return seen > digits - 2 ? digit : '*';
    })
  );
}

/** IAM user names keep their first character only. */
export function maskUserName(name: string): string {
  return `${name.slice(0, 1)}***`;
}

function isPhone(text: string): boolean {
  return text.replace(/\D/g, '').length >= 7 && !ISO_DATE.test(text);
}

/** E-mails and phone numbers known from the account state. */
function knownContactValues(state: AccountState): { emails: string[]; phones: string[] } {
  const emails: string[] = [];
  const phones: string[] = [];
  for (const contact of Object.values(state.alternateContacts ?? {})) {
    if (contact?.ok && contact.value) {
      if (contact.value.email !== '') emails.push(contact.value.email);
      if (contact.value.phone !== '') phones.push(contact.value.phone);
    }
  }
  const information = state.contactInformation;
  if (information?.ok && information.value && information.value.phoneNumber !== '') phones.push(information.value.phoneNumber);
  return { emails, phones };
}

/** E-mail and phone-looking text inside contact findings (a value the state did not list, e.g. from a snapshot). */
function contactTextValues(findings: readonly Finding[]): { emails: string[]; phones: string[] } {
  const emails: string[] = [];
  const phones: string[] = [];
  // An `error` finding carries AWS's error text (ARNs with the account ID), never a contact value: scanning it
  // took the account ID for a phone number and masked it in every finding.
  for (const finding of findings.filter((f) => f.control.startsWith('contacts.') && f.status !== 'error')) {
    for (const text of [finding.resource, finding.expected, finding.actual, finding.message]) {
      emails.push(...(text.match(EMAIL) ?? []));
      phones.push(...(text.match(PHONE) ?? []).filter(isPhone));
    }
  }
  return { emails, phones };
}

function userNames(state: AccountState): string[] {
  const report = state.credentialReport;
  if (!report?.ok) return [];
  return report.value.rows.map((row) => row.user).filter((user) => user !== ROOT_ACCOUNT_ROW && user !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Replace = (text: string) => string;

/** Replaces each value by its mask, longest first (so a value that contains another is masked whole). */
function replacer(masks: ReadonlyMap<string, string>, wordBoundaries: boolean): Replace {
  if (masks.size === 0) return (text) => text;
  const alternatives = [...masks.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  // IAM user names may contain + = , . @ _ -: only mask whole names, never the inside of another word.
  const pattern = wordBoundaries
    ? new RegExp(`(?<![\\w+=,.@-])(?:${alternatives})(?![\\w+=,.@-])`, 'g')
    : new RegExp(alternatives, 'g');
  return (text) => text.replace(pattern, (value) => masks.get(value) ?? value);
}

function mapFinding(finding: Finding, everyField: Replace, userFields: Replace): Finding {
  const both: Replace = (text) => userFields(everyField(text));
  const redacted: Finding = {
    ...finding,
    resource: both(finding.resource),
    expected: everyField(finding.expected),
    actual: everyField(finding.actual),
    message: both(finding.message),
    remediation: everyField(finding.remediation),
  };
  if (finding.waiver) redacted.waiver = { ...finding.waiver, reason: everyField(finding.waiver.reason) };
  return redacted;
}

export function redactReport(report: Report, state: AccountState, mode: RedactMode): Redaction {
  if (mode === 'off') return { report, secrets: [] };
  const known = knownContactValues(state);
  const found = contactTextValues(report.findings);
  const contactMasks = new Map<string, string>();
  for (const email of [...known.emails, ...found.emails]) contactMasks.set(email, maskEmail(email));
  for (const phone of [...known.phones, ...found.phones]) contactMasks.set(phone, maskPhone(phone));
  const userMasks = new Map<string, string>();
  if (mode === 'users') for (const user of userNames(state)) userMasks.set(user, maskUserName(user));

  const everyField = replacer(contactMasks, false);
  const userFields = replacer(userMasks, true);
  const redacted: Report = {
    ...report,
    findings: report.findings.map((finding) => mapFinding(finding, everyField, userFields)),
    warnings: report.warnings.map((warning) => userFields(everyField(warning))),
  };
  const secrets = [...new Set([...contactMasks.keys(), ...userMasks.keys()])].sort();
  return { report: redacted, secrets };
}
