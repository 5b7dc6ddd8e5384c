/**
 * The CLI's commands. Each takes its own arguments and returns the exit code.
 *
 * Every command's module is imported when that command runs: `--version` and `--help` evaluate none of them, and
 * `validate`, `schema` and an offline `check --state` never evaluate the AWS SDK. In the bundle each group is a
 * chunk of its own (webpackChunkName), read from disk only when imported.
 */
import type { CommandIO } from './io.js';

export type Command = (args: string[], io: CommandIO) => Promise<number>;

const checkCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "check" */ './check.js')).checkCommand(args, io);
const validateCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "check" */ './policy-commands.js')).validateCommand(args, io);
const schemaCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "check" */ './policy-commands.js')).schemaCommand(args, io);
const initCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "init" */ './init.js')).initCommand(args, io);
const snapshotCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "snapshot" */ './snapshot.js')).snapshotCommand(args, io);
const planCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "remediate" */ './remediate.js')).planCommand(args, io);
const applyCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "remediate" */ './remediate.js')).applyCommand(args, io);
const discoverCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "organization" */ './organization.js')).discoverCommand(args, io);
const mergeCommand: Command = async (args, io) =>
  (await import(/* webpackChunkName: "organization" */ './organization.js')).mergeCommand(args, io);

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
  init: {
    run: initCommand,
    summary: 'write a commented policy and workflow into .github/ (--adopt: waive what fails now)',
  },
  check: { run: checkCommand, summary: 'check the account (or --state SNAPSHOT) against --policy FILE' },
  validate: { run: validateCommand, summary: 'validate --policy FILE (no AWS call)' },
  snapshot: { run: snapshotCommand, summary: 'write the live account state as a snapshot [--output FILE]' },
  schema: { run: schemaCommand, summary: 'print the policy JSON Schema' },
  plan: { run: planCommand, summary: 'show what apply would change (check options; makes no write call)' },
  apply: {
    run: applyCommand,
    summary: 'set the password policy and alternate contacts (never loosens), then check again',
  },
  discover: {
    run: discoverCommand,
    summary: "list the organization's accounts as a matrix of --shards N for strategy.matrix",
  },
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
