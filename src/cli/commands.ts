/**
 * The CLI's commands. Each takes its own arguments and returns the exit code.
 *
 * Every command's module is imported when that command runs: `--version` and `--help` evaluate none of them, and
 * `validate`, `schema` and an offline `check --state` never evaluate the AWS SDK. In the bundle each group is a
 * chunk of its own (webpackChunkName), read from disk only when imported.
 */
import type { CommandIO } from './io.js';

export type Command = (args: string[], io: CommandIO) => Promise<number>;

const checkCommand: Command = async (args, io) => (await import(/* webpackChunkName: "check" */ './check.js')).checkCommand(args, io);
const validateCommand: Command = async (args, io) => (await import(/* webpackChunkName: "check" */ './policy-commands.js')).validateCommand(args, io);
const schemaCommand: Command = async (args, io) => (await import(/* webpackChunkName: "check" */ './policy-commands.js')).schemaCommand(args, io);
const snapshotCommand: Command = async (args, io) => (await import(/* webpackChunkName: "snapshot" */ './snapshot.js')).snapshotCommand(args, io);
const planCommand: Command = async (args, io) => (await import(/* webpackChunkName: "remediate" */ './remediate.js')).planCommand(args, io);
const applyCommand: Command = async (args, io) => (await import(/* webpackChunkName: "remediate" */ './remediate.js')).applyCommand(args, io);
const discoverCommand: Command = async (args, io) => (await import(/* webpackChunkName: "organization" */ './organization.js')).discoverCommand(args, io);
const mergeCommand: Command = async (args, io) => (await import(/* webpackChunkName: "organization" */ './organization.js')).mergeCommand(args, io);

export const COMMANDS: Record<string, { run: Command; summary: string }> = {
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

check options:
  --policy FILE            the desired-state file (required)
  --state FILE             evaluate a snapshot instead of the live account
  --format FORMAT          text (default) | json | sarif | markdown
  --output FILE            write the report to FILE instead of stdout
  --fail-on SEVERITY       critical | high | medium | low (default) | none
  --redact MODE            contacts (default) | users | off
  --region REGION          AWS region for the API endpoints (IAM is global)
  --credential-report-max-age-hours N   reuse a credential report younger than N hours (default 4)
  --timeout-seconds N      the run's deadline: calls still unanswered become errors (default 120;
                           per account in organization runs)

organization options (check):
  --accounts ID,ID         check these accounts (with --organization/--ou: only these of the discovered ones)
  --organization           check every ACTIVE account of the organization (hub: management or delegated admin)
  --ou OU,OU               only accounts under these OUs (recursively); implies --organization
  --member-role-name NAME  role assumed in each account (default aws-account-baseline-read-only)
  --external-id ID         external ID the member role's trust policy requires
  --concurrency N          accounts checked at once (default 16)
  --shard i/N              check only the i-th of N shards (see discover)
discover options: --shards N [--accounts ...] [--ou ...] [--policy FILE] [--output FILE]
merge options: FILE... [--format json (default) | text | sarif | markdown] [--output FILE] [--fail-on SEVERITY]

Exit codes: 0 nothing at or above the threshold failed; 1 findings at or above the threshold;
2 invalid input (policy, snapshot, arguments); 3 the account could not be read (no credentials, wrong account).
AWS configuration comes from the standard environment: AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL(_IAM/_STS/_ACCOUNT).
`;
