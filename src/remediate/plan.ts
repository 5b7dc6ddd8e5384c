/**
 * computePlan: what `apply` would change, as a diff per setting plus the exact SDK inputs. Pure: no I/O, no clock,
 * no environment read (contact values come in through `options.env`).
 */
import type { PutAlternateContactCommandInput } from '@aws-sdk/client-account';
import type { Finding } from '../findings.js';
import type { PasswordPolicyExpectation, Policy } from '../policy/types.js';
import { ALTERNATE_CONTACT_KEYS, isAlternateContactKey, type AlternateContactKey } from '../controls/contacts.js';
import type { AccountState, AlternateContact, ReadError, Readable } from '../state/types.js';
import { describeReadError } from '../controls/control.js';
import { expectedAccountId } from '../controls/account.js';
import {
  CONTACT_FIELDS,
  contactMatches,
  contactType,
  resolveContactValues,
  sameContactValue,
  type ContactValueSource,
} from './contact-values.js';
import {
  passwordPolicyFindingOutcome,
  planPasswordPolicySettings,
  type PasswordPolicyRequest,
  type PasswordPolicySettings,
} from '../controls/password-policy-remediation.js';
import { manualStep, manualSteps } from './manual-steps.js';
import type { BlockedChange, Change, ContactTarget, ManualStep, RemediationPlan } from './types.js';

export interface PlanOptions {
  /** The evaluation's findings: waived controls are left alone, and failures no API can fix become manual steps. */
  findings?: readonly Finding[];
  /** Contact values not in the policy: AAB_CONTACT_<TYPE>_<FIELD> (pass `process.env`). */
  env?: ContactValueSource;
}

interface PartPlan<Request> {
  changes: Change[];
  request?: Request;
  blocked?: BlockedChange;
}

export function computePlan(policy: Policy, state: AccountState, options: PlanOptions = {}): RemediationPlan {
  const findings = options.findings ?? [];
  const guard = wrongAccount(policy, state);
  if (guard) return { changes: [], requests: { contacts: [] }, blocked: [guard], manual: [] };

  const waived = new Set(findings.filter((finding) => finding.status === 'waived').map((finding) => finding.control));
  const desiredPassword = policy.passwordPolicy
    ? withoutWaived('passwordPolicy', policy.passwordPolicy, waived)
    : undefined;
  const password = desiredPassword ? planPasswordPolicy(desiredPassword, state.passwordPolicy) : { changes: [] };

  const contactParts = ALTERNATE_CONTACT_KEYS.flatMap((key) => {
    const expectation = policy.contacts?.[key];
    if (!expectation || waived.has(`contacts.${key}`)) return [];
    return [
      { key, part: planContact(key, expectation, state.alternateContacts?.[contactType(key)], options.env ?? {}) },
    ];
  });

  const changes = [...password.changes, ...contactParts.flatMap(({ part }) => part.changes)];
  const blocked = [password.blocked, ...contactParts.map(({ part }) => part.blocked)].filter(
    (item) => item !== undefined,
  );
  const contactRequests = contactParts.flatMap(({ part }) => (part.request ? [part.request] : []));
  const touched = new Set<string>([...changes.map((change) => change.target), ...blocked.map((item) => item.target)]);

  const manual = planManualSteps(findings, password.merged, desiredPassword, password.request !== undefined, touched);
  return {
    changes,
    requests: { ...(password.request && { passwordPolicy: password.request }), contacts: contactRequests },
    blocked,
    manual,
  };
}

function wrongAccount(policy: Policy, state: AccountState): BlockedChange | undefined {
  const expectedId = expectedAccountId(policy);
  if (expectedId === undefined) return undefined;
  if (!state.identity.ok)
    return {
      target: 'account',
      reason: `the account identity could not be read (${describeReadError(state.identity.error)}): nothing is planned`,
    };
  const liveId = state.identity.value.accountId;
  return liveId === expectedId
    ? undefined
    : {
        target: 'account',
        reason: `the credentials belong to account ${liveId}, not ${expectedId}: nothing is planned`,
      };
}

