/** The CLI's commands. Each takes its own arguments and returns the exit code. */
import { checkCommand } from './check.js';
import type { CommandIO } from './io.js';
import { schemaCommand, validateCommand } from './policy-commands.js';
import { snapshotCommand } from './snapshot.js';

export type Command = (args: string[], io: CommandIO) => Promise<number>;

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  check: { run: checkCommand, summary: 'check the account (or --state SNAPSHOT) against --policy FILE' },
  validate: { run: validateCommand, summary: 'validate --policy FILE (no AWS call)' },
  snapshot: { run: snapshotCommand, summary: 'write the live account state as a snapshot [--output FILE]' },
  schema: { run: schemaCommand, summary: 'print the policy JSON Schema' },
};

export const USAGE = `Usage: aws-account-baseline <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}

check options:
  --policy FILE            the desired-state file (required)
  --state FILE             evaluate a snapshot instead of the live account
  --format FORMAT          text (default) | json | sarif | markdown
  --output FILE            write the report to FILE instead of stdout
  --fail-on SEVERITY       critical | high | medium | low (default) | none
  --redact MODE            contacts (default) | users | off
  --region REGION          AWS region for the API endpoints (IAM is global)
  --credential-report-max-age-hours N   reuse a credential report younger than N hours (default 4)

Exit codes: 0 nothing at or above the threshold failed; 1 findings at or above the threshold;
2 invalid input (policy, snapshot, arguments); 3 the account could not be read (no credentials, wrong account).
AWS configuration comes from the standard environment: AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL(_IAM/_STS/_ACCOUNT).
`;
