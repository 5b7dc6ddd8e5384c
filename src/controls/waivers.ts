/**
 * Waivers (`exceptions`): a live waiver turns a matching failure into `waived` (still reported); an expired one
 * stops waiving and is itself a finding; one that matches nothing is a warning, so stale waivers get cleaned up.
 */
import type { Finding, SourceLocation } from '../findings.js';
import { daysBetween, parseIsoDate } from '../dates.js';
import { globMatches } from '../policy/patterns.js';
import type { Policy, Waiver } from '../policy/types.js';
import { locate } from './control.js';

export interface WaiverOutcome {
  findings: Finding[];
  /** Waivers that matched nothing, and the like. */
  warnings: string[];
}

/** Globs are matched in linear time (src/policy/patterns.ts): a waiver cannot stall the run. */
function covers(waiver: Waiver, finding: Finding): boolean {
  if (waiver.control !== finding.control) return false;
  return (
    waiver.resource === undefined ||
    waiver.resource === finding.resource ||
    globMatches(waiver.resource, finding.resource)
  );
}

/** A waiver waives through its `expires` day (UTC), and not after; an unreadable date never waives. */
export function isExpired(waiver: Waiver, now: Date): boolean {
  const expires = parseIsoDate(waiver.expires);
  return expires === undefined || daysBetween(expires, now) > 0;
}

function describeWaiver(waiver: Waiver): string {
  return waiver.resource === undefined ? waiver.control : `${waiver.control} on ${waiver.resource}`;
}

function at(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Marks findings covered by a live waiver as `waived`; reports expired waivers as findings. */
export function applyWaivers(findings: Finding[], policy: Policy, now: Date): WaiverOutcome {
  const waivers = (policy.exceptions ?? []).map((waiver, index) => ({
    waiver,
    location: locate(policy, `exceptions.${index}`),
    expired: isExpired(waiver, now),
    used: false,
  }));

  const outcome = findings.map((finding) => {
    // Only failures are waived: `error` (state unreadable) stays fail-closed.
    if (finding.status !== 'fail' && finding.status !== 'error') return finding;
    const matching = waivers.filter((entry) => !entry.expired && covers(entry.waiver, finding));
    for (const entry of matching) entry.used = true;
    const live = matching[0];
    if (!live || finding.status !== 'fail') return finding;
    return {
      ...finding,
      status: 'waived' as const,
      waiver: { reason: live.waiver.reason, expires: live.waiver.expires, location: live.location },
    };
  });

  const expiredFindings: Finding[] = waivers
    .filter((entry) => entry.expired)
    .map(({ waiver, location }) => ({
      control: 'exceptions',
      status: 'fail',
      severity: 'low',
      resource: describeWaiver(waiver),
      expected: `a waiver that has not expired`,
      actual: `expired ${waiver.expires}`,
      message:
        `The waiver for ${describeWaiver(waiver)} expired on ${waiver.expires} and no longer waives (reason ` +
        `was: ${waiver.reason}).`,
      remediation:
        'Fix what the waiver covered and remove the waiver, or renew it with a new `expires` date after a review.',
      location,
      references: [],
    }));

  const warnings = waivers
    .filter((entry) => !entry.expired && !entry.used)
    .map(({ waiver, location }) => `${at(location)} waiver for ${describeWaiver(waiver)} matches no finding`);

  return { findings: [...outcome, ...expiredFindings], warnings };
}
