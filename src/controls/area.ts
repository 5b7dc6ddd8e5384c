/**
 * An area is one policy section and its controls, declared as data plus one pure evaluation. The registry
 * (registry.ts) lists the areas; the catalogue, evaluate's dispatch, the sources a policy needs, the schema, the
 * IAM policies and the docs tables are all derived from it.
 */
import type { Finding } from '../findings.js';
import type { PolicyBody } from '../policy/types.js';
import type { DataSource } from '../state/sources.js';
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
}

function isDeclared(expectation: object, definition: ControlDefinition): boolean {
  // A control without a schema of its own runs whenever its section is declared (a section's presence check).
  return definition.schema === undefined || (expectation as Record<string, unknown>)[definition.key] !== undefined;
}

export function defineArea(spec: AreaSpec): Area {
  const definitions = Object.values(spec.controls);
  return {
    ...spec,
    definitions,
    sourcesFor(section) {
      const sources = new Set<DataSource>();
      const expectation = (section as Record<string, unknown>)[spec.id];
      if (expectation === undefined || expectation === null || typeof expectation !== 'object') return sources;
      const active = definitions.filter((definition) => isDeclared(expectation, definition));
      for (const definition of active) {
        const conditional = definition.conditionalSources;
        const read = conditional?.when((expectation as Record<string, unknown>)[definition.key])
          ? [...definition.sources, ...conditional.sources]
          : definition.sources;
        // The identity is read on every run; the rest only when a control asks.
        for (const source of read) if (source !== 'identity') sources.add(source);
      }
      if (active.some((definition) => definition.sources.some((source) => source !== 'identity'))) {
        for (const source of spec.contextSources ?? []) sources.add(source);
      }
      return sources;
    },
  };
}
