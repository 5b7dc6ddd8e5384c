/**
 * Alternate contacts (billing, operations, security) and the primary contact: CIS AWS Foundations "maintain current
 * contact details" and "security contact information" (v5.0.0 1.1 and 1.2; ids per version in `references`). Also
 * whether the three alternate contacts are different people.
 */
import type { Finding } from '../findings.js';
import type { ContactExpectation } from '../policy/types.js';
import type { AlternateContact, AlternateContactType, ContactInformation, Readable } from '../state/types.js';
import { defineArea } from './area.js';
import {
  type ControlDefinition,
  type ControlSpec,
  type EvaluationContext,
  defineControls,
  makeFinding,
  unreadableFinding,
} from './control.js';
import { CONTACT_MATCHER_OPTIONS, compileMatcher } from './matchers.js';
import { LAB, cis, lab, securityHub } from './references.js';

const ALTERNATE_DOCS =
  'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html';
const PRIMARY_DOCS = 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html';

const CONTACT_TYPES: Record<AlternateContactKey, AlternateContactType> = {
  billing: 'BILLING',
  operations: 'OPERATIONS',
  security: 'SECURITY',
};

export const ALTERNATE_CONTACT_KEYS = ['billing', 'operations', 'security'] as const;
export type AlternateContactKey = (typeof ALTERNATE_CONTACT_KEYS)[number];

export function isAlternateContactKey(key: string | undefined): key is AlternateContactKey {
  return (ALTERNATE_CONTACT_KEYS as readonly (string | undefined)[]).includes(key);
}

function alternateSpec(key: AlternateContactKey): ControlSpec {
  const type = CONTACT_TYPES[key];
  return {
    title: `The ${key} alternate contact is set as declared`,
    severity: key === 'security' ? 'high' : 'medium',
    sources: ['alternateContacts'],
    sourceParts: { alternateContacts: [type] },
    remediation:
      `AWS console > account menu > Account > Alternate contacts > Edit (${key}). CLI: aws account ` +
      `put-alternate-contact ` +
      `--alternate-contact-type ${type} --name NAME --title TITLE --email-address EMAIL --phone-number PHONE ` +
      '(for a member account: add --account-id MEMBER_ID, run from the management account or the delegated admin ' +
      'account of AWS Account Management; it needs trusted access for Account Management turned on in AWS ' +
      'Organizations, and the management account cannot name its own ID: it sets its own contacts without ' +
      '--account-id).',
    docs: ALTERNATE_DOCS,
    schema: { $ref: '#/$defs/contact' },
    // CIS names only the security contact; billing and operations are the lab's.
    references:
      key === 'security'
        ? [
            ...cis({ '3.0.0': '1.2', '4.0.1': '1.2', '5.0.0': '1.2', '6.0.0': '2.2', '7.0.0': '2.3' }),
            ...securityHub('Account.1'),
            ...lab(LAB.alternateContacts),
          ]
        : lab(LAB.alternateContacts),
  };
}

const CONTROLS = defineControls<AlternateContactKey | 'primary' | 'distinct'>('contacts', {
  billing: alternateSpec('billing'),
  operations: alternateSpec('operations'),
  security: alternateSpec('security'),
  primary: {
    title: 'The primary contact is set as declared',
    severity: 'low',
    sources: ['contactInformation'],
    remediation:
      'AWS console > account menu > Account > Contact information > Edit. CLI: aws account put-contact-information ' +
      `--contact-information ` +
      `'{"FullName":"...","PhoneNumber":"...","AddressLine1":"...","City":"...",` +
      `"PostalCode":"...","CountryCode":"..."}'.`,
    docs: PRIMARY_DOCS,
    schema: { $ref: '#/$defs/primaryContact' },
    references: cis({ '3.0.0': '1.1', '4.0.1': '1.1', '5.0.0': '1.1', '6.0.0': '2.1', '7.0.0': '2.2' }),
  },
  distinct: {
    title: 'The security, billing and operations contacts are different people',
    severity: 'low',
    sources: ['alternateContacts'],
    remediation:
      'AWS console > account menu > Account > Alternate contacts > Edit: give SECURITY, BILLING and OPERATIONS each ' +
      'its own e-mail address (a team list) and phone number. CLI: aws account put-alternate-contact ' +
      '--alternate-contact-type TYPE --name NAME --title TITLE --email-address EMAIL --phone-number PHONE. Check: ' +
      'aws account get-alternate-contact --alternate-contact-type TYPE.',
    docs: ALTERNATE_DOCS,
    schema: {
      description:
        'true: no two of the three alternate contacts share an e-mail address (any case) or a phone number (its ' +
        'digits).',
      const: true,
    },
  },
});
const primaryControl = CONTROLS.primary;

const MATCHER = { $ref: '#/$defs/matcher' };

