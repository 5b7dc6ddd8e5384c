/**
 * Policy files: read (size-limited), parse (yaml, with positions), validate (ajv, policies/schema.json),
 * merge `extends` (bundled baselines and relative files, in order, later wins). Every problem in every file
 * is collected and thrown at once as an InputError of `FILE:LINE:COL message` issues.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { InputError, fileReadReason, type InputIssue } from '../errors.js';
import type { SourceLocation } from '../findings.js';
import { builtinBaselines, policySchemaJson } from '../generated/assets.js';
import { NEEDED_ONCE_MERGED } from '../generated/policy-types.js';
import { pointerSegments } from '../input-position.js';
import { nothingCheckedWarning } from './checks-nothing.js';
import { type Layer, type Locations, mergeMapping } from './merge.js';
import { type NodePositions, parsePolicyYaml, sortIssues } from './parse.js';
import { confinedPolicyReader, PolicyFileRefused } from './read-file.js';
import { loadRegexEngine, RegexEngineNotLoadedError } from './patterns.js';
import { nearest } from './suggest.js';
import type { Policy } from './types.js';
import { patternIssues, validatePolicyData } from './validate.js';

export { policySchema } from './validate.js';

const BUILTIN = 'builtin:';
/**
 * Files loaded for one policy, counting each time a file is reached again (a diamond loads it twice): without a
 * cap, a few files that each extend the next several times load exponentially many layers and hang the run.
 */
export const MAX_EXTENDS_LOADS = 64;
const EXTENDS_ENTRY = new RegExp(
  (((policySchemaJson['properties'] as Record<string, Record<string, Record<string, string>>>)['extends'] ?? {})[
    'items'
  ] ?? {})['pattern'] ?? '^$',
);

/** Reads the text of a policy file by absolute path; injectable so tests can work in memory. */
export type PolicyReader = (absolutePath: string) => Promise<string>;

/** One file, parsed and validated on its own (no `extends` followed). */
export interface CheckedPolicyText {
  /** Present only when the file has no issues. */
  data?: Record<string, unknown>;
  /**
   * The `extends` entries ('' where refused), when the YAML could be read: followed even when the file has
   * other issues.
   */
  extendsEntries: string[];
  /** Dotted YAML path -> where it was written (the key, or the list item). */
  locations: Locations;
  issues: InputIssue[];
}

/** The in-memory core: YAML text -> validated data with locations, or issues that all carry a position. */
export function checkPolicyText(text: string, file: string): CheckedPolicyText {
  const parsed = parsePolicyYaml(text, file);
  const locations = toLocations(parsed.positions, file);
  if (parsed.data === undefined && parsed.issues.length > 0)
    return { locations, issues: parsed.issues, extendsEntries: [] };
  const data = parsed.data ?? null;
  if (data === null) {
    const empty = { file, line: 1, column: 1, message: 'the policy is empty: it needs at least `version: 1`' };
    return { locations, issues: [...parsed.issues, empty], extendsEntries: [] };
  }
  const extendsEntries = extendsOf(data);
  const issues = sortIssues([
    ...parsed.issues,
    ...validatePolicyData(data, parsed.positions, file),
    ...patternIssues(data, parsed.positions, file),
  ]);
  if (issues.length > 0) return { locations, issues, extendsEntries };
  return { data: data as Record<string, unknown>, locations, issues, extendsEntries };
}

/** checkPolicyText, loading the regex engine first when the text turns out to hold a `/regex/`. */
async function checkPolicyTextLoadingRegexEngine(text: string, file: string): Promise<CheckedPolicyText> {
  try {
    return checkPolicyText(text, file);
  } catch (error) {
    if (!(error instanceof RegexEngineNotLoadedError)) throw error;
    await loadRegexEngine();
    return checkPolicyText(text, file);
  }
}

function extendsOf(data: unknown): string[] {
  const entries =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)['extends']
      : undefined;
  if (!Array.isArray(entries)) return [];
  // Entries the schema refuses are reported by it; following them as well would report them twice.
  // Refused entries stay as '' placeholders so indexes keep matching `extends.N` locations.
  return entries.map((entry) => (typeof entry === 'string' && EXTENDS_ENTRY.test(entry) ? entry : ''));
}

