/** argv -> command -> exit code. Every error becomes one line on stderr, never a stack trace. */
import { AccountUnreadableError, InputError, UsageError, formatIssues } from '../errors.js';
import { COMMANDS, USAGE } from './commands.js';
import type { CommandIO } from './io.js';
import { PACKAGE_VERSION } from '../version.js';
import { scrubCredentials } from '../state/credential-scrub.js';
import { commandHelpText } from './help.js';

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === 'help' && args.length > 0) return helpCommand(args, io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${Object.keys(COMMANDS).join(', ')})`);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(commandHelpText(name) ?? USAGE);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    return reportError(
      error,
      { ...io, stderr: (text) => io.stderr(scrubCredentials(text)) },
      command === undefined ? undefined : name,
    );
  }
}

/** `help COMMAND`: that command's help, as `COMMAND --help` prints it. */
function helpCommand(args: string[], io: CommandIO): number {
  const [topic, ...rest] = args;
  const text = topic === undefined ? undefined : commandHelpText(topic);
  if (text === undefined || rest.length > 0) {
    return reportError(
      new UsageError(`help takes one command name (commands: ${Object.keys(COMMANDS).join(', ')})`),
      io,
    );
  }
  io.stdout(text);
  return 0;
}

function reportError(error: unknown, io: CommandIO, commandName?: string): number {
  if (error instanceof InputError) {
    io.stderr(`${formatIssues(error.issues)}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    const help =
      commandName === undefined ? 'aws-account-baseline --help' : `aws-account-baseline ${commandName} --help`;
    io.stderr(`aws-account-baseline: ${error.message}\nRun "${help}" for usage.\n`);
    return 2;
  }
  if (error instanceof AccountUnreadableError) {
    io.stderr(`aws-account-baseline: ${error.message}\n`);
    return 3;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`aws-account-baseline: ${message.split('\n')[0] ?? message}\n`);
  return 3;
}
