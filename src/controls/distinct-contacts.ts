/**
 * `contacts.distinct`: the security, billing and operations alternate contacts are three different people, so
 * one missed e-mail or one person leaving does not silence every channel AWS uses to reach the account.
 */
import type { Finding } from '../findings.js';
import type { AlternateContact, AlternateContactType, Readable } from '../state/types.js';
import { type ControlDefinition, type EvaluationContext, makeFinding, unreadableFinding } from './control.js';

const TYPES: readonly AlternateContactType[] = ['SECURITY', 'BILLING', 'OPERATIONS'];

/** Two contacts are the same person when their e-mails match (case-insensitively) or their phones (digits only). */
export function samePerson(a: AlternateContact, b: AlternateContact): 'email' | 'phone' | undefined {
  const email = (value: string): string => value.trim().toLowerCase();
  const digits = (value: string): string => value.replace(/\D/g, '');
  if (email(a.email) !== '' && email(a.email) === email(b.email)) return 'email';
  if (digits(a.phone) !== '' && digits(a.phone) === digits(b.phone)) return 'phone';
  return undefined;
}

export function evaluateDistinctContacts(context: EvaluationContext, definition: ControlDefinition): Finding {
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
