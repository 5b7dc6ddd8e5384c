/** init --adopt's waiver builder: current failures -> one waiver per control and resource, YAML the loader reads back. */
import { parseDocument } from 'yaml';
import type { Finding, Status } from '../../src/findings.js';
import { checkPolicyText } from '../../src/policy/load.js';
import { adoptionWaivers, expiryDate, renderAdoptedExceptions } from '../../src/cli/adopt-waivers.js';

const TODAY = new Date('2026-12-02T15:30:00Z');

function finding(control: string, resource: string, status: Status, actual = 'x'): Finding {
  return {
    control,
    status,
    severity: 'medium',
    resource,
    expected: 'y',
    actual,
    message: `${control} on ${resource}`,
    remediation: '',
    location: { file: 'policy.yml', line: 1, column: 1 },
    references: [],
  };
}

describe('expiryDate', () => {
  it('counts calendar days from today (UTC), across month and year ends', () => {
    expect(expiryDate(TODAY, 90)).toBe('2027-03-02');
    expect(expiryDate(new Date('2026-12-31T23:59:59Z'), 1)).toBe('2027-01-01');
    expect(expiryDate(new Date('2028-02-28T00:00:00Z'), 1)).toBe('2028-02-29');
  });
});

describe('adoptionWaivers', () => {
  it('waives every failure, per control and resource, with the adoption date as reason', () => {
    const findings = [
      finding('passwordPolicy.minimumLength', 'account', 'fail'),
      finding('iamUsers.consoleMfa', 'alice', 'fail'),
      finding('iamUsers.consoleMfa', 'bob', 'fail'),
      finding('iamUsers.consoleMfa', 'iam-users', 'pass'),
      finding('root.mfa', 'root', 'skipped'),
      finding('contacts.billing', 'contact:BILLING', 'manual'),
    ];
    const { waivers, unreadable } = adoptionWaivers(findings, TODAY, 90);
    expect(waivers.map(({ control, resource, reason, expires }) => ({ control, resource, reason, expires }))).toEqual([
      {
        control: 'passwordPolicy.minimumLength',
        resource: 'account',
        reason: 'adopted on 2026-12-02',
        expires: '2027-03-02',
      },
      { control: 'iamUsers.consoleMfa', resource: 'alice', reason: 'adopted on 2026-12-02', expires: '2027-03-02' },
      { control: 'iamUsers.consoleMfa', resource: 'bob', reason: 'adopted on 2026-12-02', expires: '2027-03-02' },
    ]);
    expect(unreadable).toEqual([]);
  });

  it('writes one waiver for two findings of the same control and resource', () => {
    const { waivers } = adoptionWaivers(
      [finding('root.accessKeys', 'root', 'fail'), finding('root.accessKeys', 'root', 'fail')],
      TODAY,
      30,
    );
    expect(waivers).toHaveLength(1);
    expect(waivers[0]?.expires).toBe('2027-01-01');
  });

  it('never waives an error (state that could not be read stays fail-closed): it is returned as unreadable', () => {
    const error = finding('contacts.security', 'contact:SECURITY', 'error', 'AccessDenied');
    const { waivers, unreadable } = adoptionWaivers([error], TODAY, 90);
    expect(waivers).toEqual([]);
    expect(unreadable).toEqual([error]);
  });

  it('describes each waiver from the notes given (the redacted report), not from the raw finding', () => {
    const raw = finding('contacts.security', 'contact:SECURITY', 'fail', 'jane@corp.example');
    const masked = { ...raw, actual: 'j***@c***.example' };
    const { waivers } = adoptionWaivers([raw], TODAY, 90, [masked]);
    expect(waivers[0]?.note).toBe('medium: expected y, actual j***@c***.example');
  });
});

describe('renderAdoptedExceptions', () => {
  const policyHead = 'version: 1\n';

  it('reads back as the same waivers, through the policy loader, whatever the resource name holds', () => {
    const resources = ['account', 'ops@example.com', 'a: b, c', '#not-a-comment', 'quote"and\\slash', 'new\nline'];
    const findings = resources.map((resource) =>
      finding('iamUsers.consoleMfa', resource, 'fail', 'line one\nline two'),
    );
    const { waivers } = adoptionWaivers(findings, TODAY, 90);
    const text = policyHead + renderAdoptedExceptions(waivers, '111122223333', TODAY);
    const checked = checkPolicyText(text, 'adopted.yml');
    expect(checked.issues).toEqual([]);
    const exceptions = (checked.data as { exceptions: { resource: string; reason: string; expires: unknown }[] })
      .exceptions;
    expect(exceptions.map((entry) => entry.resource)).toEqual(resources);
    expect(exceptions.every((entry) => entry.reason === 'adopted on 2026-12-02')).toBe(true);
    // The notes are comments: a newline in a value does not end the comment and start YAML.
    expect(parseDocument(text).errors).toEqual([]);
  });

  it('says so when nothing deviated, and stays a valid policy', () => {
    const text = policyHead + renderAdoptedExceptions([], '111122223333', TODAY);
    expect(text).toContain('# Nothing deviated: no waiver was needed.');
    expect(checkPolicyText(text, 'adopted.yml').issues).toEqual([]);
  });
});
