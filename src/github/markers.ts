/**
 * Hidden HTML comments that let a later run find what an earlier run wrote. A comment cannot contain `--`, and
 * the values inside (paths, account ids) are encoded so that none can end it early.
 */
const PREFIX = 'aws-account-baseline';

/** A path or id made safe for the inside of an HTML comment: `%`, `<`, `>` and every `-` of a `--` encoded. */
export function markerValue(value: string): string {
  return value.replace(/[%<>\s]/g, (c) => encodeURIComponent(c)).replace(/-(?=-)/g, '%2D');
}

/** `<!-- aws-account-baseline:POLICYFILE -->`: the PR comment of one policy file. */
export function prCommentMarker(policyFile: string): string {
  return `<!-- ${PREFIX}:${markerValue(policyFile)} -->`;
}

/** The drift issue of one account and policy file. */
export function driftIssueMarker(accountId: string, policyFile: string): string {
  return `<!-- ${PREFIX}:drift:${markerValue(accountId)}:${markerValue(policyFile)} -->`;
}

const STATE_PATTERN = new RegExp(`<!-- ${PREFIX}:state ([A-Za-z0-9+/=]*) -->`);

/** A JSON value hidden in a body (base64, so nothing in it can end the comment). */
export function stateBlock(value: unknown): string {
  return `<!-- ${PREFIX}:state ${Buffer.from(JSON.stringify(value), 'utf8').toString('base64')} -->`;
}

/** The JSON value hidden by `stateBlock`, or undefined when absent or unreadable (someone edited the body). */
export function readStateBlock(body: string): unknown {
  const encoded = STATE_PATTERN.exec(body)?.[1];
  if (encoded === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** GitHub rejects bodies over 65536 characters: cut long ones at a line, with a note where to find the rest. */
export const MAX_BODY = 65536;

export function fitBody(head: string, content: string, tail: string): string {
  const note = '\n\n… (cut: the full report is in the job summary of the run)\n';
  const room = MAX_BODY - head.length - tail.length;
  if (content.length <= room) return head + content + tail;
  const cut = content.lastIndexOf('\n', room - note.length);
  return head + content.slice(0, Math.max(cut, 0)) + note + tail;
}
