import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { IamUsersExpectation } from '../../src/policy/types.js';
import type { CredentialReportRow } from '../../src/state/types.js';
import { evaluateIamUsers, iamUsersArea } from '../../src/controls/iam-users.js';
import {
  ACCOUNT_ID,
  NOW,
  daysAgo,
  denied,
  ok,
  policyWith as policy,
  rootRow,
  state,
  userRow,
} from '../support/builders.js';
import { requiredSources } from '../../src/controls/registry.js';

function evaluate(expectation: IamUsersExpectation, rows: CredentialReportRow[]): Finding[] {
  return evaluateIamUsers({
    policy: policy({ iamUsers: expectation }),
    state: state({ rows: [rootRow(), ...rows] }),
    now: NOW,
  });
}

function statuses(findings: Finding[]): Array<[string, string]> {
  return findings.map((finding) => [finding.resource, finding.status]);
}

/** An active key created `createdDaysAgo` ago, last used `usedDaysAgo` ago (undefined = never). */
function key1(createdDaysAgo: number, usedDaysAgo?: number): Partial<CredentialReportRow> {
  return {
    accessKey1Active: true,
    accessKey1LastRotated: daysAgo(createdDaysAgo),
    accessKey1LastUsedDate: usedDaysAgo === undefined ? 'N/A' : daysAgo(usedDaysAgo),
  };
}

function key2(createdDaysAgo: number, usedDaysAgo?: number): Partial<CredentialReportRow> {
  return {
    accessKey2Active: true,
    accessKey2LastRotated: daysAgo(createdDaysAgo),
    accessKey2LastUsedDate: usedDaysAgo === undefined ? 'N/A' : daysAgo(usedDaysAgo),
  };
}

describe('iamUsers control definitions', () => {
  it('declares the five controls with their default severities', () => {
    expect(iamUsersArea.definitions.map((control) => [control.id, control.severity])).toEqual([
      ['iamUsers.consoleMfa', 'high'],
      ['iamUsers.initialSetupAccessKeys', 'low'],
      ['iamUsers.maxActiveAccessKeys', 'medium'],
      ['iamUsers.maxAccessKeyAgeDays', 'medium'],
      ['iamUsers.maxUnusedCredentialDays', 'medium'],
    ]);
    for (const control of iamUsersArea.definitions) expect(control.remediation).toMatch(/aws iam /);
  });
});

