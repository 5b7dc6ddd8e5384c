import { evaluatePasswordPolicy } from '../../src/controls/password-policy.js';
import type { Finding } from '../../src/findings.js';
import type { PasswordPolicyExpectation } from '../../src/policy/types.js';
import type { PasswordPolicyState, Readable } from '../../src/state/types.js';
import { NOW, policyWith, stateWith, strongPasswordExpectation, strongPasswordPolicy } from '../support/builders.js';

const BASELINE: PasswordPolicyExpectation = strongPasswordExpectation();

function run(
  live: Readable<PasswordPolicyState | null> | undefined,
  expectation: PasswordPolicyExpectation = BASELINE,
): Finding[] {
  const policy = policyWith({ passwordPolicy: expectation });
  return evaluatePasswordPolicy({
    policy,
    state: stateWith(live === undefined ? {} : { passwordPolicy: live }),
    now: NOW,
  });
}

function statusOf(findings: Finding[], control: string): string | undefined {
  return findings.find((finding) => finding.control === control)?.status;
}

describe('password policy controls', () => {
  it('passes every control when the live policy equals the baseline', () => {
    const findings = run({ ok: true, value: strongPasswordPolicy() });
    expect(findings).toHaveLength(10);
    expect(findings.every((finding) => finding.status === 'pass')).toBe(true);
  });

  it('declares nothing and checks nothing without a passwordPolicy section', () => {
    const policy = policyWith({});
    expect(
      evaluatePasswordPolicy({ policy, state: stateWith({ passwordPolicy: { ok: true, value: null } }), now: NOW }),
    ).toEqual([]);
  });

  it.each([
    ['minimumLength', { minimumPasswordLength: 13 }, 'fail'],
    ['minimumLength', { minimumPasswordLength: 14 }, 'pass'],
    ['minimumLength', { minimumPasswordLength: 20 }, 'pass'],
    ['reusePrevention', { passwordReusePrevention: 23 }, 'fail'],
    ['reusePrevention', { passwordReusePrevention: 24 }, 'pass'],
    ['maxAgeDays', { maxPasswordAge: 91 }, 'fail'],
    ['maxAgeDays', { maxPasswordAge: 90 }, 'pass'],
    ['maxAgeDays', { maxPasswordAge: 30 }, 'pass'],
    ['hardExpiry', { hardExpiry: true }, 'fail'],
    ['requireSymbols', { requireSymbols: false }, 'fail'],
    ['requireNumbers', { requireNumbers: false }, 'fail'],
    ['requireUppercase', { requireUppercaseCharacters: false }, 'fail'],
    ['requireLowercase', { requireLowercaseCharacters: false }, 'fail'],
    ['allowUsersToChangePassword', { allowUsersToChangePassword: false }, 'fail'],
  ] as const)('%s with live %j is %s', (field, live, expected) => {
    const findings = run({ ok: true, value: strongPasswordPolicy(live) });
    expect(statusOf(findings, `passwordPolicy.${field}`)).toBe(expected);
    // Only the field under test moves; every other control still passes.
    const others = findings.filter((finding) => finding.control !== `passwordPolicy.${field}`);
    expect(others.every((finding) => finding.status === 'pass')).toBe(true);
  });

  it('fails maxAgeDays when passwords never expire, whatever the stored age', () => {
    const { maxPasswordAge: _unused, ...neverExpires } = strongPasswordPolicy({ expirePasswords: false });
    const finding = run({ ok: true, value: neverExpires }).find((f) => f.control === 'passwordPolicy.maxAgeDays');
    expect(finding).toMatchObject({ status: 'fail', actual: 'passwords never expire', expected: '<= 90 days' });
  });

  it('fails reusePrevention when reuse prevention is off', () => {
    const { passwordReusePrevention: _unused, ...noReuse } = strongPasswordPolicy();
    const finding = run({ ok: true, value: noReuse }).find((f) => f.control === 'passwordPolicy.reusePrevention');
    expect(finding).toMatchObject({ status: 'fail', actual: 'off' });
  });

  it('does not check a requirement declared false, and a stricter live setting passes', () => {
    const findings = run(
      { ok: true, value: strongPasswordPolicy({ requireSymbols: true }) },
      { requireSymbols: false },
    );
    expect(findings.find((f) => f.control === 'passwordPolicy.requireSymbols')).toMatchObject({
      status: 'pass',
      expected: 'not checked',
    });
  });

  it('checks hardExpiry exactly: live false fails when true is desired', () => {
    const findings = run({ ok: true, value: strongPasswordPolicy({ hardExpiry: false }) }, { hardExpiry: true });
    expect(statusOf(findings, 'passwordPolicy.hardExpiry')).toBe('fail');
  });

  it('reports a missing policy once and skips the field controls', () => {
    const findings = run({ ok: true, value: null });
    expect(findings.filter((f) => f.status === 'fail').map((f) => f.control)).toEqual(['passwordPolicy.exists']);
    expect(findings.filter((f) => f.status === 'skipped')).toHaveLength(9);
  });

  it('makes every declared control an error when the policy could not be read', () => {
    const findings = run({
      ok: false,
      error: { code: 'AccessDenied', message: 'not authorized', action: 'iam:GetAccountPasswordPolicy' },
    });
    expect(findings).toHaveLength(10);
    expect(findings.every((f) => f.status === 'error')).toBe(true);
    expect(findings[0]?.message).toContain('iam:GetAccountPasswordPolicy');
  });

  it('makes every declared control an error when the snapshot has no password policy', () => {
    const findings = run(undefined, { minimumLength: 14 });
    expect(findings.map((f) => f.status)).toEqual(['error', 'error']);
    expect(findings[0]?.message).toContain('not collected');
  });

  it('points each finding at the line of its expectation', () => {
    const policy = policyWith({ passwordPolicy: { minimumLength: 14 } });
    const [exists, length] = evaluatePasswordPolicy({
      policy,
      state: stateWith({ passwordPolicy: { ok: true, value: strongPasswordPolicy() } }),
      now: NOW,
    });
    expect(exists?.location).toEqual(policy.locations.passwordPolicy);
    expect(length?.location).toEqual(policy.locations['passwordPolicy.minimumLength']);
  });
});
