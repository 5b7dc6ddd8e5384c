import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { RootExpectation } from '../../src/policy/types.js';
import type { AccountState } from '../../src/state/types.js';
import { evaluateRoot, rootArea } from '../../src/controls/root.js';
import {
  NOW,
  ROOT_ARN,
  credentiallessRootRow,
  daysAgo,
  denied,
  ok,
  policyWith as policy,
  rootRow,
  state,
  summary,
  throttled,
  userRow,
} from '../support/builders.js';

const ALL: RootExpectation = {
  mfa: 'required',
  accessKeys: 'forbidden',
  signingCertificates: 'forbidden',
  maxDaysSinceLastUse: 30,
};

function evaluate(expectation: RootExpectation, accountState: AccountState): Finding[] {
  return evaluateRoot({ policy: policy({ root: expectation }), state: accountState, now: NOW });
}

function one(expectation: RootExpectation, accountState: AccountState): Finding {
  const findings = evaluate(expectation, accountState);
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
}

const VIRTUAL_ON_ROOT = {
  serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
  userArn: ROOT_ARN,
  enableDate: daysAgo(300),
};
const VIRTUAL_ON_USER = {
  serialNumber: 'arn:aws:iam::111122223333:mfa/alice',
  userArn: 'arn:aws:iam::111122223333:user/alice',
};

