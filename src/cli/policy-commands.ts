/** `validate` and `schema`: the policy file without any AWS call. */
import { formatIssue } from '../errors.js';
import { policySchema, validatePolicyFile } from '../policy/load.js';
import { parseCommandArgs, requiredString } from './options.js';
import type { CommandIO } from './io.js';

export async function validateCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { policy: { type: 'string' } });
  const file = requiredString(values, 'policy');
  const issues = await validatePolicyFile(file);
  if (issues.length === 0) {
    io.stdout(`${file}: valid\n`);
    return 0;
  }
  io.stderr(`${issues.map(formatIssue).join('\n')}\n`);
  return 2;
}

export async function schemaCommand(args: string[], io: CommandIO): Promise<number> {
  parseCommandArgs(args, {});
  io.stdout(`${JSON.stringify(policySchema, null, 2)}\n`);
  return 0;
}