/** Reads, validates and merges a policy file and everything it extends. Throws InputError with every problem. */
export async function loadPolicy(file: string): Promise<Policy> {
  return loadPolicyWith(file, confinedPolicyReader(file));
}

/** Every problem of a policy file and what it extends (empty when valid). */
export async function validatePolicyFile(file: string): Promise<InputIssue[]> {
  return (await inspectPolicyFile(file)).issues;
}

/** For `validate`: the problems, or when there are none, the warnings (a policy that checks nothing). */
export async function inspectPolicyFile(file: string): Promise<{ issues: InputIssue[]; warnings: string[] }> {
  try {
    const warning = nothingCheckedWarning(await loadPolicy(file));
    return { issues: [], warnings: warning ? [warning] : [] };
  } catch (error: unknown) {
    if (error instanceof InputError) return { issues: error.issues, warnings: [] };
    throw error;
  }
}

export async function loadPolicyWith(file: string, reader: PolicyReader): Promise<Policy> {
  const entry: Ref = file.startsWith(BUILTIN) ? { id: file, display: file } : { id: resolve(file), display: file };
  const issues: InputIssue[] = [];
  const layer = await loadLayer(entry, [], reader, issues, undefined, { loads: 1 });
  if (!layer || issues.length > 0) throw new InputError(sortIssues(issues));
  const policy = toPolicy(file, layer);
  const mergeIssues = checkNeededOnceMerged(policy);
  if (mergeIssues.length > 0) throw new InputError(mergeIssues);
  return policy;
}

interface Ref {
  /** Absolute path, or `builtin:NAME`: identity for cycle detection. */
  id: string;
  /** As shown to users: the path as written (joined to its parent's folder), or `builtin:NAME`. */
  display: string;
}

interface ExtendsSite {
  chain: Ref[];
  location: SourceLocation;
}

interface LoadBudget {
  loads: number;
}

async function loadLayer(
  ref: Ref,
  chain: Ref[],
  reader: PolicyReader,
  issues: InputIssue[],
  site: ExtendsSite | undefined,
  budget: LoadBudget,
): Promise<Layer | undefined> {
  const here = [...chain, ref];
  const text = await readRef(ref, reader, issues, site);
  if (text === undefined) return undefined;
  const checked = await checkPolicyTextLoadingRegexEngine(text, ref.display);
  // Not push(...): a file with 300,000 bad entries would overflow the call stack.
  for (const issue of checked.issues) issues.push(issue);
  const merged: Layer = { data: {}, locations: {} };
  // Bases are followed even when this file has issues, so one run reports the problems of every file.
  for (const [index, entry] of checked.extendsEntries.entries()) {
    if (entry === '') continue;
    const location = checked.locations[`extends.${index}`] ?? { file: ref.display, line: 1, column: 1 };
    const next = resolveExtends(entry, ref, location, issues);
    if (!next) continue;
    const loop = here.findIndex((visited) => visited.id === next.id);
    if (loop >= 0) {
      const cycle = [...here.slice(loop), next].map((visited) => visited.display).join(' -> ');
      issues.push({ ...location, message: `extends cycle: ${cycle}` });
      continue;
    }
    if (budget.loads >= MAX_EXTENDS_LOADS) {
      issues.push({
        ...location,
        message:
          `too many extended policies (more than ${MAX_EXTENDS_LOADS} loaded, counting repeats): ` +
          `\`${next.display}\` not followed`,
      });
      continue;
    }
    budget.loads += 1;
    const base = await loadLayer(next, here, reader, issues, { chain: here, location }, budget);
    if (base) mergeMapping(merged.data, merged.locations, '', base.data, base.locations, '');
  }
  if (!checked.data) return undefined;
  const own = { ...checked.data };
  delete own['extends'];
  const ownLocations = Object.fromEntries(
    Object.entries(checked.locations).filter(([key]) => key !== 'extends' && !key.startsWith('extends.')),
  );
  mergeMapping(merged.data, merged.locations, '', own, ownLocations, '');
  // Only the entry file's `extends` entries are kept: reporters fall back to them for lines in bundled baselines.
  if (chain.length === 0) {
    for (const [key, location] of Object.entries(checked.locations))
      if (key === 'extends' || key.startsWith('extends.')) merged.locations[key] = location;
    if (checked.extendsEntries.length > 0) merged.data['extends'] = [...checked.extendsEntries];
  }
  return merged;
}

