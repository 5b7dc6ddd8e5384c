/**
 * The registry: every area, in report order. Everything about controls is derived from this list: the
 * catalogue, evaluate's dispatch, report grouping, the sources a policy needs, the permissions, the policy
 * schema, the IAM policies, SARIF rules and the docs tables (`npm run generate`).
 */
import type { Policy } from '../policy/types.js';
import type { DataSource, SourceParts } from '../state/sources.js';
import { addPartsNeed, type Area, type PartsNeed } from './area.js';
import type { AreaId, ControlDefinition } from './control.js';
import { accountArea } from './account.js';
import { passwordPolicyArea } from './password-policy.js';
import { rootArea } from './root.js';
import { contactsArea } from './contacts.js';
import { iamUsersArea } from './iam-users.js';
import { iamPoliciesArea } from './iam-policies.js';
import { serverCertificatesArea } from './server-certificates.js';
import { attestationsArea } from './attestations.js';
import { accessAnalyzerArea } from './access-analyzer.js';

export const AREAS: readonly Area[] = [
  accountArea,
  passwordPolicyArea,
  rootArea,
  contactsArea,
  iamUsersArea,
  iamPoliciesArea,
  serverCertificatesArea,
  accessAnalyzerArea,
  attestationsArea,
];

/** Every control, as data: the README table, SARIF rules and docs are generated from this list. */
export const CONTROLS: readonly ControlDefinition[] = AREAS.flatMap((area) => area.definitions);

/** Report headings per area, type-checked against the policy's sections. */
export const AREA_TITLES = Object.fromEntries(AREAS.map((area) => [area.id, area.title])) as Readonly<
  Record<AreaId, string>
>;

const BY_ID = new Map(CONTROLS.map((control) => [control.id, control]));

const GUARD_CONTROL_IDS: ReadonlySet<string> = new Set(
  AREAS.filter((area) => area.guard).flatMap((area) => area.definitions.map((definition) => definition.id)),
);

/** Whether a control is a guard's (the account guard): it checks no account setting and needs no manual step. */
export function isGuardControl(id: string): boolean {
  return GUARD_CONTROL_IDS.has(id);
}

/** The definition of a control ID (`attestations.NAME` resolves to `attestations.*`). */
export function controlDefinition(id: string): ControlDefinition | undefined {
  const known = BY_ID.get(id);
  if (known) return known;
  const dot = id.indexOf('.');
  return dot > 0 ? BY_ID.get(`${id.slice(0, dot)}.*`) : undefined;
}

/** Which parts of the account a policy needs read, so a check never calls (or waits for) more than it uses. */
export function requiredSources(policy: Policy): Set<DataSource> {
  const sources = new Set<DataSource>();
  for (const section of [policy, ...(policy.targets ?? [])]) {
    for (const area of AREAS) for (const source of area.sourcesFor(section)) sources.add(source);
  }
  return sources;
}

/** The sources a policy reads only as an area's context: no declared control reads them itself. */
export function contextOnlySources(policy: Policy): Set<DataSource> {
  const sources = requiredSources(policy);
  for (const section of [policy, ...(policy.targets ?? [])]) {
    for (const area of AREAS) for (const source of area.controlSourcesFor(section)) sources.delete(source);
  }
  return sources;
}

/**
 * Of the sources read in parts, the parts a policy needs (its declared alternate contacts: one call each); a
 * source some section needs whole is left out, and so read whole.
 */
export function requiredParts(policy: Policy): SourceParts {
  const merged = new Map<DataSource, PartsNeed>();
  for (const section of [policy, ...(policy.targets ?? [])]) {
    for (const area of AREAS) for (const [source, need] of area.partsFor(section)) addPartsNeed(merged, source, need);
  }
  return Object.fromEntries(
    [...merged].flatMap(([source, parts]) => (parts === 'whole' ? [] : [[source, [...parts].sort()]])),
  );
}
