import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { ServerCertificatesExpectation } from '../../src/policy/types.js';
import type { AccountState, ServerCertificate } from '../../src/state/types.js';
import { evaluateServerCertificates } from '../../src/controls/server-certificates.js';
import { NOW, denied, ok, policyWith as policy, state } from '../support/builders.js';

const DAY_MS = 86_400_000;

function certificate(name: string, daysFromNow: number): ServerCertificate {
  return {
    name,
    arn: `arn:aws:iam::111122223333:server-certificate/${name}`,
    expiration: new Date(NOW.getTime() + daysFromNow * DAY_MS).toISOString(),
  };
}

function run(expectation: ServerCertificatesExpectation, source: AccountState['serverCertificates']): Finding[] {
  return evaluateServerCertificates({
    policy: policy({ serverCertificates: expectation }),
    state: state({}, source ? { serverCertificates: source } : {}),
    now: NOW,
  });
}

function verdicts(findings: Finding[]): Array<[string, string, string]> {
  return findings.map((finding) => [finding.control, finding.resource.split('/').pop() ?? '', finding.status]);
}

describe('serverCertificates.expired', () => {
  it('passes a certificate that expires a moment from now, and fails one that expired at this very moment', () => {
    expect(verdicts(run({ expired: 'forbidden' }, ok([certificate('later', 1 / DAY_MS)])))).toEqual([
      ['serverCertificates.expired', 'server-certificates', 'pass'],
    ]);
    expect(verdicts(run({ expired: 'forbidden' }, ok([certificate('now', 0), certificate('fine', 10)])))).toEqual([
      ['serverCertificates.expired', 'now', 'fail'],
    ]);
  });

  it('passes with no certificates', () => {
    expect(run({ expired: 'forbidden' }, ok([]))[0]?.message).toBe('No IAM server certificates are stored.');
  });

  it('is an error when the certificates could not be read or were not collected', () => {
    expect(
      run({ expired: 'forbidden' }, denied('iam:ListServerCertificates')).map((finding) => finding.status),
    ).toEqual(['error']);
    expect(run({ expired: 'forbidden' }, undefined).map((finding) => finding.status)).toEqual(['error']);
  });
});

describe('serverCertificates.expiryWarningDays', () => {
  it('fails a valid certificate inside the window and passes one at its edge', () => {
    const findings = run(
      { expiryWarningDays: 30 },
      ok([certificate('soon', 29.5), certificate('edge', 30), certificate('gone', -1)]),
    );
    // An expired certificate is the `expired` control's business, not the warning's.
    expect(verdicts(findings)).toEqual([['serverCertificates.expiryWarningDays', 'soon', 'fail']]);
    expect(findings[0]?.message).toBe(
      `IAM server certificate soon expires on ${certificate('soon', 29.5).expiration.slice(0, 10)}, in 29 days (warning window 30 days).`,
    );
    expect(verdicts(run({ expiryWarningDays: 30 }, ok([certificate('edge', 30)])))).toEqual([
      ['serverCertificates.expiryWarningDays', 'server-certificates', 'pass'],
    ]);
  });

  it('breaking only the window fails only the window', () => {
    const findings = run({ expired: 'forbidden', expiryWarningDays: 30 }, ok([certificate('soon', 5)]));
    expect(findings.filter((finding) => finding.status !== 'pass').map((finding) => finding.control)).toEqual([
      'serverCertificates.expiryWarningDays',
    ]);
    const expiredOnly = run({ expired: 'forbidden', expiryWarningDays: 30 }, ok([certificate('old', -5)]));
    expect(expiredOnly.filter((finding) => finding.status !== 'pass').map((finding) => finding.control)).toEqual([
      'serverCertificates.expired',
    ]);
  });
});