function resolveExtends(entry: string, parent: Ref, location: SourceLocation, issues: InputIssue[]): Ref | undefined {
  if (entry.startsWith(BUILTIN)) {
    const name = entry.slice(BUILTIN.length);
    if (builtinBaselines[name] === undefined) {
      const names = Object.keys(builtinBaselines);
      const suggestion = nearest(name, names);
      const tail = suggestion
        ? `(did you mean \`${BUILTIN}${suggestion}\`?)`
        : `(available: ${names.map((n) => BUILTIN + n).join(', ')})`;
      issues.push({ ...location, message: `unknown bundled baseline \`${entry}\` ${tail}` });
      return undefined;
    }
    return { id: entry, display: entry };
  }
  if (parent.id.startsWith(BUILTIN)) {
    issues.push({
      ...location,
      message: `a bundled baseline can only extend other bundled baselines, not \`${entry}\``,
    });
    return undefined;
  }
  if (isAbsolute(entry)) {
    issues.push({ ...location, message: `\`${entry}\` must be a path relative to ${parent.display}` });
    return undefined;
  }
  return { id: resolve(dirname(parent.id), entry), display: join(dirname(parent.display), entry) };
}

async function readRef(
  ref: Ref,
  reader: PolicyReader,
  issues: InputIssue[],
  site: ExtendsSite | undefined,
): Promise<string | undefined> {
  if (ref.id.startsWith(BUILTIN)) return builtinBaselines[ref.id.slice(BUILTIN.length)];
  try {
    return await reader(ref.id);
  } catch (error: unknown) {
    const reason = readFailure(error);
    if (error instanceof PolicyFileRefused && error.tooLarge) {
      issues.push({ file: ref.display, line: 1, column: 1, message: reason });
    } else if (site) {
      const chain = [...site.chain, ref].map((visited) => visited.display).join(' -> ');
      issues.push({
        ...site.location,
        message: `cannot read extended policy \`${ref.display}\`: ${reason} (extends chain: ${chain})`,
      });
    } else {
      issues.push({ file: ref.display, line: 1, column: 1, message: `cannot read the policy file: ${reason}` });
    }
    return undefined;
  }
}

function readFailure(error: unknown): string {
  if (error instanceof PolicyFileRefused) return error.message;
  if ((error as { code?: unknown } | null)?.code === 'ELOOP') return 'too many levels of symlinks';
  return fileReadReason(error);
}

function toLocations(positions: Map<string, NodePositions>, file: string): Locations {
  const locations: Locations = {};
  for (const [pointer, position] of positions) {
    if (pointer === '') continue;
    const { line, column } = position.key ?? position.value;
    locations[pointerSegments(pointer).join('.')] = { file, line, column };
  }
  return locations;
}

function toPolicy(file: string, layer: Layer): Policy {
  const { version: _version, ...body } = layer.data;
  return { version: 1, file, ...(body as Omit<Policy, 'version' | 'file' | 'locations'>), locations: layer.locations };
}

/**
 * Keys an entry may leave to a baseline it extends but must have once merged (generated from the registry): set in
 * the file, or in the top-level entry of the same name for a target's entry.
 */
function checkNeededOnceMerged(policy: Policy): InputIssue[] {
  const issues: InputIssue[] = [];
  const sections = policy as unknown as Record<string, unknown>;
  const check = (section: string, entries: unknown, prefix: string, fallback: unknown): void => {
    const { entry: noun, keys } = NEEDED_ONCE_MERGED[section]!;
    for (const [name, entry] of Object.entries(asRecord(entries))) {
      for (const key of keys) {
        if (asRecord(entry)[key] !== undefined || asRecord(asRecord(fallback)[name])[key] !== undefined) continue;
        const location = policy.locations[`${prefix}.${name}`] ?? { file: policy.file, line: 1, column: 1 };
        issues.push({
          ...location,
          message: `${noun} \`${name}\` needs \`${key}\` (here or in a baseline it extends)`,
        });
      }
    }
  };
  for (const section of Object.keys(NEEDED_ONCE_MERGED)) {
    check(section, sections[section], section, undefined);
    (policy.targets ?? []).forEach((target, index) =>
      check(
        section,
        (target as unknown as Record<string, unknown>)[section],
        `targets.${index}.${section}`,
        sections[section],
      ),
    );
  }
  return sortIssues(issues);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