export const contactsArea = defineArea({
  id: 'contacts',
  title: 'Contacts',
  description: 'Alternate contacts (billing, operations, security) and the primary contact.',
  controls: CONTROLS,
  defs: {
    contact: {
      type: 'object',
      properties: { required: { type: 'boolean' }, email: MATCHER, name: MATCHER, title: MATCHER, phone: MATCHER },
      additionalProperties: false,
    },
    primaryContact: {
      description:
        'The primary contact (account:GetContactInformation): it has a full name and a phone number, no ' +
        'e-mail or title.',
      type: 'object',
      properties: { required: { type: 'boolean' }, name: MATCHER, phone: MATCHER },
      additionalProperties: false,
    },
    matcher: {
      description: 'A literal, a glob (*@example.com) or a /regular expression/.',
      type: 'string',
      minLength: 1,
      maxLength: 256,
    },
  },
  evaluate: evaluateContacts,
});

type MatcherField = 'email' | 'name' | 'title' | 'phone';
const MATCHER_FIELDS: readonly MatcherField[] = ['email', 'name', 'title', 'phone'];

/** The live value a matcher field reads; undefined when the contact kind has no such field. */
type FieldReader = (field: MatcherField) => string | undefined;

interface MatchOutcome {
  /** Fields whose live value does not match, with what was found. */
  mismatches: Array<{ field: MatcherField; pattern: string; value: string }>;
  /** Fields that cannot be checked (bad regex, a field the contact kind lacks). */
  problems: Array<{ field: MatcherField; problem: string }>;
}

function describeMismatch({ field, pattern, value }: MatchOutcome['mismatches'][number]): string {
  return `${field} "${value}" does not match "${pattern}"`;
}

function declaredMatchers(expectation: ContactExpectation): Array<{ field: MatcherField; pattern: string }> {
  return MATCHER_FIELDS.flatMap((field) => {
    const pattern = expectation[field];
    return pattern === undefined ? [] : [{ field, pattern }];
  });
}