describe('iamUsers.consoleMfa', () => {
  const rule: IamUsersExpectation = { consoleMfa: 'required' };

  it('fails a user with a password and no MFA, naming the user, and summarises the rest in one pass', () => {
    const findings = evaluate(rule, [
      userRow('alice', { passwordEnabled: true, passwordLastUsed: daysAgo(3), mfaActive: false }),
      userRow('bob', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
      userRow('carol', { passwordEnabled: true, passwordLastUsed: 'no_information', mfaActive: true }),
      userRow('ci-bot', key1(10, 1)),
    ]);
    expect(statuses(findings)).toEqual([
      ['alice', 'fail'],
      ['iam-users', 'pass'],
    ]);
    expect(findings[0]?.message).toBe(
      'IAM user alice has a console password (last used 2026-11-23) and no MFA device.',
    );
    expect(findings[1]?.message).toBe('The other 2 IAM users with a console password have MFA.');
    expect(findings[0]?.location).toEqual({ file: 'baseline.yml', line: 3, column: 3 });
  });

  it('passes users without a console password even without MFA', () => {
    const findings = evaluate(rule, [userRow('ci-bot', key1(10, 1))]);
    expect(statuses(findings)).toEqual([['iam-users', 'pass']]);
    expect(findings[0]?.message).toBe('No IAM user has a console password.');
  });

  it('ignores the root row', () => {
    const findings = evaluateIamUsers({
      policy: policy({ iamUsers: rule }),
      state: state({ rows: [rootRow({ passwordEnabled: true, mfaActive: false })] }),
      now: NOW,
    });
    expect(statuses(findings)).toEqual([['iam-users', 'pass']]);
  });

  it('emits no pass summary when every checked user offends', () => {
    const findings = evaluate(rule, [
      userRow('alice', { passwordEnabled: true }),
      userRow('dave', { passwordEnabled: true }),
    ]);
    expect(statuses(findings)).toEqual([
      ['alice', 'fail'],
      ['dave', 'fail'],
    ]);
  });
});

describe('iamUsers.maxActiveAccessKeys', () => {
  it('fails a second active key and passes one active key plus an inactive one', () => {
    const findings = evaluate({ maxActiveAccessKeys: 1 }, [
      userRow('deployer', { ...key1(30, 1), ...key2(5, 1) }),
      userRow('ci-bot', { ...key1(30, 1), accessKey2Active: false, accessKey2LastRotated: daysAgo(300) }),
    ]);
    expect(statuses(findings)).toEqual([
      ['deployer', 'fail'],
      ['iam-users', 'pass'],
    ]);
    expect(findings[0]?.message).toBe(
      'IAM user deployer has 2 active access keys (key 1 created 2026-10-27 (30 days ago), key 2 created 2026-11-21 (5 days ago)); at most 1 allowed.',
    );
    // The pass covers only the others: it must not claim "every IAM user" next to a failure.
    expect(findings[1]?.message).toBe('The other IAM user with active keys has at most 1 active access key.');
  });

  it('allows two when the policy says two', () => {
    expect(
      statuses(evaluate({ maxActiveAccessKeys: 2 }, [userRow('deployer', { ...key1(30, 1), ...key2(5, 1) })])),
    ).toEqual([['iam-users', 'pass']]);
  });
});

describe('iamUsers.maxAccessKeyAgeDays', () => {
  it('fails a key 91 days old and passes one 90 days old', () => {
    const findings = evaluate({ maxAccessKeyAgeDays: 90 }, [userRow('old', key1(91, 1)), userRow('edge', key1(90, 1))]);
    expect(statuses(findings)).toEqual([
      ['old', 'fail'],
      ['iam-users', 'pass'],
    ]);
    expect(findings[0]?.message).toBe(
      'IAM user old has active access keys older than 90 days: key 1 created 2026-08-27 (91 days ago).',
    );
    expect(findings[0]?.actual).toBe('key 1: 91 days');
    expect(findings[1]?.message).toBe(
      'The active access keys of the other IAM user with active keys are at most 90 days old.',
    );
  });

  it('ignores inactive keys, however old', () => {
    const row = userRow('parked', { accessKey1Active: false, accessKey1LastRotated: daysAgo(900) });
    expect(evaluate({ maxAccessKeyAgeDays: 90 }, [row])).toEqual([
      expect.objectContaining({ resource: 'iam-users', status: 'pass' }),
    ]);
  });

  it('is an error for an active key without a creation date', () => {
    const row = userRow('odd', { accessKey2Active: true, accessKey2LastRotated: 'N/A' });
    expect(statuses(evaluate({ maxAccessKeyAgeDays: 90 }, [row]))).toEqual([['odd', 'error']]);
  });
});

describe('iamUsers.maxUnusedCredentialDays', () => {
  const rule: IamUsersExpectation = { maxUnusedCredentialDays: 45 };

  it('fails a never-used key created 50 days ago: never used counts from creation', () => {
    const findings = evaluate(rule, [userRow('idle', key1(50))]);
    expect(statuses(findings)).toEqual([['idle', 'fail']]);
    expect(findings[0]?.message).toBe(
      'IAM user idle has credentials unused for 45 days or more: access key 1 never used since it was created on 2026-10-07 (50 days ago).',
    );
  });

  // CIS ("unused for 45 days or more") and Security Hub IAM.22: exactly 45 days unused is already a finding.
  it('fails a key used exactly 45 days ago and a never-used key created 45 days ago; passes both at 44 days', () => {
    const findings = evaluate(rule, [
      userRow('edge-used', key1(400, 45)),
      userRow('edge-new', key1(45)),
      userRow('recent-used', key1(400, 44)),
      userRow('recent-new', key1(44)),
    ]);
    expect(statuses(findings)).toEqual([
      ['edge-used', 'fail'],
      ['edge-new', 'fail'],
      ['iam-users', 'pass'],
    ]);
    expect(findings[0]?.actual).toBe('access key 1: 45 days unused');
    expect(findings[1]?.actual).toBe('access key 1: 45 days unused');
  });

  it('counts a never-used password from the user creation and lists every stale credential of a user', () => {
    const row = userRow('ghost', {
      userCreationTime: daysAgo(120),
      passwordEnabled: true,
      passwordLastUsed: 'no_information',
      ...key2(100, 60),
    });
    const findings = evaluate(rule, [row]);
    expect(statuses(findings)).toEqual([['ghost', 'fail']]);
    expect(findings[0]?.actual).toBe('console password: 120 days unused, access key 2: 60 days unused');
    expect(findings[0]?.message).toContain(
      'console password never used since the user was created on 2026-07-29 (120 days ago)',
    );
  });

  it('counts a never-used password from when it was set (password_last_changed), not from an older user creation', () => {
    const findings = evaluate(rule, [
      userRow('new-login', {
        userCreationTime: daysAgo(400),
        passwordEnabled: true,
        passwordLastUsed: 'no_information',
        passwordLastChanged: daysAgo(3),
        mfaActive: true,
      }),
      userRow('old-login', {
        userCreationTime: daysAgo(400),
        passwordEnabled: true,
        passwordLastUsed: 'no_information',
        passwordLastChanged: daysAgo(46),
        mfaActive: true,
      }),
    ]);
    expect(statuses(findings)).toEqual([
      ['old-login', 'fail'],
      ['iam-users', 'pass'],
    ]);
    expect(findings[0]?.message).toContain('console password never used since it was set on 2026-10-11 (46 days ago)');
  });

  it('passes a password used recently and ignores inactive keys and users without credentials', () => {
    const findings = evaluate(rule, [
      userRow('active', { passwordEnabled: true, passwordLastUsed: daysAgo(2), mfaActive: true }),
      userRow('parked', { accessKey1Active: false, accessKey1LastRotated: daysAgo(300) }),
      userRow('empty'),
    ]);
    expect(statuses(findings)).toEqual([['iam-users', 'pass']]);
    expect(findings[0]?.message).toContain('(1 IAM user with credentials checked)');
  });
});

describe('iamUsers with an unreadable credential report', () => {
  it('reports one error per declared control, never a pass', () => {
    const expectation: IamUsersExpectation = {
      consoleMfa: 'required',
      maxActiveAccessKeys: 1,
      maxAccessKeyAgeDays: 90,
      maxUnusedCredentialDays: 45,
    };
    for (const report of [denied('iam:GetCredentialReport'), undefined]) {
      const findings = evaluateIamUsers({
        policy: policy({ iamUsers: expectation }),
        state: state(report ? { report } : {}),
        now: NOW,
      });
      expect(findings.map((finding) => [finding.control, finding.status])).toEqual([
        ['iamUsers.consoleMfa', 'error'],
        ['iamUsers.maxActiveAccessKeys', 'error'],
        ['iamUsers.maxAccessKeyAgeDays', 'error'],
        ['iamUsers.maxUnusedCredentialDays', 'error'],
      ]);
    }
  });
});

describe('iamUsers wording for one user and one day', () => {
  it('says "the only IAM user" and "the other IAM user", never "All 1 IAM user" or "1 IAM users"', () => {
    const alone = evaluate({ consoleMfa: 'required' }, [
      userRow('bob', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
    ]);
    expect(alone.map((finding) => finding.message)).toEqual(['The only IAM user with a console password has MFA.']);
    const many = evaluate({ consoleMfa: 'required' }, [
      userRow('bob', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
      userRow('carol', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
    ]);
    expect(many.map((finding) => finding.message)).toEqual(['All 2 IAM users with a console password have MFA.']);
    const unused = evaluate({ maxUnusedCredentialDays: 45 }, [userRow('idle', key1(50)), userRow('busy', key1(50, 1))]);
    expect(unused[1]?.message).toBe(
      'The other IAM user with credentials has no password or active access key unused for 45 days or more.',
    );
  });

  it('writes "1 day" and "1 active access key" in the singular', () => {
    const age = evaluate({ maxAccessKeyAgeDays: 1 }, [userRow('old', key1(2))]);
    expect(age[0]).toMatchObject({ expected: 'active access keys at most 1 day old', actual: 'key 1: 2 days' });
    expect(age[0]?.message).toMatch(/^IAM user old has active access keys older than 1 day: /);
    const keys = evaluate({ maxActiveAccessKeys: 0 }, [userRow('one-key', key1(2, 1))]);
    expect(keys[0]).toMatchObject({ status: 'fail', actual: '1 active access key' });
    expect(keys[0]?.message).toMatch(/^IAM user one-key has 1 active access key \(/);
  });
});

describe('iamUsers.initialSetupAccessKeys', () => {
  const rule: IamUsersExpectation = { initialSetupAccessKeys: 'forbidden' };

  it('fails a console user with an active key never used (either slot), and passes a used or inactive one', () => {
    const findings = evaluate(rule, [
      userRow('alice', { passwordEnabled: true, ...key1(10) }),
      userRow('bob', { passwordEnabled: true, ...key1(10, 2), ...key2(3) }),
      userRow('carol', { passwordEnabled: true, ...key1(10, 2) }),
      userRow('dave', { passwordEnabled: true, accessKey1Active: false, accessKey1LastRotated: daysAgo(10) }),
      // A key that was never used on a user without a console password is not an initial-setup key.
      userRow('ci-bot', key1(10)),
    ]);
    expect(statuses(findings)).toEqual([
      ['alice', 'fail'],
      ['bob', 'fail'],
      ['iam-users', 'pass'],
    ]);
    expect(findings[0]?.message).toBe(
      'IAM user alice has a console password and access key 1 active but never used (created at setup and not needed).',
    );
    expect(findings[1]?.actual).toBe('access key 2 active, never used');
    expect(findings[2]?.message).toBe(
      'The other 2 IAM users with a console password have no never-used active access key.',
    );
  });

  it('passes when every console user used their keys', () => {
    const findings = evaluate(rule, [userRow('carol', { passwordEnabled: true, ...key1(10, 0) })]);
    expect(statuses(findings)).toEqual([['iam-users', 'pass']]);
    expect(findings[0]?.message).toBe(
      'No IAM user with a console password has a never-used active access key (1 IAM user checked).',
    );
  });

  it('breaking only this recommendation fails only this control', () => {
    const all: IamUsersExpectation = {
      consoleMfa: 'required',
      initialSetupAccessKeys: 'forbidden',
      maxActiveAccessKeys: 1,
      maxAccessKeyAgeDays: 90,
      maxUnusedCredentialDays: 45,
    };
    const findings = evaluate(all, [
      userRow('alice', {
        passwordEnabled: true,
        passwordLastUsed: daysAgo(1),
        passwordLastChanged: daysAgo(5),
        mfaActive: true,
        ...key1(5),
      }),
    ]);
    expect(findings.filter((finding) => finding.status !== 'pass').map((finding) => finding.control)).toEqual([
      'iamUsers.initialSetupAccessKeys',
    ]);
  });
});

describe('iamUsers.consoleMfa: hardware', () => {
  const rule: IamUsersExpectation = { consoleMfa: 'hardware' };
  const arn = (user: string): string => `arn:aws:iam::${ACCOUNT_ID}:user/${user}`;
  const rows = [
    userRow('alice', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
    userRow('bob', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: true }),
    userRow('carol', { passwordEnabled: true, passwordLastUsed: daysAgo(1), mfaActive: false }),
    // Not a console user: a virtual device there is outside this control.
    userRow('ci-bot', { mfaActive: true }),
  ];

  function run(devices: ReturnType<typeof ok> | ReturnType<typeof denied> | undefined): Finding[] {
    return evaluateIamUsers({
      policy: policy({ iamUsers: rule }),
      state: state({ rows: [rootRow(), ...rows], ...(devices ? { virtualMfaDevices: devices as never } : {}) }),
      now: NOW,
    });
  }

  it('fails a console user with a virtual device and one without MFA, and passes the hardware user', () => {
    const findings = run(
      ok([
        { serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/bob`, userArn: arn('bob') },
        { serialNumber: 'x', userArn: arn('ci-bot') },
      ]),
    );
    expect(statuses(findings)).toEqual([
      ['bob', 'fail'],
      ['carol', 'fail'],
      ['iam-users', 'pass'],
    ]);
    expect(findings[0]?.message).toBe(
      'IAM user bob has a console password and a virtual MFA device; hardware MFA is required.',
    );
    expect(findings[2]?.message).toBe('The other IAM user with a console password has hardware MFA.');
  });

  it('is an error, never a pass, when the virtual devices could not be read', () => {
    const findings = run(denied('iam:ListVirtualMFADevices'));
    expect(findings.map((finding) => [finding.control, finding.status])).toEqual([['iamUsers.consoleMfa', 'error']]);
    expect(run(undefined).map((finding) => finding.status)).toEqual(['error']);
  });

  it('reads the virtual MFA devices only for hardware', () => {
    expect([...requiredSources(policy({ iamUsers: { consoleMfa: 'hardware' } }))].sort()).toEqual([
      'credentialReport',
      'virtualMfaDevices',
    ]);
    expect([...requiredSources(policy({ iamUsers: { consoleMfa: 'required' } }))]).toEqual(['credentialReport']);
  });
});
