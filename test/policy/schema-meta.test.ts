/**
 * The policy schema is valid JSON Schema 2020-12, and the validator compiled from it at build time
 * (src/generated/policy-validator.ts, by scripts/gen-policy-validator.mjs) is current: runs use that code and
 * never compile the schema themselves.
 */
import { spawnSync } from 'node:child_process';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { policySchemaJson } from '../../src/generated/assets.js';

test('policies/schema.json validates against the 2020-12 meta-schema', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary(['errorMessage']);
  ajv.addFormat('date', { type: 'string', validate: () => true });
  const valid = ajv.validateSchema(policySchemaJson);
  expect(ajv.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
});

test('a schema that breaks the meta-schema is caught by this check', () => {
  const ajv = new Ajv2020({ strict: true });
  expect(ajv.validateSchema({ type: 'object', properties: { a: { type: 'no-such-type' } } })).toBe(false);
});

test('src/generated/policy-validator.ts matches policies/schema.json (regenerate: node scripts/gen-policy-validator.mjs)', () => {
  const result = spawnSync(process.execPath, ['scripts/gen-policy-validator.mjs', '--check'], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});
