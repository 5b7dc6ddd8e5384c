import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { ContactExpectation, ContactsExpectation } from '../../src/policy/types.js';
import type { AccountState, ContactInformation } from '../../src/state/types.js';
import { loadRegexEngine } from '../../src/policy/patterns.js';
import { contactsArea, evaluateContacts } from '../../src/controls/contacts.js';
import {
  NOW,
  alternateContacts,
  contact,
  denied,
  ok,
  policyWith as policy,
  state,
  throttled,
} from '../support/builders.js';

// Loaded on demand in the product (a policy's first /regex/); these tests use patterns directly.
beforeAll(loadRegexEngine);

function evaluate(expectation: ContactsExpectation, accountState: AccountState): Finding[] {
  return evaluateContacts({ policy: policy({ contacts: expectation }), state: accountState, now: NOW });
}

function one(expectation: ContactsExpectation, accountState: AccountState): Finding {
  const findings = evaluate(expectation, accountState);
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
}

const PRIMARY: ContactInformation = {
  fullName: 'Example Corp Cloud Team',
  phoneNumber: '+1 206-555-0199',
  addressLine1: '1 Main St',
  city: 'Seattle',
  countryCode: 'US',
  postalCode: '98101',
};

function withContacts(contacts: Parameters<typeof alternateContacts>[0]): AccountState {
  return state({}, { alternateContacts: alternateContacts(contacts) });
}

describe('contact control definitions', () => {
  it('declares billing, operations, security, primary and distinct with their default severities', () => {
    expect(contactsArea.definitions.map((control) => [control.id, control.severity])).toEqual([
      ['contacts.billing', 'medium'],
      ['contacts.operations', 'medium'],
      ['contacts.security', 'high'],
      ['contacts.primary', 'low'],
      ['contacts.distinct', 'low'],
    ]);
    expect(contactsArea.definitions[2]?.remediation).toContain(
      'aws account put-alternate-contact --alternate-contact-type SECURITY',
    );
    expect(contactsArea.definitions[3]?.remediation).toContain('aws account put-contact-information');
  });
});

