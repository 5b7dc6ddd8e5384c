/** One annotation per failing or erroring finding, on the policy line of the expectation it breaks. */
import {
  compareSeverity,
  isBreaking,
  type Finding,
  type Report,
  type Severity,
  type SourceLocation,
} from '../findings.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file: string;
  startLine: number;
  startColumn: number;
}

/** GitHub shows at most this many annotations of each level per step; the rest are only in the summary. */
export const ANNOTATIONS_SHOWN_PER_LEVEL = 10;

const LEVELS: Record<Severity, AnnotationLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
};

export function annotationLevel(severity: Severity): AnnotationLevel {
  return LEVELS[severity];
}

/**
 * Where the annotation goes. A bundled baseline (`builtin:...`) is no file in the user's repository, so the
 * annotation falls back to the top of the user's policy file, which is what pulled the baseline in.
 */
export function annotationLocation(location: SourceLocation, policyFile: string): SourceLocation {
  return location.file.startsWith('builtin:') ? { file: policyFile, line: 1, column: 1 } : location;
}

/** The findings that get an annotation, most severe first (GitHub drops the ones after its limit). */
export function annotatedFindings(report: Report): Finding[] {
  return report.findings.filter(isBreaking).sort((a, b) => compareSeverity(a.severity, b.severity));
}

/** The control ID, prefixed with the account on multi-account runs: the same control fails in many accounts. */
export function annotationTitle(finding: Finding): string {
  return finding.account === undefined ? finding.control : `[${finding.account}] ${finding.control}`;
}

function annotationMessage(finding: Finding): string {
  const lines = [
    finding.message,
    ...(finding.account === undefined ? [] : [`Account: ${finding.account}`]),
    `Resource: ${finding.resource}`,
    `Expected: ${finding.expected}`,
    `Actual: ${finding.actual}`,
  ];
  if (finding.remediation !== '') lines.push(`Fix: ${finding.remediation}`);
  return lines.join('\n');
}

export function buildAnnotation(finding: Finding, policyFile: string): Annotation {
  const location = annotationLocation(finding.location, policyFile);
  return {
    level: annotationLevel(finding.severity),
    title: annotationTitle(finding),
    message: annotationMessage(finding),
    file: location.file,
    startLine: location.line,
    startColumn: location.column,
  };
}

export function buildAnnotations(report: Report): Annotation[] {
  return annotatedFindings(report).map((finding) => buildAnnotation(finding, report.policy));
}

/** Findings whose annotation GitHub will not show (beyond the per-level limit), in annotation order. */
export function unshownAnnotationFindings(report: Report): Finding[] {
  const seen: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  return annotatedFindings(report).filter((finding) => {
    const level = annotationLevel(finding.severity);
    seen[level] += 1;
    return seen[level] > ANNOTATIONS_SHOWN_PER_LEVEL;
  });
}
