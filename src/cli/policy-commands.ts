/** `validate` and `schema`: the policy file without any AWS call. */
import { formatIssues } from '../errors.js';
import { inspectPolicyFile, policySchema } from '../policy/load.js';
import { parseCommandArgs, requiredString } from './options.js';
import type { CommandIO } from './io.js';

export async function validateCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parseCommandArgs(args, { policy: { type: 'string' } });
  const file = requiredString(values, 'policy');
  const { issues, warnings } = await inspectPolicyFile(file);
  if (issues.length === 0) {
    for (const warning of warnings) io.stderr(`${file}: warning: ${warning}\n`);
    io.stdout(`${file}: valid\n`);
    return 0;
  }
  io.stderr(`${formatIssues(issues)}\n`);
  return 2;
}

export function schemaCommand(args: string[], io: CommandIO): number {
  parseCommandArgs(args, {});
  io.stdout(`${JSON.stringify(policySchema, null, 2)}\n`);
  return 0;
}
