/**
 * Help for each command: its own options, an example and its exit codes (`COMMAND --help`, `help COMMAND`).
 * The global usage (src/cli/commands.ts) lists the commands; this says how to use one.
 */

export interface CommandHelp {
  /** The command line, after the program name. */
  usage: string;
  /** What the command does, one or two sentences. */
  about: string;
  /** [option as typed, what it does]; `-h, --help` is added to every command. */
  options: readonly (readonly [string, string])[];
  /** Extra sections (e.g. environment variables), each a titled block of lines. */
  sections?: readonly { title: string; lines: readonly string[] }[];
  examples: readonly string[];
  exitCodes: readonly string[];
}

const REPORT_OPTIONS: readonly (readonly [string, string])[] = [
  ['--policy FILE', 'the desired-state file (required)'],
  ['--state FILE', 'evaluate a snapshot (from `snapshot`) instead of the live account'],
  ['--format FORMAT', 'text (default) | json | sarif | markdown'],
  ['--output FILE', 'write the report to FILE instead of stdout'],
  ['--fail-on SEVERITY', 'critical | high | medium | low (default) | none'],
  ['--redact MODE', 'contacts (default: mask contact e-mails and phones) | users (also IAM user names) | off'],
  ['--region REGION', 'AWS region for the API endpoints (IAM is global)'],
  ['--credential-report-max-age-hours N', 'reuse a credential report younger than N hours (default 4)'],
  ['--timeout-seconds N', "the run's deadline: calls still unanswered become errors (default 120)"],
  ['--no-color', 'no ANSI colour in the text report (also NO_COLOR=1)'],
];

const ORGANIZATION_OPTIONS: readonly (readonly [string, string])[] = [
  ['--accounts ID,ID', 'check these accounts (with --organization/--ou: only these of the discovered ones)'],
  ['--organization', 'check every ACTIVE account of the organization (hub: management or delegated admin)'],
  ['--ou OU,OU', 'only accounts under these OUs (recursively); implies --organization'],
  ['--member-role-name NAME', 'role assumed in each account (default aws-account-baseline-read-only)'],
  ['--external-id ID', "external ID the member role's trust policy requires"],
  ['--concurrency N', 'accounts checked at once (default 16)'],
  ['--shard i/N', 'check only the i-th of N shards (see `discover`)'],
];

const CHECK_EXIT_CODES = [
  '0  nothing at or above --fail-on failed or errored',
  '1  findings at or above --fail-on',
  '2  invalid input (policy, snapshot, arguments)',
  '3  the account could not be read (no credentials, wrong account)',
];

const USAGE_ONLY_EXIT_CODES = ['0  done', '2  invalid arguments'];

