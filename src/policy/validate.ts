/** Schema validation of one parsed policy file, with every problem turned into a positioned, readable issue. */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { InputIssue } from '../errors.js';
import { policySchemaJson } from '../generated/assets.js';
import { validate as generatedValidator } from '../generated/policy-validator.js';
import { escapePointerSegment, pointerSegments, type Position } from '../input-position.js';
import type { NodePositions } from './parse.js';
import { regexParts, regexProblem } from './patterns.js';
import { nearest } from './suggest.js';

/** The JSON Schema of the policy file (printed by `schema`, served to editors). */
export const policySchema: Readonly<Record<string, unknown>> = policySchemaJson;

/**
 * Compiled at build time by scripts/gen-policy-validator.mjs (Ajv standalone code, same options: strict,
 * allErrors, verbose; the `date` format is isIsoDate): compiling the schema at run time was the largest part of
 * the start-up (docs/performance.md). test/policy/schema-meta.test.ts fails when the generated file is stale.
 */
function validator(): ValidateFunction {
  return generatedValidator as unknown as ValidateFunction;
}

export function validatePolicyData(data: unknown, positions: Map<string, NodePositions>, file: string): InputIssue[] {
  const validate = validator();
  if (validate(data)) return [];
  const errors = relevantErrors(validate.errors ?? []);
  return errors.map((error) => {
    const { message, pointer, at } = describe(error);
    return { file, ...locateIssue(positions, pointer, at), message };
  });
}

const MATCHER_FIELDS = ['email', 'name', 'title', 'phone'] as const;

/**
 * Contact matchers the linear-time engine cannot run (backreferences, lookaround) or that are no valid regex at
 * all: refused at load, so a bad pattern stops the run with its position instead of erroring every account.
 */
export function patternIssues(data: unknown, positions: Map<string, NodePositions>, file: string): InputIssue[] {
  const sections: Array<{ contacts: unknown; pointer: string }> = [
    { contacts: field(data, 'contacts'), pointer: '/contacts' },
  ];
  const targets = field(data, 'targets');
  if (Array.isArray(targets))
    targets.forEach((target, index) =>
      sections.push({ contacts: field(target, 'contacts'), pointer: `/targets/${index}/contacts` }),
    );
  const issues: InputIssue[] = [];
  for (const { contacts, pointer } of sections) {
    // Every contact the section declares: which ones exist is the schema's business (it is generated from them).
    const keys =
      contacts !== null && typeof contacts === 'object' && !Array.isArray(contacts) ? Object.keys(contacts) : [];
    for (const key of keys) {
      const contact = field(contacts, key);
      for (const name of MATCHER_FIELDS) {
        const pattern = field(contact, name);
        const regex = typeof pattern === 'string' ? regexParts(pattern) : undefined;
        const problem = regex ? regexProblem(regex.body, regex.flags) : undefined;
        if (!problem) continue;
        const at = `${pointer}/${escapePointerSegment(key)}/${name}`;
        issues.push({
          file,
          ...locateIssue(positions, at, 'value'),
          message: `\`${label(at)}\` is not a usable pattern: ${problem}`,
        });
      }
    }
  }
  return issues;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Errors inside a failed `anyOf` or `propertyNames` only repeat it less clearly: keep the outer one. */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const umbrellas = errors.filter((error) => error.keyword === 'anyOf');
  return errors.filter((error) => {
    if (error.propertyName !== undefined) return false;
    return !umbrellas.some(
      (umbrella) =>
        umbrella !== error &&
        error.schemaPath.startsWith(`${umbrella.schemaPath}/`) &&
        (error.instancePath === umbrella.instancePath || error.instancePath.startsWith(`${umbrella.instancePath}/`)),
    );
  });
}

type Anchor = 'key' | 'value';

