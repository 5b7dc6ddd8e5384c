/** A policy that checks nothing is warned about, and the report says "nothing checked" instead of "compliant". */
import { describe, expect, test } from '@jest/globals';
import { evaluate } from '../../src/evaluate.js';
import { countStatuses, type Report } from '../../src/findings.js';
import { nothingCheckedWarning } from '../../src/policy/checks-nothing.js';
import { renderSummary } from '../../src/report/summary.js';
import { renderText } from '../../src/report/text.js';
import { verdictOf } from '../../src/report/verdict.js';
import { ACCOUNT_ID, NOW, policyWith, stateWith, strongPasswordPolicy } from '../support/builders.js';

const WARNING =
  'the policy checks nothing: it sets none of passwordPolicy, root, contacts, iamUsers, iamPolicies, serverCertificates, accessAnalyzer, attestations ' +
  '(add one, or extend a baseline such as `builtin:cis-aws-foundations`)';

function reportOf(body: Parameters<typeof policyWith>[0]): Report {
  const state = stateWith({ passwordPolicy: { ok: true, value: strongPasswordPolicy() } });
  const evaluation = evaluate(policyWith(body), state, NOW);
  return {
    version: 1,
    account: { id: ACCOUNT_ID },
    policy: 'policy.yml',
    generatedAt: NOW.toISOString(),
    summary: countStatuses(evaluation.findings),
    findings: evaluation.findings,
    warnings: evaluation.warnings,
  };
}

describe('nothingCheckedWarning', () => {
  test.each<[string, Parameters<typeof policyWith>[0]]>([
    ['only version: 1', {}],
    [
      'only waivers and severities',
      { exceptions: [{ control: 'root.mfa', reason: 'r', expires: '2099-01-01' }], severity: { 'root.mfa': 'low' } },
    ],
    ['only the account guard', { account: { id: ACCOUNT_ID } }],
    ['empty sections', { root: {}, iamUsers: {}, contacts: {}, attestations: {} }],
  ])('warns for %s', (_name, body) => {
    expect(nothingCheckedWarning(policyWith(body))).toBe(WARNING);
  });

  test.each<[string, Parameters<typeof policyWith>[0]]>([
    ['passwordPolicy: {} (checks that one exists)', { passwordPolicy: {} }],
    ['one root setting', { root: { mfa: 'required' } }],
    ['one contact', { contacts: { security: {} } }],
    ['one attestation', { attestations: { a: { maxAgeDays: 9 } } }],
    ['one IAM policy control', { iamPolicies: { supportRole: 'required' } }],
    ['one server-certificate control', { serverCertificates: { expired: 'forbidden' } }],
    ['a target that checks', { targets: [{ accounts: [ACCOUNT_ID], iamUsers: { consoleMfa: 'required' } }] }],
  ])('is quiet for %s', (_name, body) => {
    expect(nothingCheckedWarning(policyWith(body))).toBeUndefined();
  });
});

describe('a run that checked nothing', () => {
  test('carries the warning and leads with NOTHING CHECKED, not COMPLIANT', () => {
    const report = reportOf({ account: { id: ACCOUNT_ID } });
    expect(report.warnings).toEqual([WARNING]);
    expect(verdictOf(report)).toBe('nothing checked');
    expect(renderText(report, { color: false })).toMatch(/^aws-account-baseline: NOTHING CHECKED\n/);
    expect(renderSummary(report)).toContain('aws-account-baseline: ⚠️ Nothing checked');
  });

  test('a run that checked something still says COMPLIANT, with no warning', () => {
    const report = reportOf({ passwordPolicy: { minimumLength: 14 } });
    expect(report.warnings).toEqual([]);
    expect(verdictOf(report)).toBe('compliant');
  });

  test('an expired waiver alone is still NOT COMPLIANT', () => {
    const report = reportOf({ exceptions: [{ control: 'root.mfa', reason: 'r', expires: '2020-01-01' }] });
    expect(verdictOf(report)).toBe('not compliant');
  });
});

test('a policy with only an area added after this module was written still checks something', () => {
  expect(nothingCheckedWarning(policyWith({ accessAnalyzer: { required: true } }))).toBeUndefined();
});