export const COMMAND_HELP: Readonly<Record<string, CommandHelp>> = {
  init: {
    usage: 'init [--baseline NAME] [--adopt [--state FILE] [--waiver-days N]] [--force]',
    about:
      'Writes, in the current directory, a commented policy (.github/aws-account-baseline.yml) and a ' +
      'workflow (.github/workflows/aws-account-baseline.yml) that checks pull requests and runs a nightly ' +
      'drift check with SARIF upload. With --adopt, every current deviation of the account becomes a waiver ' +
      'that expires, so the first check passes and each expiry brings the deviation back.',
    options: [
      [
        '--baseline NAME',
        'the baseline the policy extends (default builtin:well-architected-root; also ' +
          'builtin:cis-aws-foundations or ./file.yml)',
      ],
      ['--adopt', 'read the account (or --state) and waive every current failure and error'],
      ['--state FILE', 'with --adopt: read this snapshot instead of the live account'],
      ['--waiver-days N', 'with --adopt: the waivers expire N days from today (default 90)'],
      ['--region REGION', 'with --adopt: AWS region for the API endpoints'],
      ['--timeout-seconds N', 'with --adopt: the deadline of the account read (default 120)'],
      ['--force', 'overwrite files that exist'],
    ],
    examples: ['aws-account-baseline init', 'aws-account-baseline init --adopt --state snapshot.json --waiver-days 30'],
    exitCodes: [
      '0  files written',
      '1  --adopt: files written, but some controls could not be read (an error is never waived)',
      '2  a file exists (use --force), or invalid arguments or policy',
      '3  --adopt could not read the account',
    ],
  },
  check: {
    usage: 'check --policy FILE [--state FILE] [options]',
    about: 'Checks the account of the current AWS credentials (or a snapshot) against the policy and prints a report.',
    options: [...REPORT_OPTIONS, ...ORGANIZATION_OPTIONS],
    examples: [
      'aws-account-baseline check --policy .github/aws-account-baseline.yml',
      'aws-account-baseline check --policy .github/aws-account-baseline.yml --state snapshot.json --format ' +
        'json --output report.json',
    ],
    exitCodes: CHECK_EXIT_CODES,
  },
  validate: {
    usage: 'validate --policy FILE',
    about:
      'Validates the policy file (and the files it extends) without any AWS call; errors are printed as FILE:LINE:COL.',
    options: [['--policy FILE', 'the policy file (required)']],
    examples: ['aws-account-baseline validate --policy .github/aws-account-baseline.yml'],
    exitCodes: ['0  the policy is valid', '2  the policy is invalid or cannot be read'],
  },
  snapshot: {
    usage: 'snapshot [--output FILE] [--redact MODE] [--region REGION] [--timeout-seconds N]',
    about:
      'Reads every source of the live account into a snapshot for offline `check --state`. Contact e-mails ' +
      'and phone numbers are masked as in every report unless --redact off.',
    options: [
      ['--output FILE', 'write the snapshot to FILE instead of stdout'],
      [
        '--redact MODE',
        'contacts (default) | users (also IAM user names) | off (exact values, e.g. to plan contacts offline)',
      ],
      ['--region REGION', 'AWS region for the API endpoints'],
      ['--timeout-seconds N', 'the deadline of the read (default 120)'],
    ],
    examples: ['aws-account-baseline snapshot --output snapshot.json'],
    exitCodes: [
      '0  snapshot written',
      '2  invalid arguments or unwritable --output',
      '3  the account could not be read',
    ],
  },
  schema: {
    usage: 'schema',
    about: 'Prints the JSON Schema of the policy file (for editors and other validators).',
    options: [],
    examples: ['aws-account-baseline schema > aws-account-baseline.schema.json'],
    exitCodes: USAGE_ONLY_EXIT_CODES,
  },
  plan: {
    usage: 'plan --policy FILE [--state FILE] [options]',
    about:
      'Shows the changes `apply` would make (password policy, alternate contacts) as a diff per setting; ' +
      'makes no write call.',
    options: REPORT_OPTIONS,
    sections: [{ title: 'Environment', lines: contactVariableLines() }],
    examples: ['aws-account-baseline plan --policy .github/aws-account-baseline.yml'],
    exitCodes: CHECK_EXIT_CODES,
  },
  apply: {
    usage: 'apply --policy FILE [options]',
    about:
      'Sets the password policy and the alternate contacts the policy asks for (never loosening a live ' +
      'setting), then checks again. Changes the live account: run `plan` first.',
    options: REPORT_OPTIONS.filter(([option]) => !option.startsWith('--state')),
    sections: [{ title: 'Environment', lines: contactVariableLines() }],
    examples: [
      'AAB_CONTACT_SECURITY_PHONE="+1 555 0100" aws-account-baseline apply --policy .github/aws-account-baseline.yml',
    ],
    exitCodes: [
      ...CHECK_EXIT_CODES.slice(0, 1),
      '1  findings at or above --fail-on remain, or a write failed',
      ...CHECK_EXIT_CODES.slice(2),
    ],
  },
  discover: {
    usage: 'discover --shards N [--accounts ID,ID] [--ou OU,OU] [--policy FILE] [--region REGION] [--output FILE]',
    about:
      "Lists the organization's ACTIVE accounts as one line of JSON, split into N shards, for a workflow's " +
      'strategy.matrix.',
    options: [
      ['--shards N', 'how many shards (required)'],
      ['--accounts ID,ID', 'only these accounts'],
      ['--organization', 'every ACTIVE account (the default without --accounts or --ou)'],
      ['--ou OU,OU', 'only accounts under these OUs (recursively)'],
      ['--policy FILE', 'read only to know whether per-OU targets need the OU tree'],
      ['--region REGION', 'AWS region for the API endpoints'],
      ['--output FILE', 'write the matrix to FILE instead of stdout'],
    ],
    examples: ['aws-account-baseline discover --shards 4 --output matrix.json'],
    exitCodes: ['0  matrix written', '2  invalid arguments', '3  the organization could not be listed'],
  },
  merge: {
    usage: 'merge FILE... [--format FORMAT] [--output FILE] [--fail-on SEVERITY]',
    about:
      'Combines the JSON reports of a sharded organization check into one report; ' +
      'exits like `check` on the merged findings.',
    options: [
      ['--format FORMAT', 'json (default) | text | sarif | markdown'],
      ['--output FILE', 'write the report to FILE instead of stdout'],
      ['--fail-on SEVERITY', 'critical | high | medium | low (default) | none'],
      ['--no-color', 'no ANSI colour in the text report'],
    ],
    examples: ['aws-account-baseline merge shard-*.json --format markdown --output summary.md'],
    exitCodes: [
      '0  nothing at or above --fail-on failed or errored',
      '1  findings at or above --fail-on',
      '2  a report cannot be read, or invalid arguments',
    ],
  },
};

function contactVariableLines(): string[] {
  return [
    'AAB_CONTACT_<TYPE>_<FIELD>   a contact value the policy does not give as a literal, so phone numbers',
    '                             need not sit in the repository. TYPE: BILLING | OPERATIONS | SECURITY;',
    '                             FIELD: NAME | TITLE | EMAIL | PHONE (e.g. AAB_CONTACT_SECURITY_PHONE).',
    '                             A contact is written only when all four fields are known.',
    'AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL(_IAM/_STS/_ACCOUNT)   the standard AWS configuration',
  ];
}

const PROGRAM = 'aws-account-baseline';

export function renderCommandHelp(name: string, help: CommandHelp): string {
  const options = [...help.options, ['-h, --help', 'show this help'] as const];
  const width = Math.max(...options.map(([option]) => option.length)) + 2;
  const lines = [`Usage: ${PROGRAM} ${help.usage}`, '', wrap(help.about, 100), '', 'Options:'];
  for (const [option, text] of options) lines.push(`  ${option.padEnd(width)}${text}`);
  for (const section of help.sections ?? [])
    lines.push('', `${section.title}:`, ...section.lines.map((line) => `  ${line}`));
  lines.push(
    '',
    help.examples.length === 1 ? 'Example:' : 'Examples:',
    ...help.examples.map((example) => `  ${example}`),
  );
  lines.push('', 'Exit codes:', ...help.exitCodes.map((code) => `  ${code}`));
  lines.push('', `Run "${PROGRAM} --help" for the list of commands.`);
  return `${lines.join('\n')}\n`;
}

/** Greedy word wrap for the prose line. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** The help of `name`, or undefined for an unknown command. */
export function commandHelpText(name: string): string | undefined {
  const help = COMMAND_HELP[name];
  return help === undefined ? undefined : renderCommandHelp(name, help);
}
