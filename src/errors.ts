/** Errors the entry points turn into exit codes and one-line messages (never a stack trace). */
import { oneLine } from './escape.js';

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

/** Problems printed for one input: a file with 300,000 bad entries is refused with a screenful, not 300,000 lines. */
export const MAX_LISTED_ISSUES = 20;

/** One line per issue, the first MAX_LISTED_ISSUES of them, then how many more there are. */
export function formatIssues(issues: readonly InputIssue[]): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map(formatIssue);
  const more = issues.length - MAX_LISTED_ISSUES;
  if (more > 0) lines.push(`and ${more} more ${more === 1 ? 'problem' : 'problems'}`);
  return lines.join('\n');
}

/** Invalid input (policy, snapshot, arguments): exit code 2. Carries every problem found, not only the first. */
export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(formatIssues(issues));
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

/**
 * Why a file could not be read, in the same words for every input (policy, snapshot, report): "file not found",
 * not ENOENT. Duck-typed: errors from node:fs may come from another realm (jest's vm), where instanceof fails.
 */
export function fileReadReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  if (typeof message === 'string' && message !== '') return message;
  return typeof code === 'string' ? code : String(error);
}
