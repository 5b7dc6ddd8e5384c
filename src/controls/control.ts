/** What every control is: data (id, severity, permissions, remediation) plus a pure evaluation. */
import type { Finding, Severity, SourceLocation, Status } from '../findings.js';
import type { Policy } from '../policy/types.js';
import type { AccountState, ReadError, Readable } from '../state/types.js';

export type Area = 'account' | 'passwordPolicy' | 'root' | 'contacts' | 'iamUsers' | 'attestations';

export interface ControlDefinition {
  /** Control ID; `attestations.*` stands for every named attestation. */
  id: string;
  area: Area;
  title: string;
  severity: Severity;
  /** IAM actions the control's data needs. */
  permissions: string[];
  /** Console steps and the CLI command that fix a failure. */
  remediation: string;
  /** AWS documentation for the setting. */
  docs: string;
}

/** Everything a control may look at. No clock is read inside a control: `now` is given. */
export interface EvaluationContext {
  policy: Policy;
  state: AccountState;
  now: Date;
}

export interface FindingFields {
  status: Status;
  resource: string;
  expected: string;
  actual: string;
  message: string;
  /** YAML path whose location the finding points at; defaults to the control ID. */
  locationKey?: string;
}

/** Location of a YAML path, falling back to its nearest enclosing section that was written down. */
export function locate(policy: Policy, path: string): SourceLocation {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const location = policy.locations[parts.slice(0, length).join('.')];
    if (location) return location;
  }
  return { file: policy.file, line: 1, column: 1 };
}

export function makeFinding(policy: Policy, definition: ControlDefinition, fields: FindingFields): Finding {
  return {
    control: definition.id,
    status: fields.status,
    severity: definition.severity,
    resource: fields.resource,
    expected: fields.expected,
    actual: fields.actual,
    message: fields.message,
    remediation: definition.remediation,
    location: locate(policy, fields.locationKey ?? definition.id),
  };
}

export function describeReadError(error: ReadError): string {
  const cause = `${error.code}: ${error.message}`;
  return /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(error.code)
    ? `${cause} (the role needs ${error.action})`
    : cause;
}

/**
 * The `error` finding for a control whose data could not be read (or was not collected): never a pass.
 * `what` names the data, e.g. "the password policy".
 */
export function unreadableFinding(
  policy: Policy,
  definition: ControlDefinition,
  source: Readable<unknown> | undefined,
  what: string,
  resource: string,
  expected = '',
): Finding {
  const reason =
    source === undefined ? 'it was not collected (not in this snapshot)' : source.ok ? 'unknown' : describeReadError(source.error);
  return makeFinding(policy, definition, {
    status: 'error',
    resource,
    expected,
    actual: 'unknown',
    message: `Could not read ${what}: ${reason}.`,
  });
}
