/**
 * Merging policy layers (`extends`, `targets`): mappings merge key by key, later wins; lists of waivers and
 * targets accumulate. Locations follow the winning value, so findings point at the line that set it.
 */
import type { SourceLocation } from '../findings.js';

export type Locations = Record<string, SourceLocation>;

export interface Layer {
  data: Record<string, unknown>;
  locations: Locations;
}

/** Lists that accumulate across layers instead of being replaced. */
const ACCUMULATING = new Set(['exceptions', 'targets']);

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function under(path: string, key: string): boolean {
  return key === path || key.startsWith(`${path}.`);
}

function copyLocations(from: Locations, to: Locations, fromPath: string, toPath: string): void {
  for (const [key, location] of Object.entries(from)) {
    if (under(fromPath, key)) to[toPath + key.slice(fromPath.length)] = location;
  }
}

function dropLocations(locations: Locations, path: string): void {
  for (const key of Object.keys(locations)) if (under(path, key)) delete locations[key];
}

/**
 * Puts `source.data[sourcePath]` over `target.data[targetPath]` (both dotted paths of mappings).
 * `skip` lists top-level keys of the source that are not merged (e.g. `extends`).
 */
export function mergeMapping(
  target: Record<string, unknown>,
  targetLocations: Locations,
  targetPath: string,
  source: Record<string, unknown>,
  sourceLocations: Locations,
  sourcePath: string,
): void {
  for (const [key, value] of Object.entries(source)) {
    const from = sourcePath ? `${sourcePath}.${key}` : key;
    const to = targetPath ? `${targetPath}.${key}` : key;
    const existing = target[key];
    if (ACCUMULATING.has(to) && Array.isArray(value)) {
      const list: unknown[] = Array.isArray(existing) ? [...(existing as unknown[])] : [];
      value.forEach((item, index) => {
        copyLocations(sourceLocations, targetLocations, `${from}.${index}`, `${to}.${list.length}`);
        list.push(structuredClone(item));
      });
      target[key] = list;
      const sectionLocation = sourceLocations[from];
      if (sectionLocation) targetLocations[to] = sectionLocation;
    } else if (isMapping(value) && isMapping(existing)) {
      const merged = { ...existing };
      const sectionLocation = sourceLocations[from];
      if (sectionLocation) targetLocations[to] = sectionLocation;
      mergeMapping(merged, targetLocations, to, value, sourceLocations, from);
      target[key] = merged;
    } else {
      dropLocations(targetLocations, to);
      copyLocations(sourceLocations, targetLocations, from, to);
      target[key] = structuredClone(value);
    }
  }
}
