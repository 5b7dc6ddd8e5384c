/**
 * An area is one policy section and its controls, declared as data plus one pure evaluation. The registry
 * (registry.ts) lists the areas; the catalogue, evaluate's dispatch, the sources a policy needs, the schema, the
 * IAM policies and the docs tables are all derived from it.
 */
import type { Finding } from '../findings.js';
import type { PolicyBody } from '../policy/types.js';
import { type DataSource, sourceDefinition } from '../state/sources.js';
import type { AreaId, ControlDefinition, EvaluationContext, JsonSchema } from './control.js';

export interface AreaSpec {
  id: AreaId;
  /** The report's heading for the area. */
  title: string;
  /** The section's description in the policy schema. */
  description: string;
  controls: Readonly<Record<string, ControlDefinition>>;
  /** Read whenever one of the area's controls runs, as context that no control depends on alone. */
  contextSources?: readonly DataSource[];
  /** The section's schema when it is not an object of the controls' values (attestations: a map of named entries). */
  sectionSchema?: JsonSchema;
  /** Schema definitions the controls' schemas refer to as `#/$defs/NAME`, written before the section's own. */
  defs?: Readonly<Record<string, JsonSchema>>;
  /**
   * A section of named entries (`defs[def]` each) whose entries may leave some keys to a baseline they extend, but
   * must have them once merged: the policy loader checks them and the merged type has them (both generated).
   */
  entriesNeedOnceMerged?: { def: string; entry: string; keys: readonly string[] };
  /** Only in the policy's top level, never per account or OU (the account guard). */
  topLevelOnly?: true;
  /** A guard: when one of its findings is not a pass, no other area is evaluated. */
  guard?: true;
  /** Pure: reads its own section of `context.policy` (absent section: no findings). */
  evaluate(context: EvaluationContext): Finding[];
}

export interface Area extends AreaSpec {
  /** The controls in declaration order. */
  definitions: readonly ControlDefinition[];
  /** What a policy section needs read for this area; empty when the section is absent or checks nothing. */
  sourcesFor(section: PolicyBody): Set<DataSource>;
  /** The sources of `sourcesFor` that the section's controls read themselves, the area's context left out. */
  controlSourcesFor(section: PolicyBody): Set<DataSource>;
  /**
   * Of the sources read in parts (`parts` in state/sources.ts), what the section needs: the parts its controls name
   * (`sourceParts`), or `whole` when a control or the area's context reads the source without naming parts.
   */
  partsFor(section: PolicyBody): Map<DataSource, PartsNeed>;
}

/** What readers need of a source read in parts: some parts, or all of it. */
export type PartsNeed = ReadonlySet<string> | 'whole';

/** Adds one reader's need of `source` to `into`: named parts add up, and one reader of the whole makes it whole. */
export function addPartsNeed(into: Map<DataSource, PartsNeed>, source: DataSource, need: PartsNeed): void {
  const known = into.get(source);
  into.set(source, known === 'whole' || need === 'whole' ? 'whole' : new Set([...(known ?? []), ...need]));
}

function isDeclared(expectation: object, definition: ControlDefinition): boolean {
  // A control without a schema of its own runs whenever its section is declared (a section's presence check).
  return definition.schema === undefined || (expectation as Record<string, unknown>)[definition.key] !== undefined;
}

export function defineArea(spec: AreaSpec): Area {
  const definitions = Object.values(spec.controls);
  /** The section's controls that run, each with the sources it reads (the identity, read on every run, left out). */
  const reads = (section: PolicyBody): { definition: ControlDefinition; sources: DataSource[] }[] => {
    const expectation = (section as Record<string, unknown>)[spec.id];
    if (expectation === undefined || expectation === null || typeof expectation !== 'object') return [];
    return definitions
      .filter((definition) => isDeclared(expectation, definition))
      .map((definition) => {
        const conditional = definition.conditionalSources;
        const read = conditional?.when((expectation as Record<string, unknown>)[definition.key])
          ? [...definition.sources, ...conditional.sources]
          : definition.sources;
        return { definition, sources: read.filter((source): source is DataSource => source !== 'identity') };
      });
  };
  /** The area's context is read whenever one of its running controls reads anything beyond the identity. */
  const context = (active: ReturnType<typeof reads>): readonly DataSource[] =>
    active.some(({ sources }) => sources.length > 0) ? (spec.contextSources ?? []) : [];
  return {
    ...spec,
    definitions,
    sourcesFor(section) {
      const active = reads(section);
      return new Set([...active.flatMap(({ sources }) => sources), ...context(active)]);
    },
    controlSourcesFor(section) {
      return new Set(reads(section).flatMap(({ sources }) => sources));
    },
    partsFor(section) {
      const active = reads(section);
      const parts = new Map<DataSource, PartsNeed>();
      const add = (source: DataSource, named: readonly string[] | undefined): void => {
        if (sourceDefinition(source).parts !== undefined) addPartsNeed(parts, source, named ? new Set(named) : 'whole');
      };
      for (const { definition, sources } of active) {
        for (const source of sources) add(source, definition.sourceParts?.[source]);
      }
      for (const source of context(active)) add(source, undefined);
      return parts;
    },
  };
}
