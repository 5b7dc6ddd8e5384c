/** GFM building blocks for the job summary, the PR comment and the drift issue. Escaping: src/escape.ts. */
export { codeCell, escapeMarkdown } from '../escape.js';
import { escapeMarkdown } from '../escape.js';

/** Alias that says where the value goes. */
export const escapeCell = escapeMarkdown;

/** One GFM table: the header row, the separator and escaped-by-the-caller rows. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
