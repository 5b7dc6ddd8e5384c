/** The schema's list of control IDs (waivers, severity overrides) must name every control of the catalogue. */
import { CONTROLS } from '../../src/controls/registry.js';
import { policySchema } from '../../src/policy/load.js';

test('every catalogued control ID is accepted by the schema', () => {
  const defs = policySchema['$defs'] as Record<string, { anyOf: Array<{ enum?: string[] }> }>;
  const schemaIds = new Set(defs['controlId']?.anyOf.flatMap((branch) => branch.enum ?? []));
  const missing = CONTROLS.map((control) => control.id).filter((id) => id !== 'attestations.*' && !schemaIds.has(id));
  expect(missing).toEqual([]);
});
