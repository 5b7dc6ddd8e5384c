import { evaluate } from '../src/evaluate.js';
import { breakingFindings, countStatuses, meetsThreshold, type Finding } from '../src/findings.js';
import { ACCOUNT_ID, NOW, policyWith, stateWith, strongPasswordPolicy } from './support/builders.js';

describe('evaluate', () => {
  const weakState = stateWith({
    passwordPolicy: { ok: true, value: strongPasswordPolicy({ minimumPasswordLength: 8 }) },
  });

  it('stops at the account guard when the credentials belong to another account', () => {
    const policy = policyWith({ account: { id: '999999999999' }, passwordPolicy: { minimumLength: 14 } });
    const evaluation = evaluate(policy, weakState, NOW);
    expect(evaluation.wrongAccount).toBe(true);
    expect(evaluation.findings).toHaveLength(1);
    expect(evaluation.findings[0]).toMatchObject({
      control: 'account.id',
      status: 'fail',
      severity: 'critical',
      actual: ACCOUNT_ID,
    });
  });

  it('passes the guard and evaluates the rest on the right account', () => {
    const policy = policyWith({ account: { id: ACCOUNT_ID }, passwordPolicy: { minimumLength: 14 } });
    const evaluation = evaluate(policy, weakState, NOW);
    expect(evaluation.wrongAccount).toBe(false);
    expect(evaluation.findings.map((f) => `${f.control}:${f.status}`)).toEqual([
      'account.id:pass',
      'passwordPolicy.exists:pass',
      'passwordPolicy.minimumLength:fail',
    ]);
  });

  it('treats an unreadable identity under a guard as an error, not a pass', () => {
    const policy = policyWith({ account: { id: ACCOUNT_ID } });
    const state = stateWith({
      identity: { ok: false, error: { code: 'ExpiredToken', message: 'expired', action: 'sts:GetCallerIdentity' } },
    });
    const evaluation = evaluate(policy, state, NOW);
    expect(evaluation.wrongAccount).toBe(true);
    expect(evaluation.findings[0]?.status).toBe('error');
  });

  it('applies severity overrides by control ID', () => {
    const policy = policyWith({
      passwordPolicy: { minimumLength: 14 },
      severity: { 'passwordPolicy.minimumLength': 'critical' },
    });
    const finding = evaluate(policy, weakState, NOW).findings.find((f) => f.control === 'passwordPolicy.minimumLength');
    expect(finding?.severity).toBe('critical');
  });

  it('is pure: the same inputs give the same findings and the inputs are not changed', () => {
    const policy = policyWith({ passwordPolicy: { minimumLength: 14 } });
    const before = JSON.stringify([policy, weakState]);
    expect(evaluate(policy, weakState, NOW)).toEqual(evaluate(policy, weakState, NOW));
    expect(JSON.stringify([policy, weakState])).toBe(before);
  });
});

describe('thresholds', () => {
  const finding = (status: Finding['status'], severity: Finding['severity']): Finding => ({
    control: 'c',
    status,
    severity,
    resource: 'r',
    expected: '',
    actual: '',
    message: '',
    remediation: '',
    location: { file: 'f', line: 1, column: 1 },
    references: [],
  });

  it.each([
    ['critical', 'high', true],
    ['high', 'high', true],
    ['medium', 'high', false],
    ['low', 'low', true],
    ['critical', 'none', false],
  ] as const)('severity %s against fail-on %s breaks: %s', (severity, failOn, expected) => {
    expect(meetsThreshold(severity, failOn)).toBe(expected);
  });

  it('counts error findings as breaking (fail closed) and ignores waived, skipped and manual', () => {
    const findings = ['pass', 'fail', 'error', 'waived', 'skipped', 'manual'].map((status) =>
      finding(status as Finding['status'], 'high'),
    );
    expect(breakingFindings(findings, 'low').map((f) => f.status)).toEqual(['fail', 'error']);
    expect(countStatuses(findings)).toEqual({ pass: 1, fail: 1, error: 1, waived: 1, skipped: 1, manual: 1 });
  });
});
