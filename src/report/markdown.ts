/**
 * Escaping for values that come from the account or the policy (user names, contact fields, matchers) before
 * they go into Markdown. GitHub renders job summaries and comments as GFM with inline HTML, so a value must be
 * neutralised both as Markdown and as HTML: it may change nothing but its own cell.
 */

/**
 * Characters that start Markdown or HTML syntax. They become numeric character references, which GFM decodes
 * back to the literal character after block parsing, so `|` cannot split a table row and `<` cannot open a tag.
 * `@` and `#` are included so that a value does not read as a mention or an issue reference in a PR comment.
 */
const SPECIAL = /[&<>"'|`*_~[\]!#\\$@]/g;

function reference(character: string): string {
  return `&#${character.codePointAt(0) ?? 0};`;
}

/** Control characters (other than newline) have no business in a report: show them as `\xNN`. */
function showControls(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A value inside a table cell or a line of prose: one line, every special character inert. */
export function escapeMarkdown(value: string): string {
  return showControls(value.replace(/\r\n?/g, '\n'))
    .replace(SPECIAL, reference)
    .replace(/\n/g, '<br>');
}

/** Alias that says where the value goes. */
export const escapeCell = escapeMarkdown;

/** A value shown as code: a `<code>` element with escaped content (a backtick in the value cannot close it). */
export function codeCell(value: string): string {
  return value === '' ? '' : `<code>${escapeMarkdown(value)}</code>`;
}

/** One GFM table: the header row, the separator and escaped-by-the-caller rows. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
