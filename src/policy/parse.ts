/**
 * YAML text -> plain data plus the source position of every node, keyed by JSON pointer.
 * Safe on hostile input: size limit, alias-expansion limit, no custom tags, duplicate keys refused.
 */
import { Alias, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml';
import type { InputIssue } from '../errors.js';
import { escapePointerSegment, type Position } from '../input-position.js';

/** Policies are hand-written: anything this large is a mistake or an attack. */
export const MAX_POLICY_BYTES = 1024 * 1024;
/** Aliases are fine for sharing a contact block; thousands of expansions are a billion-laughs attack. */
export const MAX_ALIAS_EXPANSIONS = 100;

export interface NodePositions {
  /** Where the key was written (absent for list items and the document itself). */
  key?: Position;
  value: Position;
}

export interface ParsedYaml {
  /** Undefined when the YAML itself is broken. */
  data?: unknown;
  positions: Map<string, NodePositions>;
  issues: InputIssue[];
}

export function parsePolicyYaml(text: string, file: string): ParsedYaml {
  const positions = new Map<string, NodePositions>();
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_POLICY_BYTES) {
    return { positions, issues: [{ file, line: 1, column: 1, message: tooLargeMessage(size) }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const keyNames = new Map<number, string>();
  if (doc.contents) walk(doc.contents, '', undefined, positions, keyNames, at);
  else positions.set('', { value: { line: 1, column: 1 } });

  const issues: InputIssue[] = [...doc.errors, ...doc.warnings].map((error) => {
    const { line, column } = at(error.pos[0]);
    return { file, line, column, message: yamlMessage(error.code, error.message, keyNames.get(error.pos[0])) };
  });
  // Duplicate keys leave a readable document; anything else makes its data unreliable.
  if (issues.length > 0 && [...doc.errors, ...doc.warnings].some((error) => error.code !== 'DUPLICATE_KEY')) {
    return { positions, issues: sortIssues(issues) };
  }

  const unresolved = collectAliases(doc.contents).find((alias) => alias.resolve(doc) === undefined);
  if (unresolved) {
    const where = unresolved.range ? at(unresolved.range[0]) : { line: 1, column: 1 };
    const message = `unknown anchor \`${unresolved.source}\` (an anchor must be set before its alias)`;
    return { positions, issues: sortIssues([...issues, { file, ...where, message }]) };
  }

  keepTimestampsAsWritten(doc);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error: unknown) {
    const alias = firstAlias(doc.contents);
    const where = alias?.range ? at(alias.range[0]) : { line: 1, column: 1 };
    const message =
      error instanceof ReferenceError && /alias/i.test(error.message)
        ? `too many alias expansions (more than ${MAX_ALIAS_EXPANSIONS}): refused as a resource-exhaustion attack`
        : `cannot read the YAML: ${error instanceof Error ? error.message : String(error)}`;
    return { positions, issues: sortIssues([...issues, { file, ...where, message }]) };
  }
  return { data, positions, issues: sortIssues(issues) };
}

/**
 * Under `%YAML 1.1` a plain `2026-11-31` is a timestamp, and Date rolls it over to 2026-12-01. Every timestamp
 * goes back to the text as written, so the date checks see what the author wrote and refuse an impossible day
 * exactly as they do under YAML 1.2 (where it stays a string).
 */
function keepTimestampsAsWritten(doc: ReturnType<typeof parseDocument>): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.value instanceof Date && typeof node.source === 'string') node.value = node.source;
    },
  });
}

export function tooLargeMessage(size: number): string {
  return `file is too large (${size} bytes; the limit is ${MAX_POLICY_BYTES})`;
}

function walk(
  node: Node,
  pointer: string,
  key: Position | undefined,
  positions: Map<string, NodePositions>,
  keyNames: Map<number, string>,
  at: (offset: number) => Position,
): void {
  const value = node.range ? at(node.range[0]) : (key ?? { line: 1, column: 1 });
  positions.set(pointer, key ? { key, value } : { value });
  // An alias is located at the alias itself: following it would re-walk shared (possibly exponential) content.
  if (isAlias(node)) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      const keyStart = keyNode?.range?.[0];
      if (keyStart !== undefined) keyNames.set(keyStart, name);
      const keyPosition = keyStart !== undefined ? at(keyStart) : value;
      const child = `${pointer}/${escapePointerSegment(name)}`;
      const valueNode = pair.value as Node | null;
      if (valueNode) walk(valueNode, child, keyPosition, positions, keyNames, at);
      else positions.set(child, { key: keyPosition, value: keyPosition });
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const child = `${pointer}/${index}`;
      if (item && typeof item === 'object' && 'range' in item)
        walk(item as Node, child, undefined, positions, keyNames, at);
      else positions.set(child, { value });
    });
  }
}

function firstAlias(node: unknown): Alias | undefined {
  return collectAliases(node)[0];
}

/** Alias nodes in document order (the tree itself is finite: aliases are not followed). */
function collectAliases(node: unknown, found: Alias[] = []): Alias[] {
  if (isAlias(node)) found.push(node);
  else if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      if (isPair(item)) {
        collectAliases(item.key, found);
        collectAliases(item.value, found);
      } else collectAliases(item, found);
    }
  }
  return found;
}

function yamlMessage(code: string, message: string, key: string | undefined): string {
  if (code === 'DUPLICATE_KEY') return key !== undefined ? `duplicate key \`${key}\`` : 'duplicate key';
  if (code === 'MULTIPLE_DOCS') return 'only one YAML document is allowed (remove the second `---`)';
  if (code === 'TAG_RESOLVE_FAILED') return `unsupported YAML tag: ${message.replace(/^Unresolved tag:\s*/, '')}`;
  // yaml reports its own stack overflow on deeply nested input as an error at the node it reached.
  if (/maximum call stack size exceeded/i.test(message))
    return 'the YAML is nested too deeply (no policy needs more than a few levels)';
  // yaml's messages may carry a source excerpt after the first line: keep the sentence.
  const sentence = (message.split('\n')[0] ?? message).trim();
  return `YAML syntax error: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
}

export function sortIssues(issues: InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return [...issues]
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message),
    )
    .filter((issue) => {
      const id = `${issue.file}:${issue.line}:${issue.column}:${issue.message}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}
