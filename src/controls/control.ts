/** What every control is: data (id, severity, sources, remediation, references) plus a pure evaluation. */
import type { Finding, Reference, Severity, SourceLocation, Status } from '../findings.js';
import type { AreaExpectations, Policy } from '../policy/types.js';
import { SOURCE_IDS, type SourceId, type SourceParts, sourceDefinition } from '../state/sources.js';
import type { AccountState, ReadError, Readable } from '../state/types.js';

/** A policy section that holds controls: `passwordPolicy`, `root`, ... (generated from the registry). */
export type AreaId = keyof AreaExpectations;

/** A JSON Schema fragment, as data (the policy schema is generated from the areas' fragments). */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** What an area module writes for one control; the registry derives the rest (id, permissions). */
export interface ControlSpec {
  title: string;
  severity: Severity;
  /** What the control reads; its IAM permissions are these sources' actions. */
  sources: readonly SourceId[];
  /** Sources read only for some values of the expectation (a stricter value that needs more of the account). */
  conditionalSources?: { sources: readonly SourceId[]; when(value: unknown): boolean };
  /**
   * Of a source read in parts (one AWS call each, `parts` in state/sources.ts), the only parts this control needs:
   * the security contact alone is one call, not three. A source not named here is read whole.
   */
  sourceParts?: SourceParts;
  /** Console steps and the CLI command that fix a failure. */
  remediation: string;
  /** AWS documentation for the setting. */
  docs: string;
  /** The standards' recommendations this control implements. */
  references?: readonly Reference[];
  /** More recommendations met only for some values (a stricter value that answers one more recommendation). */
  conditionalReferences?: {
    references: readonly Reference[];
    when(value: unknown): boolean;
    /** The values, for docs: `hardware`. */ values: string;
  };
  /**
   * JSON Schema of the value written at the control's YAML path. Absent for a control that follows from its
   * section being declared (the section's own presence) or that stands for named entries (`attestations.*`).
   */
  schema?: JsonSchema;
}

export interface ControlDefinition {
  /** Control ID = YAML path of the expectation; `attestations.*` stands for every named attestation. */
  id: string;
  area: AreaId;
  /** The key inside the area's section (its YAML key); `*` for named entries. */
  key: string;
  title: string;
  severity: Severity;
  sources: readonly SourceId[];
  conditionalSources?: ControlSpec['conditionalSources'];
  sourceParts?: SourceParts;
  /** IAM actions the control's data needs, derived from its sources. */
  permissions: string[];
  remediation: string;
  docs: string;
  references: readonly Reference[];
  conditionalReferences?: ControlSpec['conditionalReferences'];
  schema?: JsonSchema;
}

/**
 * The IAM actions of a control's own sources, in the table's order. An optional source is best effort only as an
 * area's context (never listed here); a control that names it in its own sources depends on it, so it counts.
 */
export function permissionsOf(sources: readonly SourceId[]): string[] {
  const required = SOURCE_IDS.filter((source) => sources.includes(source));
  return [...new Set(required.flatMap((source) => sourceDefinition(source).actions))];
}

/** Turns an area's control specs into definitions, keyed as written (`CONTROLS.KEY`). */
export function defineControls<Key extends string>(
  area: AreaId,
  specs: Readonly<Record<Key, ControlSpec>>,
): Readonly<Record<Key, ControlDefinition>> {
  const entries = (Object.entries(specs) as Array<[Key, ControlSpec]>).map(([key, spec]): [Key, ControlDefinition] => [
    key,
    {
      id: `${area}.${key}`,
      area,
      key,
      title: spec.title,
      severity: spec.severity,
      sources: spec.sources,
      ...(spec.conditionalSources && { conditionalSources: spec.conditionalSources }),
      ...(spec.sourceParts && { sourceParts: spec.sourceParts }),
      permissions: permissionsOf([...spec.sources, ...(spec.conditionalSources?.sources ?? [])]),
      remediation: spec.remediation,
      docs: spec.docs,
      references: spec.references ?? [],
      ...(spec.conditionalReferences && { conditionalReferences: spec.conditionalReferences }),
      ...(spec.schema && { schema: spec.schema }),
    },
  ]);
  return Object.fromEntries(entries) as Record<Key, ControlDefinition>;
}

/** Everything a control may look at. No clock is read inside a control: `now` is given. */
export interface EvaluationContext {
  policy: Policy;
  state: AccountState;
  now: Date;
}

export interface FindingFields {
  status: Status;
  resource: string;
  expected: string;
  actual: string;
  message: string;
  /** YAML path whose location the finding points at; defaults to the control ID. */
  locationKey?: string;
}

/** Location of a YAML path, falling back to its nearest enclosing section that was written down. */
export function locate(policy: Policy, path: string): SourceLocation {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const location = policy.locations[parts.slice(0, length).join('.')];
    if (location) return location;
  }
  return { file: policy.file, line: 1, column: 1 };
}

/** The value a policy sets for a control (`policy.AREA.KEY`), as the conditional parts of a definition read it. */
function expectationOf(policy: Policy, definition: ControlDefinition): unknown {
  const section = (policy as unknown as Record<string, unknown>)[definition.area];
  return typeof section === 'object' && section !== null
    ? (section as Record<string, unknown>)[definition.key]
    : undefined;
}

/** The standards' recommendations a finding of this control answers, for the value the policy sets. */
export function referencesFor(policy: Policy, definition: ControlDefinition): Reference[] {
  const extra = definition.conditionalReferences;
  const more = extra && extra.when(expectationOf(policy, definition)) ? extra.references : [];
  const all = [...definition.references, ...more];
  // The same recommendation named twice (base and conditional) is listed once.
  return all.filter((reference, index) => all.findIndex((other) => sameReference(other, reference)) === index);
}

function sameReference(a: Reference, b: Reference): boolean {
  return a.standard === b.standard && a.version === b.version && a.id === b.id;
}

export function makeFinding(policy: Policy, definition: ControlDefinition, fields: FindingFields): Finding {
  return {
    control: definition.id,
    status: fields.status,
    severity: definition.severity,
    resource: fields.resource,
    expected: fields.expected,
    actual: fields.actual,
    message: fields.message,
    remediation: definition.remediation,
    location: locate(policy, fields.locationKey ?? definition.id),
    references: referencesFor(policy, definition),
  };
}

export function describeReadError(error: ReadError): string {
  const cause = `${error.code}: ${error.message}`;
  return /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(error.code)
    ? `${cause} (the role needs ${error.action})`
    : cause;
}

/**
 * The `error` finding for a control whose data could not be read (or was not collected): never a pass.
 * `what` names the data, e.g. "the password policy".
 */
export function unreadableFinding(
  policy: Policy,
  definition: ControlDefinition,
  source: Readable<unknown> | undefined,
  what: string,
  resource: string,
  expected = '',
): Finding {
  const reason =
    source === undefined
      ? 'it was not collected (not in this snapshot)'
      : source.ok
        ? 'unknown'
        : describeReadError(source.error);
  return makeFinding(policy, definition, {
    status: 'error',
    resource,
    expected,
    actual: 'unknown',
    message: `Could not read ${what}: ${reason}.`,
  });
}
