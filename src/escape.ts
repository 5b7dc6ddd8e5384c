/**
 * The one escaping module of every renderer (report, remediation plan, PR comment, drift issue, CLI messages).
 * Values that come from the account or the policy (user names, contact fields, matchers, policy keys, AWS error
 * text) are escaped for the medium they land in:
 * - terminal and log lines (`oneLine`): one line, control characters visible, so no value can start a line of its
 *   own, and so no `::error file=x::...` workflow command can be forged at a line start;
 * - workflow commands: @actions/core escapes `%`, CR, LF (and `:`/`,` in properties), see src/github/annotations.ts;
 * - Markdown and the HTML GitHub allows inside it (`escapeMarkdown`, `codeCell`): inert characters, no tag, no
 *   heading, no list, no @mention, no #reference, no table cell break.
 */

/** One line, no terminal control sequences: newlines and control characters become visible escapes. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/\r\n|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === '\n' || c === '\r\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Characters that start Markdown or HTML syntax. They become numeric character references, which GFM decodes
 * back to the literal character after block parsing, so `|` cannot split a table row and `<` cannot open a tag.
 * `@` and `#` are included so that a value does not read as a mention or an issue reference in a PR comment.
 * A value never starts a line of the Markdown source (newlines become `<br>`), so `-`, `+` and `1.` stay text.
 */
const SPECIAL = /[&<>"'|`*_~[\]!#\\$@]/g;

function reference(character: string): string {
  return `&#${character.codePointAt(0) ?? 0};`;
}

/** Control characters (other than newline) have no business in a report: show them as `\xNN`. */
function showControls(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0009\u000b-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** A value inside a table cell or a line of prose: one line, every special character inert. */
export function escapeMarkdown(value: string): string {
  return showControls(value.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n'))
    .replace(SPECIAL, reference)
    .replace(/\n/g, '<br>');
}

/** A value shown as code: a `<code>` element with escaped content (a backtick in the value cannot close it). */
export function codeCell(value: string): string {
  return value === '' ? '' : `<code>${escapeMarkdown(value)}</code>`;
}
