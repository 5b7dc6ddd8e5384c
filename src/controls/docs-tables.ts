/**
 * Text generated from the registry by `npm run generate` (scripts/generate.mjs): the control tables of the README
 * and docs/policy-format.md, the permissions table of docs/permissions.md, and the IAM policies in policies/iam/.
 * Not part of the bundle: nothing at run time imports it.
 */
import { DATA_SOURCE_DEFINITIONS, SOURCE_IDS, type SourceId, sourceDefinition } from '../state/sources.js';
import type { ControlDefinition, JsonSchema } from './control.js';
import type { Reference } from '../findings.js';
import { DEFAULT_CIS_VERSION, cisIds } from './references.js';
import { CONTROLS } from './registry.js';

function code(text: string): string {
  return `\`${text}\``;
}

/** CIS (default version) and Security Hub ids of some references, e.g. `1.3`, `IAM.4`. */
function standardIds(references: readonly Reference[]): string[] {
  return [
    ...cisIds(references, DEFAULT_CIS_VERSION),
    ...references.filter((reference) => reference.standard === 'aws-security-hub').map((reference) => reference.id),
  ];
}

/** The README's references cell: `1.3, IAM.4`, plus what a value adds (`hardware: 1.5, IAM.6`). */
function referencesCell(control: ControlDefinition): string {
  const base = standardIds(control.references);
  const extra = control.conditionalReferences ? standardIds(control.conditionalReferences.references) : [];
  const cell = [
    base.join(', '),
    extra.length > 0 && control.conditionalReferences
      ? `${code(control.conditionalReferences.values)}: ${extra.join(', ')}`
      : '',
  ]
    .filter((part) => part !== '')
    .join('; ');
  return cell === '' ? '-' : cell;
}

/** README: every control with its meaning, default severity, the standards' ids and the IAM actions it needs. */
export function controlTable(controls: readonly ControlDefinition[] = CONTROLS): string {
  const rows = controls.map(
    (control) =>
      `| ${code(control.id)} | ${control.title} | ${control.severity} | ${referencesCell(control)} | ` +
      `${control.permissions.map(code).join(', ') || 'none (the policy file)'} |`,
  );
  return [
    `| control | what it checks | default severity | CIS ${DEFAULT_CIS_VERSION}, Security Hub | data source (IAM ` +
      `permission) |`,
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** A short reading of a value schema: `integer 1-3650`, `required \| hardware`. */
function describeValue(schema: JsonSchema | undefined, defs: Readonly<Record<string, JsonSchema>>): string {
  if (!schema) return 'declared by its section';
  const target = typeof schema['$ref'] === 'string' ? defs[schema['$ref'].replace('#/$defs/', '')] : undefined;
  const resolved = { ...(target ?? {}), ...schema };
  if (Array.isArray(resolved['enum']))
    return (resolved['enum'] as unknown[]).map((value) => code(String(value))).join(' \\| ');
  if (resolved['type'] === 'integer') return `integer ${String(resolved['minimum'])}-${String(resolved['maximum'])}`;
  if (resolved['type'] === 'boolean') return 'true \\| false';
  if (resolved['type'] === 'string') return 'string';
  if (resolved['type'] === 'object')
    return `object (${Object.keys((resolved['properties'] as object | undefined) ?? {})
      .map(code)
      .join(', ')})`;
  return 'see the schema';
}

/** docs/policy-format.md: every key a policy may set, with its values and default severity. */
export function policyKeyTable(
  schemaDefs: Readonly<Record<string, JsonSchema>>,
  controls: readonly ControlDefinition[] = CONTROLS,
): string {
  const rows = controls.map((control) => {
    const description =
      typeof control.schema?.['description'] === 'string' ? control.schema['description'] : control.title;
    return (
      `| ${code(control.id)} | ${describeValue(control.schema, schemaDefs)} | ${description} | ` +
      `${control.severity} |`
    );
  });
  return ['| key (control ID) | value | meaning | default severity |', '|---|---|---|---|', ...rows].join('\n');
}

/** The controls that read a source; an area whose every control reads it is written `area.*`. */
function usedBy(source: SourceId, controls: readonly ControlDefinition[]): string {
  const reads = (control: ControlDefinition): boolean =>
    control.sources.includes(source) || control.conditionalSources?.sources.includes(source) === true;
  const areas = [...new Set(controls.map((control) => control.area))];
  const names = areas.flatMap((area) => {
    const inArea = controls.filter((control) => control.area === area);
    const readers = inArea.filter(reads);
    if (
      readers.length > 1 &&
      readers.length === inArea.length &&
      readers.every((control) => !control.conditionalSources?.sources.includes(source))
    ) {
      return [code(`${area}.*`)];
    }
    return readers.map(
      (control) => `${code(control.id)}${control.conditionalSources?.sources.includes(source) ? ' (some values)' : ''}`,
    );
  });
  return names.length > 0 ? names.join(', ') : 'context for other controls only';
}

/** docs/permissions.md: each read-only action, what it reads, which controls use it and what happens without it. */
export function permissionsTable(controls: readonly ControlDefinition[] = CONTROLS): string {
  const rows = SOURCE_IDS.map((source) => {
    const definition = sourceDefinition(source);
    return (
      `| ${definition.actions.map(code).join(', ')} | ${definition.reads} | ${usedBy(source, controls)} | ` +
      `${definition.without} |`
    );
  });
  return ['| action | what it reads | used by | without it |', '|---|---|---|---|', ...rows].join('\n');
}

interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Array<{ Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }>;
}

/** policies/iam/read-only.json: exactly the actions the collector can call. */
export function readOnlyPolicy(): PolicyDocument {
  const actions = [...new Set(SOURCE_IDS.flatMap((source) => sourceDefinition(source).actions))];
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'AwsAccountBaselineReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}

/** policies/iam/apply.json: the writes `apply` can make and the reads that confirm them. */
export function applyPolicy(): PolicyDocument {
  const writable = Object.values(DATA_SOURCE_DEFINITIONS).flatMap((definition) =>
    'write' in definition ? [definition.write] : [],
  );
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AwsAccountBaselineApplyWrites',
        Effect: 'Allow',
        Action: writable.flatMap((write) => write.actions),
        Resource: '*',
      },
      {
        Sid: 'AwsAccountBaselineApplyReadBack',
        Effect: 'Allow',
        Action: writable.flatMap((write) => write.readBack),
        Resource: '*',
      },
    ],
  };
}
