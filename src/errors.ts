/** Errors the entry points turn into exit codes and one-line messages (never a stack trace). */

/** One problem in an input file, at a 1-based line and column. */
export interface InputIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatIssue(issue: InputIssue): string {
  return `${issue.file}:${issue.line}:${issue.column} ${issue.message}`;
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

/**
 * Why a file could not be read, in the same words for every input (policy, snapshot, report): "file not found",
 * not ENOENT. Duck-typed: errors from node:fs may come from another realm (jest's vm), where instanceof fails.
 */
export function fileReadReason(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  const message = typeof error === 'object' && error !== null && 'message' in error ? (error as { message: unknown }).message : undefined;
  if (typeof message === 'string' && message !== '') return message;
  return typeof code === 'string' ? code : String(error);
}
