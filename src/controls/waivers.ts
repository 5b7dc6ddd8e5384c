/** Waivers (`exceptions`). STUB: filled in by the policy-language work (issue 3). */
import type { Finding } from '../findings.js';
import type { Policy } from '../policy/types.js';

export interface WaiverOutcome {
  findings: Finding[];
  /** Waivers that matched nothing, and the like. */
  warnings: string[];
}

/** Marks findings covered by a live waiver as `waived`; reports expired waivers as findings. */
export function applyWaivers(findings: Finding[], _policy: Policy, _now: Date): WaiverOutcome {
  return { findings, warnings: [] };
}