/** A waived setting keeps its live value: the waiver is an accepted deviation, not something to "fix". */
function withoutWaived<Section extends object>(area: string, section: Section, waived: ReadonlySet<string>): Section {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (!waived.has(`${area}.${key}`)) kept[key] = value;
  }
  return kept as Section;
}

function cannotRead(error: ReadError | undefined, what: string): string {
  const cause = error ? describeReadError(error) : 'it was not collected';
  return `${what} could not be read (${cause}): apply never writes what it cannot compare`;
}

type PasswordPart = PartPlan<PasswordPolicyRequest> & { merged?: PasswordPolicySettings };

function planPasswordPolicy(desired: PasswordPolicyExpectation, source: AccountState['passwordPolicy']): PasswordPart {
  if (!source || !source.ok) {
    return {
      changes: [],
      blocked: {
        target: 'passwordPolicy',
        reason: cannotRead(source?.ok === false ? source.error : undefined, 'the live password policy'),
      },
    };
  }
  const planned = planPasswordPolicySettings(desired, source.value);
  if ('blocked' in planned) return { changes: [], blocked: { target: 'passwordPolicy', reason: planned.blocked } };
  return {
    merged: planned.merged,
    ...(planned.request && { request: planned.request }),
    changes: planned.changes.map((change) => ({ target: 'passwordPolicy', ...change })),
  };
}

function planContact(
  key: AlternateContactKey,
  expectation: NonNullable<NonNullable<Policy['contacts']>[AlternateContactKey]>,
  source: Readable<AlternateContact | null> | undefined,
  env: ContactValueSource,
): PartPlan<PutAlternateContactCommandInput> {
  const type = contactType(key);
  const target: ContactTarget = `contact:${type}`;
  if (!source || !source.ok) {
    return {
      changes: [],
      blocked: { target, reason: cannotRead(source?.ok === false ? source.error : undefined, `the ${key} contact`) },
    };
  }
  const live = source.value;
  const { values, problems } = resolveContactValues(key, expectation, env);
  if (!values) {
    // `required` defaults to true, as the contacts controls read it.
    const satisfied = live === null ? expectation.required === false : contactMatches(live, expectation);
    return satisfied
      ? { changes: [] }
      : { changes: [], blocked: { target, reason: `cannot write the ${key} contact: ${problems.join('; ')}` } };
  }
  // Values the controls already count as equal (e-mail case, phone punctuation) are not changes.
  const changes: Change[] = CONTACT_FIELDS.filter(
    (field) => live === null || !sameContactValue(field, live[field], values[field]),
  ).map((field) => ({
    target,
    setting: field,
    from: live === null ? null : live[field],
    to: values[field],
  }));
  if (changes.length === 0) return { changes };
  return {
    changes,
    request: {
      AlternateContactType: type,
      Name: values.name,
      Title: values.title,
      EmailAddress: values.email,
      PhoneNumber: values.phone,
    },
  };
}

function planManualSteps(
  findings: readonly Finding[],
  merged: PasswordPolicySettings | undefined,
  desired: PasswordPolicyExpectation | undefined,
  writesPasswordPolicy: boolean,
  touchedTargets: ReadonlySet<string>,
): ManualStep[] {
  const loosening: ManualStep[] = [];
  const steps = manualSteps(findings, (finding) => {
    const [area, key] = finding.control.split('.');
    if (area === 'passwordPolicy' && key !== undefined) {
      const outcome = passwordPolicyFindingOutcome(key, merged, desired, writesPasswordPolicy);
      if (outcome === 'loosening')
        loosening.push(
          manualStep(finding, 'apply never loosens a setting: change it by hand if that is really intended.'),
        );
      return outcome !== 'open';
    }
    // The alternate contacts apply can write; the other contacts controls stay manual steps.
    if (area === 'contacts' && isAlternateContactKey(key)) return touchedTargets.has(`contact:${contactType(key)}`);
    return false;
  });
  return [...loosening, ...steps];
}
