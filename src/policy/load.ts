/** STUB interface: the policy-language work (issue 3) implements it. */
import type { Policy } from './types.js';

/**
 * Reads, parses (yaml, with source positions), validates (ajv, policies/schema.json) and merges (`extends`)
 * a policy file. Throws InputError listing every problem as FILE:LINE:COL message.
 */
export async function loadPolicy(file: string): Promise<Policy> {
  throw new Error(`not implemented: ${file}`);
}
