/**
 * `init --adopt`: the account's current deviations as waivers, like a linter's baseline file. The team starts
 * green; every waiver stays visible as `waived` in every report, and its expiry brings the deviation back.
 * Pure: findings and dates in, waivers and YAML text out.
 */
import type { Finding } from '../findings.js';
import { formatIsoDate } from '../dates.js';
import type { Waiver } from '../policy/types.js';

export const DEFAULT_WAIVER_DAYS = 90;

export interface AdoptedWaiver extends Waiver {
  resource: string;
  /** A short note for the YAML comment above the waiver (from a redacted report: safe to commit). */
  note: string;
}

export interface Adoption {
  waivers: AdoptedWaiver[];
  /** Findings whose state could not be read: a waiver never covers them (fail closed), so they are listed. */
  unreadable: Finding[];
}

/** `today` + `days`, as YYYY-MM-DD (UTC calendar days, as waivers count them). */
export function expiryDate(today: Date, days: number): string {
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return formatIsoDate(new Date(start + days * 86_400_000));
}

/**
 * One waiver per control and resource that fails now. `notes[i]` describes `findings[i]` for the comment
 * (pass the redacted report's findings, same order); without it the control's expectation is used.
 */
export function adoptionWaivers(
  findings: readonly Finding[],
  today: Date,
  days: number,
  notes: readonly Finding[] = findings,
): Adoption {
  const reason = `adopted on ${formatIsoDate(today)}`;
  const expires = expiryDate(today, days);
  const waivers: AdoptedWaiver[] = [];
  const seen = new Set<string>();
  findings.forEach((finding, index) => {
    if (finding.status !== 'fail') return;
    const key = `${finding.control}\u0000${finding.resource}`;
    if (seen.has(key)) return;
    seen.add(key);
    const described = notes[index] ?? finding;
    waivers.push({
      control: finding.control,
      resource: finding.resource,
      reason,
      expires,
      note: `${described.severity}: expected ${described.expected}, actual ${described.actual}`,
    });
  });
  return { waivers, unreadable: findings.filter((finding) => finding.status === 'error') };
}

/** A YAML scalar that is always read back as the same string: JSON's double-quoted form is valid YAML. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/** A comment line: one line, whatever the note holds. */
function comment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `# ${text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')}`;
}

/** The `exceptions:` block of an adopted policy, with a comment that says what it is and how to shrink it. */
export function renderAdoptedExceptions(waivers: readonly AdoptedWaiver[], accountId: string, today: Date): string {
  const header = [
    `# Adopted on ${formatIsoDate(today)} from account ${accountId}: each deviation found then is waived until its`,
    '# `expires` date. A waived finding still shows in every report (status `waived`); when a waiver expires, its',
    '# deviation fails the check again. Fix a deviation, then delete its waiver: a waiver that matches nothing is',
    '# reported as a warning.',
  ];
  if (waivers.length === 0)
    return `${[...header, '# Nothing deviated: no waiver was needed.', 'exceptions: []'].join('\n')}\n`;
  const lines = [...header, 'exceptions:'];
  for (const waiver of waivers) {
    lines.push(
      `  ${comment(waiver.note)}`,
      `  - control: ${waiver.control}`,
      `    resource: ${quoted(waiver.resource)}`,
      `    reason: ${quoted(waiver.reason)}`,
      `    expires: ${waiver.expires}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
