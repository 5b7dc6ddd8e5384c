/**
 * The policy file's JSON Schema, built from the registry: each area contributes its section (the controls'
 * value schemas) and the control IDs that waivers and severity overrides may name. `npm run generate` writes it
 * to policies/schema.json, from which the validator and the TypeScript types are generated.
 */
import type { Area } from './area.js';
import type { JsonSchema } from './control.js';
import { AREAS } from './registry.js';
import { CIS_VERSIONS } from './references.js';

const SCHEMA_ID = 'https://github.com/aws-account-baseline/aws-account-baseline/policies/schema.json';

/** Definitions shared by several areas and by the policy-level keys. */
const SHARED_DEFS: Readonly<Record<string, JsonSchema>> = {
  accountId: { type: 'string', pattern: '^[0-9]{12}$', errorMessage: 'a 12-digit AWS account ID' },
  organizationalUnitId: {
    type: 'string',
    pattern: '^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$',
    errorMessage: 'an organizational unit ID (ou-xxxx-xxxxxxxx) or root ID (r-xxxx)',
  },
  date: { type: 'string', format: 'date', errorMessage: 'a date YYYY-MM-DD' },
  days: { type: 'integer', minimum: 1, maximum: 3650 },
};

/** The section of an area: an object of its controls' values, or the area's own shape. */
export function sectionSchema(area: Area): JsonSchema {
  if (area.sectionSchema) return { description: area.description, ...area.sectionSchema };
  const properties = Object.fromEntries(
    area.definitions.flatMap((control) => (control.schema ? [[control.key, control.schema]] : [])),
  );
  return { description: area.description, type: 'object', properties, additionalProperties: false };
}

function controlIdSchema(areas: readonly Area[]): JsonSchema {
  const named = areas.flatMap((area) =>
    area.definitions.filter((control) => control.key !== '*').map((control) => control.id),
  );
  // An area of named entries (attestations.NAME) takes any name its section's property names allow.
  const patterns = areas.flatMap((area) => {
    const names = (area.sectionSchema?.['propertyNames'] as { pattern?: string } | undefined)?.pattern;
    return area.definitions.some((control) => control.key === '*') && names
      ? [{ type: 'string', pattern: `^${area.id}\\.${names.replace(/^\^/, '')}` }]
      : [];
  });
  return {
    anyOf: [{ enum: named }, ...patterns],
    errorMessage: 'a control ID such as `root.mfa` or `attestations.NAME`',
  };
}

function ref(name: string): JsonSchema {
  return { $ref: `#/$defs/${name}` };
}

export function buildPolicySchema(areas: readonly Area[] = AREAS): JsonSchema {
  const overridable = areas.filter((area) => !area.topLevelOnly);
  const areaDefs = Object.fromEntries(
    overridable.flatMap((area) => [...Object.entries(area.defs ?? {}), [area.id, sectionSchema(area)] as const]),
  );
  const sectionProperties = (list: readonly Area[]): Record<string, JsonSchema> =>
    Object.fromEntries(list.map((area) => [area.id, area.topLevelOnly ? sectionSchema(area) : ref(area.id)]));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'aws-account-baseline policy (v1)',
    description: 'The desired security baseline of an AWS account. See docs/policy-format.md.',
    type: 'object',
    properties: {
      version: { description: 'Format version of this file.', const: 1 },
      extends: {
        description:
          'Baselines merged before this file, in order; later values win. `builtin:NAME` or a path ' +
          'relative to this file.',
        type: 'array',
        items: {
          type: 'string',
          pattern: '^(builtin:[a-z0-9][a-z0-9-]*|[^:/\\\\][^:]*\\.ya?ml)$',
          errorMessage: 'a bundled baseline `builtin:NAME` or a relative path to a .yml file',
        },
      },
      cisVersion: {
        description:
          'The CIS AWS Foundations Benchmark version whose recommendation ids the text report and the job summary ' +
          'show (default 5.0.0; the JSON and SARIF reports carry every version).',
        enum: [...CIS_VERSIONS],
      },
      ...sectionProperties(areas),
      exceptions: ref('exceptions'),
      severity: ref('severity'),
      targets: {
        description:
          'Per-account and per-OU overrides for organization runs; matching entries apply in order, later wins.',
        type: 'array',
        items: ref('target'),
      },
    },
    required: ['version'],
    additionalProperties: false,
    $defs: {
      ...SHARED_DEFS,
      ...areaDefs,
      waiver: {
        type: 'object',
        properties: {
          control: ref('controlId'),
          resource: {
            description: 'Exact resource name or a glob; absent = every resource of the control.',
            type: 'string',
            minLength: 1,
          },
          reason: { type: 'string', minLength: 1 },
          expires: { description: 'The waiver stops waiving after this day (YYYY-MM-DD).', ...ref('date') },
        },
        required: ['control', 'reason', 'expires'],
        additionalProperties: false,
      },
      exceptions: {
        description: 'Waivers: a waived finding stays in every report with status `waived`.',
        type: 'array',
        items: ref('waiver'),
      },
      severity: {
        description: 'Severity overrides per control ID.',
        type: 'object',
        propertyNames: ref('controlId'),
        additionalProperties: { enum: ['critical', 'high', 'medium', 'low'] },
      },
      controlId: controlIdSchema(areas),
      target: {
        type: 'object',
        properties: {
          accounts: { type: 'array', items: ref('accountId'), minItems: 1 },
          organizationalUnits: { type: 'array', items: ref('organizationalUnitId'), minItems: 1 },
          ...sectionProperties(overridable),
          exceptions: ref('exceptions'),
          severity: ref('severity'),
        },
        anyOf: [
          { properties: { accounts: true }, required: ['accounts'] },
          { properties: { organizationalUnits: true }, required: ['organizationalUnits'] },
        ],
        errorMessage: 'needs `accounts` or `organizationalUnits`',
        additionalProperties: false,
      },
    },
  };
}