function describe(error: ErrorObject): { message: string; pointer: string; at: Anchor } {
  const pointer = error.instancePath;
  const path = label(pointer);
  const schema = error.parentSchema ?? {};
  const hint = typeof schema['errorMessage'] === 'string' ? schema['errorMessage'] : undefined;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowed = Object.keys((schema['properties'] as Record<string, unknown> | undefined) ?? {});
      const suggestion = nearest(key, allowed);
      const tail = suggestion ? `(did you mean \`${suggestion}\`?)` : `(expected one of: ${allowed.join(', ')})`;
      return {
        message: `unknown key \`${key}\` ${tail}`,
        pointer: `${pointer}/${escapePointerSegment(key)}`,
        at: 'key',
      };
    }
    case 'required': {
      const missing = `missing required key \`${String(params['missingProperty'])}\``;
      return { message: path ? `\`${path}\` is ${missing}` : missing, pointer, at: 'key' };
    }
    case 'dependentRequired':
      return {
        message:
          `\`${path}\` needs \`${String(params['missingProperty'])}\` when \`${String(params['property'])}\` ` +
          `is set`,
        pointer,
        at: 'key',
      };
    case 'type': {
      if (path === '')
        return {
          message: `the policy must be a mapping of sections (\`version: 1\`, ...), not ${describeValue(error.data)}`,
          pointer,
          at: 'value',
        };
      // Unquoted account IDs and the like arrive as numbers: say how to fix it.
      const quote = params['type'] === 'string' && typeof error.data === 'number' ? ': put it in quotes' : '';
      return {
        message:
          `\`${path}\` must be ${hint ?? typeName(String(params['type']))}, not ` +
          `${describeValue(error.data)}${quote}`,
        pointer,
        at: 'value',
      };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { message: `\`${path}\` must be ${rangeText(schema)} (got ${String(error.data)})`, pointer, at: 'value' };
    case 'const':
      return {
        message: `\`${path}\` must be ${JSON.stringify(params['allowedValue'])}, not ${describeValue(error.data)}`,
        pointer,
        at: 'value',
      };
    case 'enum':
      return {
        message: enumMessage(path, (params['allowedValues'] as unknown[]).map(String), error.data),
        pointer,
        at: 'value',
      };
    case 'format':
      if (params['format'] === 'date' && typeof error.data === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(error.data)) {
        return { message: `\`${path}\` is not a real date: \`${error.data}\``, pointer, at: 'value' };
      }
      return {
        message:
          `\`${path}\` must be ${hint ?? `in the format ${String(params['format'])}`} (got ` +
          `${describeScalar(error.data)})`,
        pointer,
        at: 'value',
      };
    case 'pattern':
      return {
        message:
          `\`${path}\` must be ${hint ?? `a string matching ${String(params['pattern'])}`} (got ` +
          `${describeScalar(error.data)})`,
        pointer,
        at: 'value',
      };
    case 'propertyNames':
      return propertyNameMessage(pointer, path, String(params['propertyName']));
    case 'anyOf':
      return anyOfMessage(pointer, path, schema, hint, error.data);
    case 'minItems':
    case 'minLength':
      return { message: `\`${path}\` must not be empty`, pointer, at: 'value' };
    case 'maxLength':
      return {
        message: `\`${path}\` is too long (at most ${String(params['limit'])} characters)`,
        pointer,
        at: 'value',
      };
    default:
      return { message: `\`${path}\` ${error.message ?? 'is invalid'}`, pointer, at: 'value' };
  }
}

const CONTROL_ID_DEF = (
  (policySchemaJson['$defs'] as Record<string, { anyOf?: Array<{ enum?: string[] }> }>)['controlId']?.anyOf ?? []
).flatMap((branch) => branch.enum ?? []);

function propertyNameMessage(
  pointer: string,
  path: string,
  name: string,
): { message: string; pointer: string; at: Anchor } {
  const child = `${pointer}/${escapePointerSegment(name)}`;
  if (path === 'severity' || path.endsWith('.severity')) {
    return { message: unknownControl(name), pointer: child, at: 'key' };
  }
  return {
    message: `invalid name \`${name}\` in \`${path}\`: use lowercase letters, digits and dashes`,
    pointer: child,
    at: 'key',
  };
}

function unknownControl(name: string): string {
  const suggestion = nearest(name, CONTROL_ID_DEF);
  const hint = suggestion
    ? `(did you mean \`${suggestion}\`?)`
    : '(a control ID such as `root.mfa` or `attestations.NAME`)';
  return `unknown control \`${name}\` ${hint}`;
}

function anyOfMessage(
  pointer: string,
  path: string,
  schema: Record<string, unknown>,
  hint: string | undefined,
  data: unknown,
): { message: string; pointer: string; at: Anchor } {
  const branches = (schema['anyOf'] as Array<Record<string, unknown>> | undefined) ?? [];
  if (branches.some((branch) => Array.isArray(branch['enum']))) {
    if (typeof data === 'string') return { message: unknownControl(data), pointer, at: 'value' };
    return { message: `\`${path}\` must be ${hint ?? 'valid'}, not ${describeValue(data)}`, pointer, at: 'value' };
  }
  return { message: `\`${path}\` ${hint ?? 'is invalid'}`, pointer, at: 'key' };
}

function enumMessage(path: string, allowed: string[], data: unknown): string {
  const options = allowed.map((value) => `\`${value}\``);
  const expected = options.length === 1 ? options[0] : `one of ${options.join(', ')}`;
  const suggestion = typeof data === 'string' ? nearest(data, allowed) : undefined;
  const tail = suggestion ? `(did you mean \`${suggestion}\`?)` : `(got ${describeScalar(data)})`;
  return `\`${path}\` must be ${expected} ${tail}`;
}

function rangeText(schema: Record<string, unknown>): string {
  const min = schema['minimum'];
  const max = schema['maximum'];
  if (typeof min === 'number' && typeof max === 'number') return `between ${min} and ${max}`;
  if (typeof min === 'number') return `at least ${min}`;
  return `at most ${String(max)}`;
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    integer: 'a whole number',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
    object: 'a mapping',
    array: 'a list',
    null: 'empty',
  };
  return type
    .split(',')
    .map((part) => names[part] ?? part)
    .join(' or ');
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `a timestamp (${value.toISOString()})`;
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

function describeScalar(value: unknown): string {
  if (typeof value === 'string') return `\`${value}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return describeValue(value);
}

/** Dotted path for messages: `/exceptions/0/control` -> `exceptions.0.control`. */
function label(pointer: string): string {
  return pointerSegments(pointer).join('.');
}

/** The position of a pointer, falling back to its nearest ancestor (values behind an alias have none). */
export function locateIssue(positions: Map<string, NodePositions>, pointer: string, at: Anchor): Position {
  let current = pointer;
  for (;;) {
    const found = positions.get(current);
    if (found) return at === 'key' ? (found.key ?? found.value) : found.value;
    if (current === '') return { line: 1, column: 1 };
    current = current.slice(0, current.lastIndexOf('/'));
  }
}
