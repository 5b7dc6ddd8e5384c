/**
 * The policy schema is valid JSON Schema 2020-12. The run-time validator skips this check (validateSchema: false,
 * it cost half of the start-up), so it lives here instead.
 */
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
