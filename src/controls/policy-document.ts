/**
 * Does an IAM policy document allow full administrative privileges ("*" actions on "*" resources, CIS v5 1.15)?
 *
 * Pure, read from the parsed JSON. The choices, documented in docs/policy-format.md:
 * - Action and Resource may be a string or a list; any of `"*"`, `"**"` or `"*:*"` is every action, and `"*"` or
 *   `"arn:*"`-style ARNs whose segments after the partition are all wildcards are every resource.
 * - A Condition does not clear an Allow: whoever meets the condition holds full administrative rights.
 * - NotAction / NotResource: an Allow with `NotAction` (or `NotResource`) grants everything except what it names, so
 *   it is full administration only when that list is empty (AWS's PowerUserAccess, NotAction iam:*, is not).
 * - A Deny cancels an Allow only when it denies every action on every resource without a condition; a narrower
 *   or conditional Deny leaves the Allow standing.
 * - A document that is not an object with `Statement`, or a statement whose Effect, Action or Resource has the
 *   wrong type, is `invalid`: the control reports `error`, never `pass`.
 */

export type DocumentVerdict =
  { verdict: 'admin'; statement: number } | { verdict: 'not-admin' } | { verdict: 'invalid'; reason: string };

type Strings = { ok: true; values: string[] } | { ok: false };

function strings(value: unknown): Strings {
  if (typeof value === 'string') return { ok: true, values: [value] };
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return { ok: true, values: value };
  return { ok: false };
}

function isWildcard(part: string): boolean {
  return part.length > 0 && /^\*+$/.test(part);
}

/** Every action: `*`, `**` or `*:*` (service and action both wildcards). */
export function isEveryAction(action: string): boolean {
  const parts = action.split(':');
  return parts.length <= 2 && parts.every(isWildcard);
}

/** Every resource: `*`, or an ARN pattern whose segments after `arn` (and the partition) are all wildcards. */
export function isEveryResource(resource: string): boolean {
  if (isWildcard(resource)) return true;
  const parts = resource.split(':');
  if (parts[0] !== 'arn' || parts.length < 2) return false;
  const rest = parts.slice(1);
  if (rest.every(isWildcard)) return true;
  // arn:aws:*:*:*:* names every resource of that partition (the only one the account lives in).
  return rest.length >= 2 && !rest[0]!.includes('*') && rest.slice(1).every(isWildcard);
}

interface Statement {
  effect: 'Allow' | 'Deny';
  everyAction: boolean;
  everyResource: boolean;
  conditional: boolean;
}

function readStatement(raw: unknown, index: number): Statement | string {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return `statement ${index + 1} is not an object`;
  const statement = raw as Record<string, unknown>;
  const effect = statement['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return `statement ${index + 1} has no Effect Allow or Deny`;
  const hasAction = 'Action' in statement;
  const hasNotAction = 'NotAction' in statement;
  if (hasAction === hasNotAction) return `statement ${index + 1} needs exactly one of Action and NotAction`;
  const actions = strings(hasAction ? statement['Action'] : statement['NotAction']);
  if (!actions.ok)
    return `statement ${index + 1}: ${hasAction ? 'Action' : 'NotAction'} is not a string or a list of strings`;
  const hasResource = 'Resource' in statement;
  const hasNotResource = 'NotResource' in statement;
  if (hasResource && hasNotResource) return `statement ${index + 1} has both Resource and NotResource`;
  // Without either (a resource-based policy's statement), the resource is the one the policy is attached to.
  const resources =
    hasResource || hasNotResource
      ? strings(hasResource ? statement['Resource'] : statement['NotResource'])
      : { ok: true as const, values: [] };
  if (!resources.ok)
    return `statement ${index + 1}: ${hasResource ? 'Resource' : 'NotResource'} is not a string or a list of strings`;
  const condition = statement['Condition'];
  return {
    effect,
    everyAction: hasAction ? actions.values.some(isEveryAction) : actions.values.length === 0,
    everyResource: hasResource
      ? resources.values.some(isEveryResource)
      : hasNotResource && resources.values.length === 0,
    conditional:
      condition !== undefined &&
      !(typeof condition === 'object' && condition !== null && Object.keys(condition).length === 0),
  };
}

/** The verdict on a parsed policy document (an identity-based policy: user, group, role or managed policy). */
export function fullAdminVerdict(document: unknown): DocumentVerdict {
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    return { verdict: 'invalid', reason: 'the document is not a JSON object' };
  const raw = (document as Record<string, unknown>)['Statement'];
  if (raw === undefined) return { verdict: 'invalid', reason: 'the document has no Statement' };
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: Statement[] = [];
  for (const [index, item] of list.entries()) {
    const statement = readStatement(item, index);
    if (typeof statement === 'string') return { verdict: 'invalid', reason: statement };
    statements.push(statement);
  }
  const full = (statement: Statement): boolean => statement.everyAction && statement.everyResource;
  if (statements.some((statement) => statement.effect === 'Deny' && full(statement) && !statement.conditional))
    return { verdict: 'not-admin' };
  const index = statements.findIndex((statement) => statement.effect === 'Allow' && full(statement));
  return index >= 0 ? { verdict: 'admin', statement: index + 1 } : { verdict: 'not-admin' };
}
