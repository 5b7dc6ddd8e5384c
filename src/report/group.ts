/** Shared ordering and grouping of findings for the human-readable reports. */
import { compareSeverity, type Finding, type Report, type Severity, type Status } from '../findings.js';
import { AREA_TITLES } from '../controls/registry.js';

export { AREA_TITLES };

/** The registry's order. */
const AREA_ORDER: readonly string[] = Object.keys(AREA_TITLES);

/** What needs action first: errors and failures, then the rest. */
const STATUS_ORDER: readonly Status[] = ['error', 'fail', 'waived', 'manual', 'skipped', 'pass'];

export function areaOf(finding: Finding): string {
  return finding.control.split('.')[0] ?? finding.control;
}

export function areaTitle(area: string): string {
  return (AREA_TITLES as Readonly<Record<string, string>>)[area] ?? area;
}

function compareFindings(a: Finding, b: Finding): number {
  return STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || compareSeverity(a.severity, b.severity);
}

export interface AreaGroup {
  area: string;
  title: string;
  findings: Finding[];
}

/** Findings grouped by area in catalogue order (unknown areas last, by name); inside, errors and failures first. */
export function groupByArea(findings: readonly Finding[]): AreaGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const area = areaOf(finding);
    groups.set(area, [...(groups.get(area) ?? []), finding]);
  }
  const rank = (area: string): number => (AREA_ORDER.includes(area) ? AREA_ORDER.indexOf(area) : AREA_ORDER.length);
  return (
    [...groups.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      // Array.prototype.sort is stable, so findings of equal rank keep the evaluation order.
      .map(([area, areaFindings]) => ({
        area,
        title: areaTitle(area),
        findings: [...areaFindings].sort(compareFindings),
      }))
  );
}

/** Compliant = nothing failed and nothing could not be read (an `error` is never a pass). */
export function isCompliant(report: Report): boolean {
  return report.summary.fail === 0 && report.summary.error === 0;
}

/** Failing or erroring findings per severity. */
export function breakingBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings)
    if (finding.status === 'fail' || finding.status === 'error') counts[finding.severity] += 1;
  return counts;
}
