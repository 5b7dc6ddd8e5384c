import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { IamPoliciesExpectation } from '../../src/policy/types.js';
import type { AccountState, AuthorizationDetails, IamPrincipal } from '../../src/state/types.js';
import {
  awsManagedPolicyArn,
  evaluateIamPolicies,
  iamPoliciesArea,
  partitionOf,
} from '../../src/controls/iam-policies.js';
import { ACCOUNT_ID, NOW, denied, ok, policyWith as policy, state } from '../support/builders.js';

const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const READ = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] };
const SUPPORT = 'arn:aws:iam::aws:policy/AWSSupportAccess';
const CLOUDSHELL = 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess';

function principal(kind: string, name: string, parts: Partial<IamPrincipal> = {}): IamPrincipal {
  return {
    name,
    arn: `arn:aws:iam::${ACCOUNT_ID}:${kind}/${name}`,
    attachedPolicies: [],
    inlinePolicies: [],
    ...parts,
  };
}

/** An account that meets every iamPolicies control. */
function compliant(): AuthorizationDetails {
  return {
    users: [principal('user', 'alice')],
    groups: [
      principal('group', 'readers', {
        attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        inlinePolicies: [{ name: 'extra', document: READ }],
      }),
    ],
    roles: [
      principal('role', 'support', { attachedPolicies: [SUPPORT] }),
      principal('role', 'app', { inlinePolicies: [{ name: 'read', document: READ }] }),
    ],
    policies: [
      { name: 'reader', arn: `arn:aws:iam::${ACCOUNT_ID}:policy/reader`, attachmentCount: 1, document: READ },
      // Full admin but attached nowhere: CIS looks at attached policies only.
      {
        name: 'unused-admin',
        arn: `arn:aws:iam::${ACCOUNT_ID}:policy/unused-admin`,
        attachmentCount: 0,
        document: ADMIN,
      },
    ],
  };
}

const ALL: IamPoliciesExpectation = {
  userPolicies: 'forbidden',
  fullAdminPolicies: 'forbidden',
  supportRole: 'required',
  cloudShellFullAccess: 'forbidden',
};

function run(
  details: AuthorizationDetails | AccountState['authorizationDetails'],
  expectation: IamPoliciesExpectation = ALL,
  extra: Partial<AccountState> = {},
): Finding[] {
  const authorizationDetails = details && 'users' in details ? ok(details) : details;
  return evaluateIamPolicies({
    policy: policy({ iamPolicies: expectation }),
    state: state({}, { ...(authorizationDetails ? { authorizationDetails } : {}), ...extra }),
    now: NOW,
  });
}

function verdicts(findings: Finding[]): Array<[string, string]> {
  return findings.map((finding) => [finding.control, finding.status]);
}

describe('iamPolicies definitions', () => {
  it('declares four controls, all reading the authorization details', () => {
    expect(iamPoliciesArea.definitions.map((definition) => definition.id)).toEqual([
      'iamPolicies.userPolicies',
      'iamPolicies.fullAdminPolicies',
      'iamPolicies.supportRole',
      'iamPolicies.cloudShellFullAccess',
    ]);
    for (const definition of iamPoliciesArea.definitions)
      expect(definition.permissions).toContain('iam:GetAccountAuthorizationDetails');
  });
});

describe('a compliant account', () => {
  it('passes every control', () => {
    expect(verdicts(run(compliant()))).toEqual([
      ['iamPolicies.userPolicies', 'pass'],
      ['iamPolicies.fullAdminPolicies', 'pass'],
      ['iamPolicies.supportRole', 'pass'],
      ['iamPolicies.cloudShellFullAccess', 'pass'],
    ]);
  });
});

describe('breaking exactly one recommendation fails exactly that control', () => {
  const cases: Array<[string, (details: AuthorizationDetails) => void]> = [
    [
      'iamPolicies.userPolicies',
      (details) => details.users[0]!.attachedPolicies.push('arn:aws:iam::aws:policy/ReadOnlyAccess'),
    ],
    [
      'iamPolicies.fullAdminPolicies',
      (details) => details.roles[1]!.inlinePolicies.push({ name: 'all', document: ADMIN }),
    ],
    ['iamPolicies.supportRole', (details) => details.roles[0]!.attachedPolicies.splice(0)],
    ['iamPolicies.cloudShellFullAccess', (details) => details.groups[0]!.attachedPolicies.push(CLOUDSHELL)],
  ];
  it.each(cases)('%s', (control, breakIt) => {
    const details = compliant();
    breakIt(details);
    const failing = run(details).filter((finding) => finding.status !== 'pass');
    expect(failing.map((finding) => finding.control)).toEqual([control]);
  });
});