describe('root control definitions', () => {
  it('declares the catalogue IDs with their default severities, permissions, remediation and docs', () => {
    expect(rootArea.definitions.map((control) => [control.id, control.severity])).toEqual([
      ['root.mfa', 'critical'],
      ['root.accessKeys', 'critical'],
      ['root.signingCertificates', 'high'],
      ['root.maxDaysSinceLastUse', 'high'],
      ['root.centralizedAccess', 'medium'],
    ]);
    for (const control of rootArea.definitions) {
      expect(control.permissions).toContain(
        control.id === 'root.centralizedAccess' ? 'iam:ListOrganizationsFeatures' : 'iam:GetCredentialReport',
      );
      expect(control.remediation).toMatch(/aws (iam|cloudtrail|sts) /);
      expect(control.docs).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('evaluates nothing when the policy has no root section', () => {
    expect(
      evaluateRoot({ policy: policy({}), state: state({ summary: summary(), rows: [rootRow()] }), now: NOW }),
    ).toEqual([]);
  });
});

describe('root.mfa', () => {
  it('passes when AccountMFAEnabled is 1 (required)', () => {
    const finding = one({ mfa: 'required' }, state({ summary: summary(), rows: [rootRow()] }));
    expect(finding).toMatchObject({ control: 'root.mfa', status: 'pass', severity: 'critical', resource: 'root' });
    expect(finding.location).toEqual({ file: 'baseline.yml', line: 3, column: 3 });
  });

  it('fails when AccountMFAEnabled is 0', () => {
    const finding = one(
      { mfa: 'required' },
      state({ summary: summary({ AccountMFAEnabled: 0 }), rows: [rootRow({ mfaActive: false })] }),
    );
    expect(finding).toMatchObject({ status: 'fail', actual: 'MFA not enabled' });
  });

  it('lets the summary decide when the credential report disagrees, and says so', () => {
    const off = one(
      { mfa: 'required' },
      state({ summary: summary({ AccountMFAEnabled: 0 }), rows: [rootRow({ mfaActive: true })] }),
    );
    expect(off.status).toBe('fail');
    expect(off.message).toMatch(/credential report .* says mfa_active is true/);
    const on = one(
      { mfa: 'required' },
      state({ summary: summary({ AccountMFAEnabled: 1 }), rows: [rootRow({ mfaActive: false })] }),
    );
    expect(on.status).toBe('pass');
    expect(on.message).toMatch(/mfa_active is false/);
  });

  it('passes without the credential report when the summary says MFA is on', () => {
    expect(
      one({ mfa: 'required' }, state({ summary: summary(), report: denied('iam:GetCredentialReport') })).status,
    ).toBe('pass');
  });

  it('fails "hardware" when a virtual MFA device is assigned to the root ARN', () => {
    const finding = one(
      { mfa: 'hardware' },
      state({ summary: summary(), rows: [rootRow()], virtualMfaDevices: ok([VIRTUAL_ON_ROOT, VIRTUAL_ON_USER]) }),
    );
    expect(finding).toMatchObject({ status: 'fail', actual: `virtual MFA device ${VIRTUAL_ON_ROOT.serialNumber}` });
  });

  it('passes "hardware" when MFA is on and virtual devices belong only to users or to nobody', () => {
    const devices = ok([VIRTUAL_ON_USER, { serialNumber: 'arn:aws:iam::111122223333:mfa/spare' }]);
    expect(
      one({ mfa: 'hardware' }, state({ summary: summary(), rows: [rootRow()], virtualMfaDevices: devices })).status,
    ).toBe('pass');
  });

  it('recognises the root ARN in other partitions', () => {
    const govRoot = {
      serialNumber: 'arn:aws-us-gov:iam::111122223333:mfa/root',
      userArn: 'arn:aws-us-gov:iam::111122223333:root',
    };
    expect(
      one({ mfa: 'hardware' }, state({ summary: summary(), rows: [rootRow()], virtualMfaDevices: ok([govRoot]) }))
        .status,
    ).toBe('fail');
  });

  it('is an error for "hardware" when the virtual MFA devices could not be read', () => {
    const finding = one(
      { mfa: 'hardware' },
      state({ summary: summary(), rows: [rootRow()], virtualMfaDevices: denied('iam:ListVirtualMFADevices') }),
    );
    expect(finding.status).toBe('error');
    expect(finding.message).toMatch(/iam:ListVirtualMFADevices/);
  });

  it('fails "hardware" without the device list when MFA is off altogether', () => {
    const finding = one(
      { mfa: 'hardware' },
      state({ summary: summary({ AccountMFAEnabled: 0 }), rows: [rootRow({ mfaActive: false })] }),
    );
    expect(finding.status).toBe('fail');
  });

  it('is an error, never a pass, when the summary could not be read or lacks AccountMFAEnabled', () => {
    const deniedFinding = one(
      { mfa: 'required' },
      state({ summary: denied('iam:GetAccountSummary'), rows: [rootRow()] }),
    );
    expect(deniedFinding.status).toBe('error');
    expect(deniedFinding.message).toMatch(/needs iam:GetAccountSummary/);
    expect(one({ mfa: 'required' }, state({ rows: [rootRow()] })).message).toMatch(/not collected/);
    expect(
      one({ mfa: 'required' }, state({ summary: { AccountAccessKeysPresent: 0 }, rows: [rootRow()] })).status,
    ).toBe('error');
  });

  it('is an error when MFA is off and the report cannot tell whether root has credentials at all', () => {
    const finding = one(
      { mfa: 'required' },
      state({ summary: summary({ AccountMFAEnabled: 0 }), report: throttled('iam:GetCredentialReport') }),
    );
    expect(finding.status).toBe('error');
    expect(finding.message).toMatch(/Throttling/);
  });
});

describe('root.accessKeys', () => {
  it('passes with no key in the summary and the report', () => {
    expect(one({ accessKeys: 'forbidden' }, state({ summary: summary(), rows: [rootRow()] }))).toMatchObject({
      status: 'pass',
      actual: 'none',
    });
  });

  it('fails on an active key and names its dates', () => {
    const row = rootRow({
      accessKey1Active: true,
      accessKey1LastRotated: daysAgo(400),
      accessKey1LastUsedDate: daysAgo(10),
    });
    const finding = one(
      { accessKeys: 'forbidden' },
      state({ summary: summary({ AccountAccessKeysPresent: 1 }), rows: [row] }),
    );
    expect(finding).toMatchObject({ status: 'fail', actual: '1 active' });
    expect(finding.message).toContain('access key 1 (created 2025-10-22, last used 2026-11-16 (10 days ago))');
  });

  it('fails on keys present but inactive: AccountAccessKeysPresent counts inactive keys', () => {
    const shown = rootRow({ accessKey2LastRotated: daysAgo(500), accessKey2LastUsedDate: daysAgo(450) });
    const hidden = rootRow();
    for (const row of [shown, hidden]) {
      const finding = one(
        { accessKeys: 'forbidden' },
        state({ summary: summary({ AccountAccessKeysPresent: 1 }), rows: [row] }),
      );
      expect(finding).toMatchObject({ status: 'fail', actual: 'inactive access key' });
    }
  });

  it('fails on an active key in the report even when the summary says none', () => {
    const row = rootRow({ accessKey2Active: true, accessKey2LastRotated: daysAgo(3) });
    expect(one({ accessKeys: 'forbidden' }, state({ summary: summary(), rows: [row] })).status).toBe('fail');
  });

  it('fails on the summary alone when the report is unreadable, and passes on a summary of 0', () => {
    const present = one(
      { accessKeys: 'forbidden' },
      state({ summary: summary({ AccountAccessKeysPresent: 1 }), report: denied('iam:GetCredentialReport') }),
    );
    expect(present).toMatchObject({ status: 'fail', actual: 'access key present (status unknown)' });
    const absent = one(
      { accessKeys: 'forbidden' },
      state({ summary: summary(), report: denied('iam:GetCredentialReport') }),
    );
    expect(absent.status).toBe('pass');
  });

  it('is an error when only the report was read and it shows no active key (an inactive one cannot be ruled out)', () => {
    const finding = one(
      { accessKeys: 'forbidden' },
      state({ summary: denied('iam:GetAccountSummary'), rows: [rootRow()] }),
    );
    expect(finding.status).toBe('error');
    const active = one(
      { accessKeys: 'forbidden' },
      state({
        summary: denied('iam:GetAccountSummary'),
        rows: [rootRow({ accessKey1Active: true, accessKey1LastRotated: daysAgo(9) })],
      }),
    );
    expect(active.status).toBe('fail');
  });

  it('is an error when neither source was read', () => {
    expect(one({ accessKeys: 'forbidden' }, state()).status).toBe('error');
  });
});

describe('root.signingCertificates', () => {
  it('passes with no certificate', () => {
    expect(one({ signingCertificates: 'forbidden' }, state({ summary: summary(), rows: [rootRow()] })).status).toBe(
      'pass',
    );
  });

  it('fails on an active certificate', () => {
    const finding = one(
      { signingCertificates: 'forbidden' },
      state({
        summary: summary({ AccountSigningCertificatesPresent: 1 }),
        rows: [rootRow({ cert2Active: true, cert2LastRotated: daysAgo(30) })],
      }),
    );
    expect(finding).toMatchObject({ status: 'fail', severity: 'high' });
    expect(finding.message).toContain('certificate 2 (uploaded 2026-10-27)');
  });

  it('passes on an inactive certificate, with a note', () => {
    const finding = one(
      { signingCertificates: 'forbidden' },
      state({ summary: summary({ AccountSigningCertificatesPresent: 1 }), rows: [rootRow()] }),
    );
    expect(finding).toMatchObject({ status: 'pass', actual: 'inactive only' });
  });

  it('needs the report unless the summary says there is no certificate at all', () => {
    expect(
      one(
        { signingCertificates: 'forbidden' },
        state({ summary: summary(), report: denied('iam:GetCredentialReport') }),
      ).status,
    ).toBe('pass');
    const unknown = one(
      { signingCertificates: 'forbidden' },
      state({ summary: { AccountMFAEnabled: 1 }, report: denied('iam:GetCredentialReport') }),
    );
    expect(unknown.status).toBe('error');
  });

  it('is an error when the report has no root row', () => {
    const finding = one(
      { signingCertificates: 'forbidden' },
      state({ summary: { AccountMFAEnabled: 1 }, rows: [userRow('alice')] }),
    );
    expect(finding.status).toBe('error');
    expect(finding.message).toContain('no <root_account> row');
  });
});

describe('root.maxDaysSinceLastUse', () => {
  const window = { maxDaysSinceLastUse: 30 };

  it('fails on a root key used 10 days ago: use within the window is a finding', () => {
    const row = rootRow({
      accessKey1Active: true,
      accessKey1LastRotated: daysAgo(400),
      accessKey1LastUsedDate: daysAgo(10),
    });
    const finding = one(window, state({ summary: summary({ AccountAccessKeysPresent: 1 }), rows: [row] }));
    expect(finding).toMatchObject({ status: 'fail', actual: 'access key 1 on 2026-11-16 (10 days ago)' });
  });

  it('takes the most recent of password and both keys, not the first one found', () => {
    const row = rootRow({
      passwordLastUsed: daysAgo(200),
      accessKey1LastUsedDate: daysAgo(100),
      accessKey2Active: true,
      accessKey2LastRotated: daysAgo(120),
      accessKey2LastUsedDate: daysAgo(2),
    });
    expect(one(window, state({ summary: summary(), rows: [row] })).actual).toBe(
      'access key 2 on 2026-11-24 (2 days ago)',
    );
  });

  it('fails on a sign-in 29 days ago and passes on one 30 days ago (the window edge)', () => {
    expect(
      one(window, state({ summary: summary(), rows: [rootRow({ passwordLastUsed: daysAgo(29.5) })] })).status,
    ).toBe('fail');
    expect(one(window, state({ summary: summary(), rows: [rootRow({ passwordLastUsed: daysAgo(30) })] })).status).toBe(
      'pass',
    );
  });

  it('passes when the report records no use (no_information, N/A)', () => {
    const finding = one(window, state({ summary: summary(), rows: [rootRow({ passwordLastUsed: 'no_information' })] }));
    expect(finding).toMatchObject({ status: 'pass', actual: 'never used' });
  });

  it('is an error when the credential report could not be read', () => {
    expect(one(window, state({ summary: summary(), report: denied('iam:GetCredentialReport') })).status).toBe('error');
  });
});

describe('root controls not applicable (no root credentials)', () => {
  const memberSummary = summary({
    AccountMFAEnabled: 0,
    AccountAccessKeysPresent: 0,
    AccountSigningCertificatesPresent: 0,
  });

  it('skips every root control for a member account without root credentials, never fails', () => {
    const findings = evaluate(
      { ...ALL, mfa: 'hardware' },
      state({ summary: memberSummary, rows: [credentiallessRootRow()] }),
    );
    expect(findings.map((finding) => [finding.control, finding.status])).toEqual([
      ['root.mfa', 'skipped'],
      ['root.accessKeys', 'skipped'],
      ['root.signingCertificates', 'skipped'],
      ['root.maxDaysSinceLastUse', 'skipped'],
    ]);
    expect(findings[0]?.message).toMatch(
      /^Not applicable: the root user has no password, no access key and no signing certificate/,
    );
  });

  it('names centralized root access when the organization has it enabled', () => {
    const features = ok({ organizationId: 'o-abc123', enabledFeatures: ['RootCredentialsManagement', 'RootSessions'] });
    const finding = one(
      { accessKeys: 'forbidden' },
      state({ summary: memberSummary, rows: [credentiallessRootRow()] }, { organizationsFeatures: features }),
    );
    expect(finding.message).toContain('centralized root access is enabled');
  });

  it('does not skip on password_enabled not_supported alone', () => {
    const findings = evaluate(
      ALL,
      state({ summary: memberSummary, rows: [rootRow({ mfaActive: false, passwordLastUsed: 'no_information' })] }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['fail', 'pass', 'pass', 'pass']);
  });

  it('skips when the summary says there is no password even though the report says not_supported', () => {
    const withoutPassword = summary({ AccountMFAEnabled: 0, AccountPasswordPresent: 0 });
    expect(
      one({ mfa: 'required' }, state({ summary: withoutPassword, rows: [rootRow({ mfaActive: false })] })).status,
    ).toBe('skipped');
  });

  it('still evaluates when AccountAccessKeysPresent says a key exists (centralized access does not delete keys)', () => {
    const keySummary = summary({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 });
    const findings = evaluate(ALL, state({ summary: keySummary, rows: [credentiallessRootRow()] }));
    expect(findings.map((finding) => [finding.control, finding.status])).toEqual([
      ['root.mfa', 'fail'],
      ['root.accessKeys', 'fail'],
      ['root.signingCertificates', 'pass'],
      ['root.maxDaysSinceLastUse', 'pass'],
    ]);
  });

  it('still evaluates on an active key in the report even with password_enabled false', () => {
    const row = credentiallessRootRow({
      accessKey1Active: true,
      accessKey1LastRotated: daysAgo(20),
      accessKey1LastUsedDate: daysAgo(1),
    });
    const findings = evaluate(ALL, state({ summary: memberSummary, rows: [row] }));
    expect(findings.map((finding) => finding.status)).toEqual(['fail', 'fail', 'pass', 'fail']);
  });

  it('keeps AccountMFAEnabled authoritative: MFA on without other credentials passes', () => {
    expect(
      one(
        { mfa: 'required' },
        state({ summary: { ...memberSummary, AccountMFAEnabled: 1 }, rows: [credentiallessRootRow()] }),
      ).status,
    ).toBe('pass');
  });
});

describe('root controls with unreadable sources', () => {
  it('reports one error per declared control when nothing was collected', () => {
    const findings = evaluate(ALL, state());
    expect(findings.map((finding) => [finding.control, finding.status])).toEqual([
      ['root.mfa', 'error'],
      ['root.accessKeys', 'error'],
      ['root.signingCertificates', 'error'],
      ['root.maxDaysSinceLastUse', 'error'],
    ]);
  });

  it('reports errors naming the missing permission when both calls were denied', () => {
    const findings = evaluate(
      ALL,
      state({ summary: denied('iam:GetAccountSummary'), report: denied('iam:GetCredentialReport') }),
    );
    expect(findings.every((finding) => finding.status === 'error')).toBe(true);
    expect(findings.map((finding) => finding.message).join(' ')).toMatch(/the role needs iam:GetCredentialReport/);
  });
});
