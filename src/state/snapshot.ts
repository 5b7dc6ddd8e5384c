/**
 * The snapshot file: AccountState as versioned JSON, written by `snapshot` and read by `check --state`.
 * Reading validates the shape (src/state/snapshot-schema.ts, compiled by Ajv at build time into
 * src/generated/snapshot-validator.ts) and reports every problem as FILE:LINE:COL (exit 2).
 */
import { readFile } from 'node:fs/promises';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { InputError, fileReadReason, type InputIssue } from '../errors.js';
import type { AccountState } from './types.js';
import { positionOf } from '../input-position.js';
import { scanJson } from './json-locate.js';
import { validate as generatedValidator } from '../generated/snapshot-validator.js';
import { requireRootRow } from './answers.js';

const MAX_ISSUES = 20;

export function serializeSnapshot(state: AccountState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/** The generated code is untyped (@ts-nocheck); it has the shape of Ajv's compiled validator. */
function validateSnapshot(): ValidateFunction {
  return generatedValidator as unknown as ValidateFunction;
}

/** `/a/0/b` -> `a[0].b`, the path as a reader of the file sees it. */
function dottedPath(pointer: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce(
    (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
    '',
  );
}

function describeError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') return `unknown property "${String(params['additionalProperty'])}"`;
  if (error.keyword === 'const') return `must be ${JSON.stringify(params['allowedValue'])}`;
  if (error.keyword === 'enum')
    return `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return error.message ?? 'is invalid';
}

interface Problem {
  pointer: string;
  /** Point at the key rather than the value (unknown property). */
  atKey: boolean;
  message: string;
}

/** Ajv's errors as one problem each; the alternatives of an `anyOf` merge into one line. */
function toProblems(errors: ErrorObject[]): Problem[] {
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf');
  const isBranchOf = (error: ErrorObject, anyOf: ErrorObject): boolean =>
    error.instancePath === anyOf.instancePath && error.schemaPath.startsWith(`${anyOf.schemaPath}/`);
  const problems: Problem[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword === 'anyOf') {
      const branches = errors.filter((other) => isBranchOf(other, error)).map(describeError);
      problems.push({
        pointer: error.instancePath,
        atKey: false,
        message: [...new Set(branches)].join(' or ') || 'matches no allowed form',
      });
      continue;
    }
    if (anyOfs.some((anyOf) => isBranchOf(error, anyOf))) continue;
    if (error.keyword === 'additionalProperties') {
      const property = String((error.params as Record<string, unknown>)['additionalProperty'])
        .replace(/~/g, '~0')
        .replace(/\//g, '~1');
      problems.push({ pointer: `${error.instancePath}/${property}`, atKey: true, message: describeError(error) });
      continue;
    }
    problems.push({ pointer: error.instancePath, atKey: false, message: describeError(error) });
  }
  return problems;
}

function shapeIssues(file: string, text: string, errors: ErrorObject[]): InputIssue[] {
  const scan = scanJson(text);
  const problems = toProblems(errors).slice(0, MAX_ISSUES);
  return problems.map((problem) => {
    const offset = scan.ok ? ((problem.atKey ? scan.keys : scan.values).get(problem.pointer) ?? 0) : 0;
    const where = dottedPath(problem.pointer);
    const message = problem.atKey ? problem.message : `${where || 'the snapshot'} ${problem.message}`;
    return { file, ...positionOf(text, offset), message: `invalid snapshot: ${message}` };
  });
}

/** Parses and validates snapshot text. Throws InputError (FILE:LINE:COL) for bad JSON or a wrong shape. */
export function parseSnapshot(text: string, file: string): AccountState {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const scan = scanJson(text);
    const offset = scan.ok ? 0 : scan.offset;
    const reason = scan.ok ? 'is not valid JSON' : scan.message;
    throw new InputError([{ file, ...positionOf(text, offset), message: `invalid snapshot JSON: ${reason}` }]);
  }
  const validate = validateSnapshot();
  if (!validate(data)) throw new InputError(shapeIssues(file, text, validate.errors ?? []));
  const { $schema: _editorHint, ...state } = data as AccountState & { $schema?: string };
  // Held to the same rule as a live report: no root row, no report.
  return state.credentialReport === undefined
    ? state
    : { ...state, credentialReport: requireRootRow(state.credentialReport) };
}

export async function readSnapshot(file: string): Promise<AccountState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError([
      { file, line: 1, column: 1, message: `cannot read the snapshot file: ${fileReadReason(error)}` },
    ]);
  }
  return parseSnapshot(text, file);
}