describe('iamPolicies.userPolicies', () => {
  it('fails each user with an attached or inline policy, naming them', () => {
    const details = compliant();
    details.users.push(principal('user', 'bob', { inlinePolicies: [{ name: 'mine', document: READ }] }));
    details.users.push(principal('user', 'carol', { attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }));
    const findings = run(details, { userPolicies: 'forbidden' });
    expect(findings.map((finding) => [finding.resource, finding.status, finding.actual])).toEqual([
      [`arn:aws:iam::${ACCOUNT_ID}:user/bob`, 'fail', 'inline mine'],
      [`arn:aws:iam::${ACCOUNT_ID}:user/carol`, 'fail', 'managed ReadOnlyAccess'],
    ]);
  });

  it('passes with no users at all', () => {
    expect(run({ users: [], groups: [], roles: [], policies: [] }, { userPolicies: 'forbidden' })[0]?.message).toBe(
      'No IAM user has attached or inline policies (0 users checked).',
    );
  });
});

describe('iamPolicies.fullAdminPolicies', () => {
  it('fails an attached customer-managed policy that allows * on *, and passes the same policy detached', () => {
    const details = compliant();
    details.policies[1]!.attachmentCount = 1;
    const findings = run(details, { fullAdminPolicies: 'forbidden' });
    expect(findings.map((finding) => [finding.resource, finding.status])).toEqual([
      [`arn:aws:iam::${ACCOUNT_ID}:policy/unused-admin`, 'fail'],
    ]);
    expect(findings[0]?.message).toBe(
      'The customer-managed policy unused-admin (attached 1 time) allows every action on every resource (statement 1).',
    );
  });

  it.each(['users', 'groups', 'roles'] as const)('fails an inline admin policy on %s', (list) => {
    const details = compliant();
    details[list][0]!.inlinePolicies.push({ name: 'god', document: ADMIN });
    const findings = run(details, { fullAdminPolicies: 'forbidden' });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.status).toBe('fail');
    expect(findings[0]?.message).toContain('inline policy god of');
  });

  it('reports error, never pass, for a document it cannot evaluate', () => {
    const details = compliant();
    details.roles[1]!.inlinePolicies.push({
      name: 'odd',
      document: { Statement: [{ Effect: 'Allow', Action: 7, Resource: '*' }] },
    });
    const findings = run(details, { fullAdminPolicies: 'forbidden' });
    expect(verdicts(findings)).toEqual([['iamPolicies.fullAdminPolicies', 'error']]);
  });
});

describe('iamPolicies.supportRole', () => {
  it('fails when AWSSupportAccess is attached only to a user or group, saying CIS asks for a role', () => {
    const details = compliant();
    details.roles[0]!.attachedPolicies = [];
    details.groups[0]!.attachedPolicies.push(SUPPORT);
    const [finding] = run(details, { supportRole: 'required' });
    expect(finding?.status).toBe('fail');
    expect(finding?.message).toContain('attached only to group readers');
  });

  it('builds the policy ARN from the caller partition, never a fixed aws', () => {
    const details = compliant();
    details.roles[0]!.attachedPolicies = ['arn:aws-cn:iam::aws:policy/AWSSupportAccess'];
    const identity = ok({ accountId: ACCOUNT_ID, arn: `arn:aws-cn:iam::${ACCOUNT_ID}:role/check` });
    expect(run(details, { supportRole: 'required' }, { identity })[0]?.status).toBe('pass');
    // The same attachment seen from the aws partition is another policy.
    expect(run(details, { supportRole: 'required' })[0]?.status).toBe('fail');
  });

  it('is an error when the identity could not be read', () => {
    expect(
      run(compliant(), { supportRole: 'required' }, { identity: denied('sts:GetCallerIdentity') })[0]?.status,
    ).toBe('error');
  });

  it('reads the partition of an ARN', () => {
    expect(partitionOf('arn:aws-us-gov:iam::1:role/x')).toBe('aws-us-gov');
    expect(partitionOf('not-an-arn')).toBeUndefined();
    expect(awsManagedPolicyArn('aws-cn', 'AWSSupportAccess')).toBe('arn:aws-cn:iam::aws:policy/AWSSupportAccess');
  });
});

describe('iamPolicies.cloudShellFullAccess', () => {
  it('fails each user, group and role holding it', () => {
    const details = compliant();
    details.users[0]!.attachedPolicies.push(CLOUDSHELL);
    details.roles[1]!.attachedPolicies.push(CLOUDSHELL);
    const findings = run(details, { cloudShellFullAccess: 'forbidden' });
    expect(findings.map((finding) => [finding.resource, finding.status])).toEqual([
      [`arn:aws:iam::${ACCOUNT_ID}:user/alice`, 'fail'],
      [`arn:aws:iam::${ACCOUNT_ID}:role/app`, 'fail'],
    ]);
  });
});

describe('unreadable authorization details', () => {
  it('reports error for every declared control when denied or not collected', () => {
    const deniedFindings = run(denied('iam:GetAccountAuthorizationDetails'));
    expect(deniedFindings.map((finding) => finding.status)).toEqual(['error', 'error', 'error', 'error']);
    expect(deniedFindings[0]?.message).toContain('iam:GetAccountAuthorizationDetails');
    expect(run(undefined, { userPolicies: 'forbidden' }).map((finding) => finding.status)).toEqual(['error']);
  });

  it('checks nothing when the section is absent', () => {
    expect(evaluateIamPolicies({ policy: policy({}), state: state(), now: NOW })).toEqual([]);
  });
});