describe('alternate contacts', () => {
  it('passes a required contact that is set', () => {
    const finding = one({ billing: { required: true } }, withContacts({ BILLING: contact() }));
    expect(finding).toMatchObject({
      control: 'contacts.billing',
      status: 'pass',
      resource: 'contact:BILLING',
      severity: 'medium',
    });
  });

  it('fails an unset contact once, however many matchers it has, at the "required" line', () => {
    const finding = one(
      { security: { required: true, email: '*@example.com', name: 'Security Team', phone: '+1*' } },
      withContacts({ SECURITY: null }),
    );
    expect(finding).toMatchObject({
      status: 'fail',
      severity: 'high',
      actual: 'not set',
      message: 'The SECURITY alternate contact is not set.',
    });
    expect(finding.location).toEqual({ file: 'baseline.yml', line: 4, column: 5 });
  });

  it('treats a declared contact without `required` as required', () => {
    expect(one({ operations: {} }, withContacts({ OPERATIONS: null })).status).toBe('fail');
  });

  it('skips an unset contact that is not required, and checks its matchers once it is set', () => {
    expect(one({ operations: { required: false } }, withContacts({ OPERATIONS: null })).status).toBe('skipped');
    expect(one({ operations: { required: false } }, withContacts({ OPERATIONS: contact() })).status).toBe('pass');
    const set = one(
      { operations: { required: false, email: '*@ops.example.com' } },
      withContacts({ OPERATIONS: contact() }),
    );
    expect(set.status).toBe('fail');
  });

  it('passes a contact whose every matcher matches', () => {
    const finding = one(
      {
        security: {
          required: true,
          email: '*@EXAMPLE.com',
          name: '/Security( Team)?/',
          title: 'CISO',
          phone: '+12065550100',
        },
      },
      withContacts({ SECURITY: contact() }),
    );
    expect(finding.status).toBe('pass');
    expect(finding.message).toBe('The SECURITY alternate contact is set and its email, name, title, phone match.');
  });

  it('fails a mismatched contact with one finding that lists every mismatching field, located at the first', () => {
    const finding = one(
      { security: { required: true, email: '*@example.com', title: 'CISO', phone: '+1*' } },
      withContacts({ SECURITY: contact({ email: 'someone@gmail.com', title: 'Intern' }) }),
    );
    expect(finding.status).toBe('fail');
    expect(finding.actual).toBe('email: someone@gmail.com, title: Intern');
    expect(finding.message).toBe(
      'The SECURITY alternate contact does not match: email "someone@gmail.com" does not match "*@example.com"; title "Intern" does not match "CISO".',
    );
    expect(finding.location).toEqual({ file: 'baseline.yml', line: 5, column: 5 });
  });

  it('does not accept a look-alike domain for an e-mail glob', () => {
    const finding = one(
      { security: { email: '*@example.com' } },
      withContacts({ SECURITY: contact({ email: 'sec@example.com.attacker.net' }) }),
    );
    expect(finding.status).toBe('fail');
  });

  it('is an error, not a pass, for a matcher that cannot be compiled', () => {
    const finding = one({ security: { email: '/[oops/' } }, withContacts({ SECURITY: contact() }));
    expect(finding.status).toBe('error');
    expect(finding.message).toMatch(/contacts\.security\.email: invalid regex/);
  });

  it('evaluates each declared contact on its own: one finding per contact', () => {
    const findings = evaluate(
      { billing: { required: true }, operations: { required: true }, security: { required: true } },
      withContacts({ BILLING: contact({ name: 'Billing' }), OPERATIONS: null, SECURITY: contact() }),
    );
    expect(findings.map((finding) => [finding.resource, finding.status])).toEqual([
      ['contact:BILLING', 'pass'],
      ['contact:OPERATIONS', 'fail'],
      ['contact:SECURITY', 'pass'],
    ]);
  });

  it('is an error when a contact could not be read or was not collected', () => {
    const accountState = state(
      {},
      {
        alternateContacts: {
          BILLING: denied('account:GetAlternateContact'),
          SECURITY: throttled('account:GetAlternateContact'),
        },
      },
    );
    const findings = evaluate(
      { billing: { required: true }, operations: { required: true }, security: { required: true } },
      accountState,
    );
    expect(findings.map((finding) => finding.status)).toEqual(['error', 'error', 'error']);
    expect(findings[0]?.message).toMatch(/the role needs account:GetAlternateContact/);
    expect(findings[1]?.message).toMatch(/not collected/);
    expect(one({ billing: {} }, state()).status).toBe('error');
  });
});

describe('contacts.primary', () => {
  it('passes when set and its name and phone match', () => {
    const finding = one(
      { primary: { name: 'Example Corp*', phone: '+1 (206) 555-0199' } },
      state({}, { contactInformation: ok(PRIMARY) }),
    );
    expect(finding).toMatchObject({
      control: 'contacts.primary',
      status: 'pass',
      severity: 'low',
      resource: 'contact:PRIMARY',
    });
  });

  it('fails when its name does not match', () => {
    const finding = one(
      { primary: { name: 'Example Corp*' } },
      state({}, { contactInformation: ok({ ...PRIMARY, fullName: 'John Doe' }) }),
    );
    expect(finding).toMatchObject({ status: 'fail', actual: 'name: John Doe' });
  });

  it('fails when it is not set', () => {
    expect(one({ primary: {} }, state({}, { contactInformation: ok(null) })).status).toBe('fail');
  });

  it('is an error for a matcher the primary contact has no field for', () => {
    const finding = one(
      { primary: { email: '*@example.com' } as ContactExpectation },
      state({}, { contactInformation: ok(PRIMARY) }),
    );
    expect(finding.status).toBe('error');
    expect(finding.message).toContain('this contact has no email field');
  });

  it('is an error when the contact information could not be read', () => {
    expect(
      one({ primary: {} }, state({}, { contactInformation: denied('account:GetContactInformation') })).status,
    ).toBe('error');
  });
});
