/**
 * Validates SARIF against the official 2.1.0 schema shipped by @microsoft/jest-sarif. The schema is written in
 * draft-04 with one top-level `id`; its keywords are all draft-07 compatible, so a draft-07 Ajv compiles it once
 * `id` is renamed `$id`. One of its patterns is not valid with the `u` flag, hence `unicodeRegExp: false`.
 * Reusable by the end-to-end tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const SCHEMA_PATH = join(
  process.cwd(),
  'node_modules',
  '@microsoft',
  'jest-sarif',
  'lib',
  'schemas',
  'sarif-2.1.0-rtm.5.json',
);

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const addFormats = addFormatsModule as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  return ajv.compile({ ...schema, $id: String(id) });
}

/** The schema errors of `log`, as `path message` lines; empty when valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  validator ??= compile();
  return validator(log) ? [] : (validator.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
