/**
 * Masks contact e-mails and phone numbers (and, on request, IAM user names) in every field of a report, because
 * the logs, summaries and comments of public repositories are public. The mask keeps a hint for humans
 * (`j***@e***.com`, `+1 *** *** **34`); the exact values are returned for `core.setSecret`, so the runner also
 * masks them wherever else they might surface (except values too short to be a safe log mask: see
 * MIN_LOG_MASK_LENGTH).
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

/**
 * Values shorter than this (trimmed) are never registered as log masks: the runner would blank every `1` or space
 * of the whole job log (`::add-mask::1`), which lets whoever sets a contact field hide the log. Our own output
 * masks them instead (whole, as `***`).
 */
export const MIN_LOG_MASK_LENGTH = 4;

const SHORT_MASK = '***';

function isShort(value: string): boolean {
  return value.trim().length < MIN_LOG_MASK_LENGTH;
}

/** The values safe to hand to core.setSecret (long enough that masking them cannot blank the log). */
export function logMaskable(values: readonly string[]): string[] {
  return values.filter((value) => !isShort(value));
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (isShort(email) || at < 0) return SHORT_MASK;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}***@${host.slice(0, 1)}***${tld}`;
}

/** Keeps a leading `+country` code, the separators and the last two digits. */
export function maskPhone(phone: string): string {
  if (isShort(phone)) return SHORT_MASK;
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
  if (information?.ok && information.value && information.value.phoneNumber !== '')
    phones.push(information.value.phoneNumber);
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

/** From the credential report and the authorization details: a run may read either without the other. */
function userNames(state: AccountState): string[] {
  const report = state.credentialReport;
  const details = state.authorizationDetails;
  const names = [
    ...(report?.ok ? report.value.rows.map((row) => row.user) : []),
    ...(details?.ok ? details.value.users.map((user) => user.name) : []),
  ];
  return [...new Set(names)].filter((user) => user !== ROOT_ACCOUNT_ROW && user !== '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Replace = (text: string) => string;

/** Splits masks into those that may be replaced anywhere and short ones, replaced only as whole words. */
function splitShort(masks: ReadonlyMap<string, string>): { long: Map<string, string>; short: Map<string, string> } {
  const long = new Map<string, string>();
  const short = new Map<string, string>();
  for (const [value, mask] of masks) {
    // A blank value shows nothing; a short one (`1`) would match inside every number of the report.
    if (value.trim() === '') continue;
    (isShort(value) ? short : long).set(value, mask);
  }
  return { long, short };
}

/** Replaces each value by its mask, longest first (so a value that contains another is masked whole). */
function replacer(masks: ReadonlyMap<string, string>, boundaries: 'none' | 'user' | 'word'): Replace {
  if (masks.size === 0) return (text) => text;
  const alternatives = [...masks.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  // IAM user names may contain + = , . @ _ -: only mask whole names, never the inside of another word.
  const pattern =
    boundaries === 'user'
      ? new RegExp(`(?<![\\w+=,.@-])(?:${alternatives})(?![\\w+=,.@-])`, 'g')
      : boundaries === 'word'
        ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'gu')
        : new RegExp(alternatives, 'g');
  return (text) => text.replace(pattern, (value) => masks.get(value) ?? value);
}

function mapFinding(
  finding: Finding,
  contactFields: Replace,
  shortContactFields: Replace,
  userFields: Replace,
): Finding {
  // Short contact values are masked only in contact findings, as whole words: elsewhere `1` is just a number.
  const everyField: Replace = finding.control.startsWith('contacts.')
    ? (text) => shortContactFields(contactFields(text))
    : contactFields;
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

  const contacts = splitShort(contactMasks);
  const everyField = replacer(contacts.long, 'none');
  const shortContactFields = replacer(contacts.short, 'word');
  const userFields = replacer(userMasks, 'user');
  const redacted: Report = {
    ...report,
    findings: report.findings.map((finding) => mapFinding(finding, everyField, shortContactFields, userFields)),
    warnings: report.warnings.map((warning) => userFields(everyField(warning))),
  };
  const secrets = logMaskable([...new Set([...contactMasks.keys(), ...userMasks.keys()])]).sort();
  return { report: redacted, secrets };
}
