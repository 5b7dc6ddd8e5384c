import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { AccountState, AlternateContact } from '../../src/state/types.js';
import { evaluateContacts } from '../../src/controls/contacts.js';
import { NOW, alternateContacts, contact, denied, policyWith, state } from '../support/builders.js';

const SECURITY = contact({ name: 'Security', email: 'security@example.com', phone: '+1 206-555-0100' });
const BILLING = contact({ name: 'Billing', email: 'billing@example.com', phone: '+1 206-555-0101' });
const OPERATIONS = contact({ name: 'Ops', email: 'ops@example.com', phone: '+1 206-555-0102' });

function distinct(accountState: AccountState): Finding {
  const findings = evaluateContacts({
    policy: policyWith({ contacts: { distinct: true } }),
    state: accountState,
    now: NOW,
  });
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
}

function withThree(
  overrides: {
    SECURITY?: AlternateContact | null;
    BILLING?: AlternateContact | null;
    OPERATIONS?: AlternateContact | null;
  } = {},
): AccountState {
  return state({}, { alternateContacts: alternateContacts({ SECURITY, BILLING, OPERATIONS, ...overrides }) });
}

describe('contacts.distinct', () => {
  it('passes three contacts with different e-mails and phones', () => {
    expect(distinct(withThree())).toMatchObject({ control: 'contacts.distinct', status: 'pass', severity: 'low' });
  });

  it('fails when two contacts share an e-mail address, compared case-insensitively', () => {
    const finding = distinct(withThree({ BILLING: { ...BILLING, email: 'SECURITY@Example.com' } }));
    expect(finding.status).toBe('fail');
    expect(finding.actual).toBe('SECURITY and BILLING share the e-mail address');
  });

  it('fails when two contacts share a phone number written differently (digits compared)', () => {
    const finding = distinct(withThree({ OPERATIONS: { ...OPERATIONS, phone: '+12065550101' } }));
    expect(finding.status).toBe('fail');
    expect(finding.actual).toBe('BILLING and OPERATIONS share the phone number');
  });

  it('lists every shared pair when all three are one person', () => {
    const finding = distinct(withThree({ BILLING: SECURITY, OPERATIONS: SECURITY }));
    expect(finding.message).toContain('SECURITY and BILLING');
    expect(finding.message).toContain('SECURITY and OPERATIONS');
    expect(finding.message).toContain('BILLING and OPERATIONS');
  });

  it('does not call empty phone numbers the same', () => {
    expect(
      distinct(withThree({ SECURITY: { ...SECURITY, phone: '' }, BILLING: { ...BILLING, phone: '' } })).status,
    ).toBe('pass');
  });

  it('fails when a contact is not set', () => {
    const finding = distinct(withThree({ OPERATIONS: null }));
    expect(finding).toMatchObject({ status: 'fail', actual: 'OPERATIONS not set' });
  });

  it('is an error when a contact could not be read, or was not collected', () => {
    const unreadable = state(
      {},
      {
        alternateContacts: {
          ...alternateContacts({ SECURITY, BILLING }),
          OPERATIONS: denied('account:GetAlternateContact'),
        },
      },
    );
    expect(distinct(unreadable)).toMatchObject({ status: 'error', actual: 'unknown' });
    expect(distinct(state()).status).toBe('error');
  });

  it('is not evaluated unless asked for', () => {
    expect(evaluateContacts({ policy: policyWith({ contacts: {} }), state: withThree(), now: NOW })).toEqual([]);
  });
});