function match(expectation: ContactExpectation, read: FieldReader): MatchOutcome {
  const outcome: MatchOutcome = { mismatches: [], problems: [] };
  for (const { field, pattern } of declaredMatchers(expectation)) {
    const value = read(field);
    if (value === undefined) {
      outcome.problems.push({ field, problem: `this contact has no ${field} field` });
      continue;
    }
    try {
      if (!compileMatcher(pattern, CONTACT_MATCHER_OPTIONS[field]).test(value))
        outcome.mismatches.push({ field, pattern, value });
    } catch (error) {
      outcome.problems.push({ field, problem: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcome;
}

function describeExpected(expectation: ContactExpectation): string {
  const matchers = declaredMatchers(expectation).map(({ field, pattern }) => `${field} ~ ${pattern}`);
  const base = expectation.required === false ? 'optional' : 'set';
  return matchers.length > 0 ? `${base}; ${matchers.join(', ')}` : base;
}

interface ContactCheck {
  definition: ControlDefinition;
  /** `contacts.security` */
  path: string;
  /** `contact:SECURITY` */
  resource: string;
  /** "The SECURITY alternate contact" */
  label: string;
  expectation: ContactExpectation;
}

/** One finding per contact: unset fails once (not once per matcher); a mismatch lists every field that differs. */
function judge(context: EvaluationContext, check: ContactCheck, read: FieldReader | null): Finding {
  const { policy } = context;
  const { definition, path, resource, label, expectation } = check;
  const expected = describeExpected(expectation);
  if (read === null) {
    const required = expectation.required !== false;
    return makeFinding(policy, definition, {
      status: required ? 'fail' : 'skipped',
      resource,
      expected,
      actual: 'not set',
      message: required ? `${label} is not set.` : `${label} is not set, and it is not required.`,
      locationKey: `${path}.required`,
    });
  }
  const { mismatches, problems } = match(expectation, read);
  const firstProblem = problems[0];
  if (firstProblem) {
    return makeFinding(policy, definition, {
      status: 'error',
      resource,
      expected,
      actual: 'unknown',
      message:
        `${label} cannot be checked: ` +
        `${problems.map(({ field, problem }) => `${path}.${field}: ${problem}`).join('; ')}.`,
      locationKey: `${path}.${firstProblem.field}`,
    });
  }
  const firstMismatch = mismatches[0];
  if (firstMismatch) {
    return makeFinding(policy, definition, {
      status: 'fail',
      resource,
      expected,
      actual: mismatches.map(({ field, value }) => `${field}: ${value}`).join(', '),
      message: `${label} does not match: ${mismatches.map(describeMismatch).join('; ')}.`,
      locationKey: `${path}.${firstMismatch.field}`,
    });
  }
  const checked = declaredMatchers(expectation).map(({ field }) => field);
  return makeFinding(policy, definition, {
    status: 'pass',
    resource,
    expected,
    actual: 'set',
    message: checked.length > 0 ? `${label} is set and its ${checked.join(', ')} match.` : `${label} is set.`,
  });
}

function alternateReader(contact: AlternateContact): FieldReader {
  return (field) => contact[field];
}

function primaryReader(contact: ContactInformation): FieldReader {
  return (field) => (field === 'name' ? contact.fullName : field === 'phone' ? contact.phoneNumber : undefined);
}

function evaluateAlternate(
  context: EvaluationContext,
  key: AlternateContactKey,
  expectation: ContactExpectation,
): Finding {
  const type = CONTACT_TYPES[key];
  const definition = CONTROLS[key];
  const check: ContactCheck = {
    definition,
    path: `contacts.${key}`,
    resource: `contact:${type}`,
    label: `The ${type} alternate contact`,
    expectation,
  };
  const source = context.state.alternateContacts?.[type];
  if (!source || !source.ok) {
    return unreadableFinding(
      context.policy,
      definition,
      source,
      `the ${type} alternate contact`,
      check.resource,
      describeExpected(expectation),
    );
  }
  return judge(context, check, source.value ? alternateReader(source.value) : null);
}

function evaluatePrimary(context: EvaluationContext, expectation: ContactExpectation): Finding {
  const check: ContactCheck = {
    definition: primaryControl,
    path: 'contacts.primary',
    resource: 'contact:PRIMARY',
    label: 'The primary contact',
    expectation,
  };
  const source = context.state.contactInformation;
  if (!source || !source.ok) {
    return unreadableFinding(
      context.policy,
      primaryControl,
      source,
      'the primary contact information',
      check.resource,
      describeExpected(expectation),
    );
  }
  return judge(context, check, source.value ? primaryReader(source.value) : null);
}

/** The alternate contacts that must be three different people. */
const TYPES: readonly AlternateContactType[] = ['SECURITY', 'BILLING', 'OPERATIONS'];

/** Two contacts are the same person when their e-mails match (case-insensitively) or their phones (digits only). */
function samePerson(a: AlternateContact, b: AlternateContact): 'email' | 'phone' | undefined {
  const email = (value: string): string => value.trim().toLowerCase();
  const digits = (value: string): string => value.replace(/\D/g, '');
  if (email(a.email) !== '' && email(a.email) === email(b.email)) return 'email';
  if (digits(a.phone) !== '' && digits(a.phone) === digits(b.phone)) return 'phone';
  return undefined;
}

/**
 * `contacts.distinct`: the security, billing and operations alternate contacts are three different people, so
 * one missed e-mail or one person leaving does not silence every channel AWS uses to reach the account.
 */
function evaluateDistinctContacts(context: EvaluationContext, definition: ControlDefinition): Finding {
  const { policy, state } = context;
  const resource = 'contact:SECURITY,BILLING,OPERATIONS';
  const expected = 'three different people (e-mail and phone)';
  const read: Partial<Record<AlternateContactType, AlternateContact | null>> = {};
  for (const type of TYPES) {
    const source: Readable<AlternateContact | null> | undefined = state.alternateContacts?.[type];
    if (!source || !source.ok)
      return unreadableFinding(policy, definition, source, `the ${type} alternate contact`, resource, expected);
    read[type] = source.value;
  }
  const unset = TYPES.filter((type) => !read[type]);
  if (unset.length > 0) {
    // Three distinct people need three contacts: an unset one leaves its notices with the account's root e-mail.
    return makeFinding(policy, definition, {
      status: 'fail',
      resource,
      expected,
      actual: `${unset.join(', ')} not set`,
      message: `Distinct contacts need all three alternate contacts set; not set: ${unset.join(', ')}.`,
    });
  }
  const shared: string[] = [];
  for (const [index, first] of TYPES.entries()) {
    for (const second of TYPES.slice(index + 1)) {
      const left = read[first];
      const right = read[second];
      const by = left && right ? samePerson(left, right) : undefined;
      if (by) shared.push(`${first} and ${second} share the ${by === 'email' ? 'e-mail address' : 'phone number'}`);
    }
  }
  if (shared.length > 0) {
    return makeFinding(policy, definition, {
      status: 'fail',
      resource,
      expected,
      actual: shared.join('; '),
      message: `The alternate contacts are not distinct: ${shared.join('; ')}.`,
    });
  }
  return makeFinding(policy, definition, {
    status: 'pass',
    resource,
    expected,
    actual: 'distinct',
    message:
      'The SECURITY, BILLING and OPERATIONS alternate contacts have different e-mail addresses and phone numbers.',
  });
}

export function evaluateContacts(context: EvaluationContext): Finding[] {
  const contacts = context.policy.contacts;
  if (!contacts) return [];
  const findings: Finding[] = [];
  for (const key of ALTERNATE_CONTACT_KEYS) {
    const expectation = contacts[key];
    if (expectation) findings.push(evaluateAlternate(context, key, expectation));
  }
  if (contacts.primary) findings.push(evaluatePrimary(context, contacts.primary));
  if (contacts.distinct === true) findings.push(evaluateDistinctContacts(context, CONTROLS.distinct));
  return findings;
}
