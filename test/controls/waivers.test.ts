import type { Finding } from '../../src/findings.js';
import { applyWaivers } from '../../src/controls/waivers.js';
import { globMatches } from '../../src/policy/patterns.js';
import { loadPolicyWith } from '../../src/policy/load.js';
import { NOW } from '../support/builders.js';

/** NOW is 2026-11-26T12:00Z. */
async function policyWithWaivers(lines: string[]) {
  return loadPolicyWith('/repo/p.yml', () =>
    Promise.resolve(`version: 1\nexceptions:\n${lines.map((line) => `  - ${line}\n`).join('')}`),
  );
}

function finding(control: string, resource: string, status: Finding['status'] = 'fail'): Finding {
  return {
    control,
    status,
    severity: 'high',
    resource,
    expected: 'x',
    actual: 'y',
    message: 'm',
    remediation: 'r',
    location: { file: '/repo/p.yml', line: 1, column: 1 },
    references: [],
  };
}

describe('applyWaivers', () => {
  test('a live waiver with an exact resource waives that finding only, and keeps it in the list', async () => {
    const policy = await policyWithWaivers([
      '{ control: iamUsers.consoleMfa, resource: break-glass, reason: token in the safe, expires: 2027-03-31 }',
    ]);
    const { findings, warnings } = applyWaivers(
      [finding('iamUsers.consoleMfa', 'break-glass'), finding('iamUsers.consoleMfa', 'alice')],
      policy,
      NOW,
    );
    expect(findings.map((item) => item.status)).toEqual(['waived', 'fail']);
    expect(findings[0]?.waiver).toEqual({
      reason: 'token in the safe',
      expires: '2027-03-31',
      location: { file: '/repo/p.yml', line: 3, column: 5 },
    });
    expect(findings[1]?.waiver).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  test('a glob resource matches by pattern; no resource matches every resource of the control', async () => {
    const policy = await policyWithWaivers([
      '{ control: iamUsers.maxAccessKeyAgeDays, resource: "ci-*", reason: rotated by pipeline, expires: 2027-01-01 }',
      '{ control: root.mfa, reason: new account, expires: 2027-01-01 }',
    ]);
    const { findings } = applyWaivers(
      [
        finding('iamUsers.maxAccessKeyAgeDays', 'ci-deploy'),
        finding('iamUsers.maxAccessKeyAgeDays', 'admin-ci'),
        finding('root.mfa', 'root'),
        finding('root.accessKeys', 'root'),
      ],
      policy,
      NOW,
    );
    expect(findings.map((item) => item.status)).toEqual(['waived', 'fail', 'waived', 'fail']);
  });

  test('passes stay passes; errors stay errors (fail closed) without an unused warning', async () => {
    const policy = await policyWithWaivers(['{ control: root.mfa, reason: r, expires: 2027-01-01 }']);
    const { findings, warnings } = applyWaivers(
      [finding('root.mfa', 'root', 'error'), finding('root.mfa', 'root', 'pass')],
      policy,
      NOW,
    );
    expect(findings.map((item) => item.status)).toEqual(['error', 'pass']);
    expect(warnings).toEqual([]);
  });

  test('a waiver waives through its expiry day', async () => {
    const policy = await policyWithWaivers(['{ control: root.mfa, reason: r, expires: 2026-11-26 }']);
    const { findings } = applyWaivers([finding('root.mfa', 'root')], policy, NOW);
    expect(findings.map((item) => item.status)).toEqual(['waived']);
  });

  test('an expired waiver stops waiving and is itself a low finding at the waiver', async () => {
    const policy = await policyWithWaivers([
      '{ control: root.mfa, resource: root, reason: migration, expires: 2026-11-25 }',
    ]);
    const { findings, warnings } = applyWaivers([finding('root.mfa', 'root')], policy, NOW);
    expect(findings[0]?.status).toBe('fail');
    expect(findings[1]).toEqual({
      control: 'exceptions',
      status: 'fail',
      severity: 'low',
      resource: 'root.mfa on root',
      expected: 'a waiver that has not expired',
      actual: 'expired 2026-11-25',
      message: 'The waiver for root.mfa on root expired on 2026-11-25 and no longer waives (reason was: migration).',
      remediation:
        'Fix what the waiver covered and remove the waiver, or renew it with a new `expires` date after a review.',
      location: { file: '/repo/p.yml', line: 3, column: 5 },
      references: [],
    });
    expect(warnings).toEqual([]);
  });

  test('a waiver that matches nothing is a FILE:LINE:COL warning', async () => {
    const policy = await policyWithWaivers([
      '{ control: root.mfa, reason: r, expires: 2027-01-01 }',
      '{ control: iamUsers.consoleMfa, resource: bob, reason: r, expires: 2027-01-01 }',
    ]);
    const { findings, warnings } = applyWaivers([finding('iamUsers.consoleMfa', 'alice')], policy, NOW);
    expect(findings.map((item) => item.status)).toEqual(['fail']);
    expect(warnings).toEqual([
      '/repo/p.yml:3:5 waiver for root.mfa matches no finding',
      '/repo/p.yml:4:5 waiver for iamUsers.consoleMfa on bob matches no finding',
    ]);
  });

  test('no exceptions: findings pass through untouched', () => {
    const findings = [finding('root.mfa', 'root')];
    expect(applyWaivers(findings, { version: 1, file: 'p.yml', locations: {} }, NOW)).toEqual({
      findings,
      warnings: [],
    });
  });
});

describe('globMatches', () => {
  test.each([
    ['ci-*', 'ci-deploy', true],
    ['ci-*', 'xci-deploy', false],
    ['user?', 'user1', true],
    ['user?', 'user12', false],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['*', '', true],
    ['contact:SEC*', 'contact:SECURITY', true],
  ])('%s vs %s -> %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });
});
