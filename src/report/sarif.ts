/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per control (from the catalogue), one result per failing,
 * erroring or waived finding, located on the policy line of the broken expectation.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Reference, Report, Severity } from '../findings.js';
import { CONTROLS } from '../controls/registry.js';
import type { ControlDefinition } from '../controls/control.js';
import { referenceTag } from '../controls/references.js';
import { annotationLocation } from './annotations.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const TOOL_NAME = 'aws-account-baseline';

/** GitHub ranks code scanning alerts by this number (critical >= 9.0, high >= 7.0, medium >= 4.0). */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVELS: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

export interface SarifOptions {
  /** The tool's version (package.json). */
  toolVersion?: string;
  /** The tool's home page. */
  informationUri?: string;
  /** Absolute locations are made relative to this folder (the repository root); default: left as given. */
  repositoryRoot?: string;
  /** The control catalogue; default: every control of this version. */
  controls?: readonly ControlDefinition[];
}

/**
 * Tags GitHub can filter alerts by: the CIS ids per version and the Security Hub ids (the lab's steps stay in
 * `references`).
 */
function standardTags(references: readonly Reference[]): string[] {
  return references.filter((reference) => reference.standard !== 'well-architected-lab').map(referenceTag);
}

function ruleFor(
  definition: ControlDefinition,
  id: string,
  severity: Severity,
  references: readonly Reference[],
): ReportingDescriptor {
  const permissions = definition.permissions.length > 0 ? definition.permissions.join(', ') : 'none';
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase()),
    shortDescription: { text: definition.title },
    fullDescription: { text: `${definition.title} (control ${id}).` },
    help: {
      text: `${definition.remediation}\nReads: ${permissions}.\nAWS documentation: ${definition.docs}`,
      markdown: `${definition.remediation}\n\nReads: \`${permissions}\`.\n\n[AWS documentation](${definition.docs})`,
    },
    helpUri: definition.docs,
    defaultConfiguration: { level: LEVELS[severity] },
    properties: {
      tags: ['security', 'aws', definition.area, ...standardTags(references)],
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[severity],
      references: references.map((reference) => ({ ...reference })),
    },
  };
}

/** A rule for a control the catalogue does not know (should not happen; keeps the log valid if it does). */
function unknownRule(id: string, severity: Severity): ReportingDescriptor {
  return {
    id,
    shortDescription: { text: id },
    defaultConfiguration: { level: LEVELS[severity] },
    properties: { tags: ['security', 'aws'], 'security-severity': SECURITY_SEVERITY[severity] },
  };
}

/**
 * Rules: the catalogue in order, with `attestations.*` expanded into one rule per attestation named in the report
 * (a result's ruleId must be a rule's id), then any unknown control of the report. A control's severity is the
 * one its findings carry (the policy may override the default).
 */
function buildRules(report: Report, controls: readonly ControlDefinition[]): ReportingDescriptor[] {
  const findingSeverity = new Map<string, Severity>(
    report.findings.map((finding) => [finding.control, finding.severity]),
  );
  // A finding's references include those its policy value adds (conditional references); without one, the
  // control's own.
  const findingReferences = new Map<string, readonly Reference[]>(
    report.findings.map((finding) => [finding.control, finding.references ?? []]),
  );
  const rules: ReportingDescriptor[] = [];
  const known = new Set<string>();
  for (const definition of controls) {
    const ids = definition.id.endsWith('.*')
      ? [...findingSeverity.keys()].filter((id) => id.startsWith(definition.id.slice(0, -1))).sort()
      : [definition.id];
    for (const id of ids) {
      rules.push(
        ruleFor(
          definition,
          id,
          findingSeverity.get(id) ?? definition.severity,
          findingReferences.get(id) ?? definition.references,
        ),
      );
      known.add(id);
    }
  }
  for (const [id, severity] of findingSeverity) if (!known.has(id)) rules.push(unknownRule(id, severity));
  return rules;
}

function artifactUri(file: string, repositoryRoot: string | undefined): string {
  const path = repositoryRoot !== undefined && isAbsolute(file) ? relative(repositoryRoot, file) : file;
  // A URI reference, not a path: a space makes the log invalid and a `#` or `?` would cut the path short.
  return path
    .split(sep)
    .join('/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** Stable across runs and line moves: which account, which control, which resource. */
function fingerprint(report: Report, finding: Finding): string {
  const key = [finding.account ?? report.account.id ?? '', finding.control, finding.resource].join('\u0000');
  return createHash('sha256').update(key).digest('hex');
}

/** What the result is about; on multi-account runs the account first, as one alert per account is kept. */
function subject(finding: Finding): string {
  return finding.account === undefined
    ? `resource ${finding.resource}`
    : `account ${finding.account}, resource ${finding.resource}`;
}

function resultFor(report: Report, finding: Finding, ruleIndex: number, repositoryRoot: string | undefined): Result {
  const location = annotationLocation(finding.location, report.policy);
  const result: Result = {
    ruleId: finding.control,
    ruleIndex,
    level: LEVELS[finding.severity],
    message: {
      text: `${finding.message} Expected: ${finding.expected}; actual: ${finding.actual} (${subject(finding)}).`,
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(location.file, repositoryRoot) },
          region: { startLine: location.line, startColumn: location.column },
        },
      },
    ],
    partialFingerprints: { 'awsAccountBaseline/v1': fingerprint(report, finding) },
    properties: {
      status: finding.status,
      severity: finding.severity,
      'security-severity': SECURITY_SEVERITY[finding.severity],
      resource: finding.resource,
      account: finding.account ?? report.account.id ?? 'unknown',
    },
  };
  if (finding.waiver) {
    result.suppressions = [
      {
        kind: 'external',
        status: 'accepted',
        justification: `${finding.waiver.reason} (until ${finding.waiver.expires})`,
      },
    ];
  }
  return result;
}

export function buildSarif(report: Report, options: SarifOptions = {}): Log {
  const rules = buildRules(report, options.controls ?? CONTROLS);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = report.findings
    .filter((finding) => finding.status === 'fail' || finding.status === 'error' || finding.status === 'waived')
    .map((finding) => resultFor(report, finding, ruleIndex.get(finding.control) ?? 0, options.repositoryRoot));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            ...(options.toolVersion !== undefined && {
              semanticVersion: options.toolVersion,
              version: options.toolVersion,
            }),
            ...(options.informationUri !== undefined && { informationUri: options.informationUri }),
            rules,
          },
        },
        results,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}
