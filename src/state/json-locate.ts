/**
 * Source positions for JSON text, used only when JSON.parse or the schema rejects a file: JSON.parse's message
 * names no position for some errors and words them differently per Node version, so a small scanner finds
 * the first syntax error, and the offset of every value and key by JSON pointer.
 */
import { escapePointerSegment } from '../input-position.js';

export type JsonScan =
  { ok: true; values: Map<string, number>; keys: Map<string, number> } | { ok: false; offset: number; message: string };

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Scans `text` as strict JSON (RFC 8259), recording where each value and object key starts. */
export function scanJson(text: string): JsonScan {
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  let index = 0;

  const fail = (message: string): never => {
    throw new ScanError(index, index >= text.length ? `unexpected end of JSON: ${message}` : message);
  };
  const skipSpace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text[index] ?? '')) index++;
  };
  const describe = (): string => (index >= text.length ? 'end of input' : JSON.stringify(text[index]));

  const scanString = (): string => {
    const start = index;
    index++;
    while (index < text.length) {
      const char = text[index];
      if (char === '"') {
        index++;
        return JSON.parse(text.slice(start, index)) as string;
      }
      if (char === '\\') {
        const next = text[index + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
            index++;
            fail('invalid \\u escape in string');
          }
          index += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next) || next === '') {
          index++;
          fail(`invalid escape ${JSON.stringify('\\' + next)} in string`);
        }
        index += 2;
        continue;
      }
      if (char !== undefined && char < ' ') fail('control character in string (escape it)');
      index++;
    }
    index = start;
    return fail('unterminated string');
  };

  const scanLiteral = (): void => {
    const rest = text.slice(index);
    const literal = ['true', 'false', 'null'].find((word) => rest.startsWith(word));
    if (literal !== undefined) {
      index += literal.length;
      return;
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (number === null || number[0] === '') fail(`unexpected ${describe()}, expected a value`);
    index += (number as RegExpExecArray)[0].length;
  };

  const scanValue = (pointer: string): void => {
    skipSpace();
    values.set(pointer, index);
    const char = text[index];
    if (char === '{') scanObject(pointer);
    else if (char === '[') scanArray(pointer);
    else if (char === '"') scanString();
    else scanLiteral();
  };

  const scanObject = (pointer: string): void => {
    index++;
    skipSpace();
    if (text[index] === '}') {
      index++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[index] !== '"') fail(`unexpected ${describe()}, expected a double-quoted property name`);
      const keyOffset = index;
      const key = scanString();
      const child = `${pointer}/${escapePointerSegment(key)}`;
      keys.set(child, keyOffset);
      skipSpace();
      if (text[index] !== ':') fail(`unexpected ${describe()}, expected ':' after the property name`);
      index++;
      scanValue(child);
      skipSpace();
      if (text[index] === ',') {
        index++;
        continue;
      }
      if (text[index] === '}') {
        index++;
        return;
      }
      fail(`unexpected ${describe()}, expected ',' or '}' after a property value`);
    }
  };

  const scanArray = (pointer: string): void => {
    index++;
    skipSpace();
    if (text[index] === ']') {
      index++;
      return;
    }
    for (let item = 0; ; item++) {
      scanValue(`${pointer}/${item}`);
      skipSpace();
      if (text[index] === ',') {
        index++;
        continue;
      }
      if (text[index] === ']') {
        index++;
        return;
      }
      fail(`unexpected ${describe()}, expected ',' or ']' after an array item`);
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) index = 1;
    scanValue('');
    skipSpace();
    if (index < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
    return { ok: true, values, keys };
  } catch (error) {
    if (error instanceof ScanError) return { ok: false, offset: error.offset, message: error.message };
    throw error;
  }
}
