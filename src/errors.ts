/** Errors the entry points turn into exit codes and one-line messages (never a stack trace). */
import { oneLine } from './report/escape.js';

/** One problem in an input file, at a 1-based line and column. */
export interface InputIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * One line per issue. The message may quote the policy (a key, a value) and the file name is the user's: both
 * are kept on the line, so a key holding a newline cannot start a line of its own (a forged `::error::` in a log).
 */
export function formatIssue(issue: InputIssue): string {
  return `${oneLine(issue.file)}:${issue.line}:${issue.column} ${oneLine(issue.message)}`;
}

/** Invalid input (policy, snapshot, arguments): exit code 2. Carries every problem found, not only the first. */
export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
  }
}

/** Invalid command-line usage without a file position: exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The account could not be read at all (no credentials, wrong account): exit code 3. */
export class AccountUnreadableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountUnreadableError';
  }
}
