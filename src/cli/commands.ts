/** The CLI's commands. Each takes its own arguments and returns the exit code. */
import { checkCommand } from './check.js';
import type { CommandIO } from './io.js';
import { schemaCommand, validateCommand } from './policy-commands.js';

/*
 * Commands other than check/validate/schema are imported when run: their modules stay in the one bundle file
 * (webpackMode "eager") but are not evaluated at start-up, which keeps `check`'s cold start short.
 */
const initCommand: Command = async (args, io) => (await import(/* webpackMode: "eager" */ './init.js')).initCommand(args, io);
const snapshotCommand: Command = async (args, io) => (await import(/* webpackMode: "eager" */ './snapshot.js')).snapshotCommand(args, io);
const planCommand: Command = async (args, io) => (await import(/* webpackMode: "eager" */ './remediate.js')).planCommand(args, io);
const applyCommand: Command = async (args, io) => (await import(/* webpackMode: "eager" */ './remediate.js')).applyCommand(args, io);
const discoverCommand: Command = async (args, io) => (await import(/* webpackMode: "eager" */ '../org/cli-commands.js')).discoverCommand(args, io);
const mergeCommand: Command = async (args, io) => (await import(/* webpackMode: "eager" */ '../org/cli-commands.js')).mergeCommand(args, io);

export type Command = (args: string[], io: CommandIO) => Promise<number>;

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  init: { run: initCommand, summary: 'write a commented policy and workflow into .github/ (--adopt: waive what fails now)' },
  check: { run: checkCommand, summary: 'check the account (or --state SNAPSHOT) against --policy FILE' },
  validate: { run: validateCommand, summary: 'validate --policy FILE (no AWS call)' },
  snapshot: { run: snapshotCommand, summary: 'write the live account state as a snapshot [--output FILE]' },
  schema: { run: schemaCommand, summary: 'print the policy JSON Schema' },
  plan: { run: planCommand, summary: 'show what apply would change (check options; makes no write call)' },
  apply: { run: applyCommand, summary: 'set the password policy and alternate contacts (never loosens), then check again' },
  discover: { run: discoverCommand, summary: 'list the organization\'s accounts as a matrix of --shards N for strategy.matrix' },
  merge: { run: mergeCommand, summary: 'combine the JSON reports of shards (FILE...) into one report' },
};

export const USAGE = `Usage: aws-account-baseline <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}

Run "aws-account-baseline COMMAND --help" (or "help COMMAND") for a command's options, an example and its exit codes.
Start with: aws-account-baseline init

Exit codes: 0 nothing at or above the threshold failed; 1 findings at or above the threshold;
2 invalid input (policy, snapshot, arguments); 3 the account could not be read (no credentials, wrong account).
AWS configuration comes from the standard environment: AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL(_IAM/_STS/_ACCOUNT).
`;
