/** Day arithmetic on credential-report dates. `now` is always given: controls never read the clock. */
import { formatIsoDate } from '../dates.js';
import type { ReportDate } from '../state/types.js';

const DAY_MS = 86_400_000;
const MARKERS: ReadonlySet<string> = new Set(['N/A', 'no_information', 'not_supported']);

/** The instant a report cell names; undefined for the markers (never used, not applicable) and for junk. */
export function reportDate(value: ReportDate | undefined): Date | undefined {
  if (value === undefined || MARKERS.has(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** Whole days from `earlier` to `now`, rounded down; a date after `now` (clock skew) counts as 0. */
export function wholeDaysSince(earlier: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - earlier.getTime()) / DAY_MS));
}

/** "1 day", "10 days" */
export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** "2026-11-16 (10 days ago)" */
export function describeDay(date: Date, now: Date): string {
  return `${formatIsoDate(date)} (${dayCount(wholeDaysSince(date, now))} ago)`;
}
