/**
 * Who holds which IAM policies (CIS v5 1.14, 1.15, 1.16, 1.21), from iam:GetAccountAuthorizationDetails: one
 * paginated read of every user, group, role and customer-managed policy with its documents.
 */
import type { Finding } from '../findings.js';
import type { IamPoliciesExpectation } from '../policy/types.js';
import type { AuthorizationDetails, IamPrincipal } from '../state/types.js';
import { defineArea } from './area.js';
import {
  type ControlDefinition,
  type EvaluationContext,
  defineControls,
  makeFinding,
  unreadableFinding,
} from './control.js';
import { fullAdminVerdict } from './policy-document.js';
import { cis, securityHub } from './references.js';

type Key = keyof IamPoliciesExpectation;

const DEFINITIONS = defineControls<Key>('iamPolicies', {
  userPolicies: {
    title: 'IAM users receive permissions only through groups',
    severity: 'low',
    sources: ['authorizationDetails'],
    remediation:
      'IAM console > User groups: create a group with the permissions, add the user, then on the user > Permissions ' +
      'remove each directly attached or inline policy. CLI: aws iam add-user-to-group --group-name GROUP ' +
      '--user-name USER; aws iam detach-user-policy --user-name USER --policy-arn ARN; aws iam delete-user-policy ' +
      '--user-name USER --policy-name NAME.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
    references: [
      ...cis({ '3.0.0': '1.15', '4.0.1': '1.15', '5.0.0': '1.14', '6.0.0': '2.14', '7.0.0': '2.13' }),
      ...securityHub('IAM.2'),
    ],
    schema: { description: 'forbidden: no IAM user has attached managed or inline policies.', enum: ['forbidden'] },
  },
  fullAdminPolicies: {
    title: 'No attached customer-managed or inline policy allows "*" actions on "*" resources',
    severity: 'high',
    sources: ['authorizationDetails'],
    remediation:
      'IAM console > Policies (or the user, group or role > Permissions): replace the statement that allows "*" on ' +
      '"*" with the actions and resources needed, or detach the policy. CLI: aws iam create-policy-version ' +
      '--policy-arn ARN --policy-document file://least-privilege.json --set-as-default; aws iam detach-role-policy ' +
      '--role-name ROLE --policy-arn ARN; aws iam delete-role-policy --role-name ROLE --policy-name NAME.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    references: [
      ...cis({ '3.0.0': '1.16', '4.0.1': '1.16', '5.0.0': '1.15', '6.0.0': '2.15', '7.0.0': '2.14' }),
      // Security Hub relates IAM.1 to CIS v1.2.0 1.22 and v1.4.0 1.16 only, and checks customer-managed policies.
      ...securityHub('IAM.1'),
    ],
    schema: {
      description:
        'forbidden: no attached customer-managed policy and no inline policy grants full administrative rights.',
      enum: ['forbidden'],
    },
  },
  supportRole: {
    title: 'A role holds AWSSupportAccess to manage incidents with AWS Support',
    severity: 'low',
    sources: ['authorizationDetails', 'identity'],
    remediation:
      'IAM console > Roles > Create role: trust the account (or your identity provider) and attach AWSSupportAccess. ' +
      'CLI: aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json; ' +
      'aws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess.',
    docs: 'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
    references: [
      ...cis({ '3.0.0': '1.17', '4.0.1': '1.17', '5.0.0': '1.16', '6.0.0': '2.16', '7.0.0': '2.15' }),
      ...securityHub('IAM.18'),
    ],
    schema: { description: 'required: AWSSupportAccess is attached to at least one role.', enum: ['required'] },
  },
  cloudShellFullAccess: {
    title: 'AWSCloudShellFullAccess is attached to no user, group or role',
    severity: 'medium',
    sources: ['authorizationDetails', 'identity'],
    remediation:
      'IAM console > Policies > AWSCloudShellFullAccess > Entities attached: detach it from each; grant a narrower ' +
      'CloudShell policy if needed. CLI: aws iam detach-user-policy --user-name USER --policy-arn ' +
      'arn:aws:iam::aws:policy/AWSCloudShellFullAccess (detach-group-policy, detach-role-policy alike).',
    docs: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
    references: [
      ...cis({ '3.0.0': '1.22', '4.0.1': '1.22', '5.0.0': '1.21', '6.0.0': '2.21', '7.0.0': '2.20' }),
      ...securityHub('IAM.27'),
    ],
    schema: {
      description: 'forbidden: no user, group or role has AWSCloudShellFullAccess attached.',
      enum: ['forbidden'],
    },
  },
});

/** The partition of the caller's ARN (`aws`, `aws-cn`, `aws-us-gov`): AWS managed policy ARNs live in it. */
export function partitionOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts[0] === 'arn' && parts[1] ? parts[1] : undefined;
}

export function awsManagedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

interface Holder {
  kind: 'user' | 'group' | 'role';
  principal: IamPrincipal;
}

function holders(details: AuthorizationDetails): Holder[] {
  return [
    ...details.users.map((principal) => ({ kind: 'user' as const, principal })),
    ...details.groups.map((principal) => ({ kind: 'group' as const, principal })),
    ...details.roles.map((principal) => ({ kind: 'role' as const, principal })),
  ];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function userPolicies(
  context: EvaluationContext,
  definition: ControlDefinition,
  details: AuthorizationDetails,
): Finding[] {
  const expected = 'no policies attached to or embedded in IAM users';
  const findings = details.users.flatMap((user) => {
    const direct = [
      ...user.attachedPolicies.map((arn) => `managed ${arn.slice(arn.lastIndexOf('/') + 1)}`),
      ...user.inlinePolicies.map((policy) => `inline ${policy.name}`),
    ];
    if (direct.length === 0) return [];
    return [
      makeFinding(context.policy, definition, {
        status: 'fail',
        resource: user.arn,
        expected,
        actual: direct.join(', '),
        message:
          `IAM user ${user.name} has policies of its own (${direct.join(', ')}); ` +
          'grant permissions through groups.',
      }),
    ];
  });
  if (findings.length > 0) return findings;
  return [
    makeFinding(context.policy, definition, {
      status: 'pass',
      resource: 'iam-users',
      expected,
      actual: 'none',
      message: `No IAM user has attached or inline policies (${plural(details.users.length, 'user')} checked).`,
    }),
  ];
}

function fullAdminPolicies(
  context: EvaluationContext,
  definition: ControlDefinition,
  details: AuthorizationDetails,
): Finding[] {
  const expected = 'no attached customer-managed or inline policy allowing "*" on "*"';
  const documents = [
    ...details.policies
      .filter((policy) => policy.attachmentCount > 0)
      .map((policy) => ({
        resource: policy.arn,
        what: `customer-managed policy ${policy.name} (attached ${plural(policy.attachmentCount, 'time')})`,
        document: policy.document,
      })),
    ...holders(details).flatMap(({ kind, principal }) =>
      principal.inlinePolicies.map((policy) => ({
        resource: principal.arn,
        what: `inline policy ${policy.name} of ${kind} ${principal.name}`,
        document: policy.document,
      })),
    ),
  ];
  const findings: Finding[] = [];
  for (const { resource, what, document } of documents) {
    const verdict = fullAdminVerdict(document);
    if (verdict.verdict === 'admin') {
      findings.push(
        makeFinding(context.policy, definition, {
          status: 'fail',
          resource,
          expected,
          actual: `statement ${verdict.statement} allows "*" on "*"`,
          message: `The ${what} allows every action on every resource (statement ${verdict.statement}).`,
        }),
      );
    } else if (verdict.verdict === 'invalid') {
      findings.push(
        makeFinding(context.policy, definition, {
          status: 'error',
          resource,
          expected,
          actual: 'unreadable document',
          message: `Could not evaluate the ${what}: ${verdict.reason}.`,
        }),
      );
    }
  }
  if (findings.length > 0) return findings;
  return [
    makeFinding(context.policy, definition, {
      status: 'pass',
      resource: 'iam-policies',
      expected,
      actual: 'none',
      message:
        `No attached customer-managed or inline policy allows "*" on "*" ` +
        `(${plural(documents.length, 'document')} checked).`,
    }),
  ];
}

function managedPolicyArn(context: EvaluationContext, definition: ControlDefinition, name: string): string | Finding {
  const identity = context.state.identity;
  const partition = identity.ok ? partitionOf(identity.value.arn) : undefined;
  if (partition) return awsManagedPolicyArn(partition, name);
  return unreadableFinding(
    context.policy,
    definition,
    identity.ok
      ? {
          ok: false,
          error: {
            code: 'MalformedResponse',
            message: 'the caller ARN names no partition',
            action: 'sts:GetCallerIdentity',
          },
        }
      : identity,
    'the partition (from the caller identity)',
    name,
  );
}

function supportRole(
  context: EvaluationContext,
  definition: ControlDefinition,
  details: AuthorizationDetails,
): Finding[] {
  const arn = managedPolicyArn(context, definition, 'AWSSupportAccess');
  if (typeof arn !== 'string') return [arn];
  const expected = 'AWSSupportAccess attached to at least one role';
  const roles = details.roles.filter((role) => role.attachedPolicies.includes(arn));
  if (roles.length > 0) {
    return [
      makeFinding(context.policy, definition, {
        status: 'pass',
        resource: arn,
        expected,
        actual: `attached to ${roles.map((role) => `role ${role.name}`).join(', ')}`,
        message: `AWSSupportAccess is attached to ${roles.map((role) => `role ${role.name}`).join(', ')}.`,
      }),
    ];
  }
  const others = holders(details).filter(
    ({ kind, principal }) => kind !== 'role' && principal.attachedPolicies.includes(arn),
  );
  const elsewhere =
    others.length > 0
      ? ` It is attached only to ${others.map(({ kind, principal }) => `${kind} ${principal.name}`).join(', ')}; ` +
        `CIS asks for a role.`
      : '';
  return [
    makeFinding(context.policy, definition, {
      status: 'fail',
      resource: arn,
      expected,
      actual: others.length > 0 ? 'attached to no role' : 'not attached',
      message:
        `No role has AWSSupportAccess attached, so no one can assume a role to manage AWS Support ` +
        `cases.${elsewhere}`,
    }),
  ];
}

function cloudShellFullAccess(
  context: EvaluationContext,
  definition: ControlDefinition,
  details: AuthorizationDetails,
): Finding[] {
  const arn = managedPolicyArn(context, definition, 'AWSCloudShellFullAccess');
  if (typeof arn !== 'string') return [arn];
  const expected = 'AWSCloudShellFullAccess attached to no user, group or role';
  const found = holders(details).filter(({ principal }) => principal.attachedPolicies.includes(arn));
  if (found.length === 0) {
    return [
      makeFinding(context.policy, definition, {
        status: 'pass',
        resource: arn,
        expected,
        actual: 'not attached',
        message: 'AWSCloudShellFullAccess is attached to no user, group or role.',
      }),
    ];
  }
  return found.map(({ kind, principal }) =>
    makeFinding(context.policy, definition, {
      status: 'fail',
      resource: principal.arn,
      expected,
      actual: 'attached',
      message: `AWSCloudShellFullAccess is attached to ${kind} ${principal.name}.`,
    }),
  );
}

const EVALUATORS: Record<
  Key,
  (context: EvaluationContext, definition: ControlDefinition, details: AuthorizationDetails) => Finding[]
> = {
  userPolicies,
  fullAdminPolicies,
  supportRole,
  cloudShellFullAccess,
};

export function evaluateIamPolicies(context: EvaluationContext): Finding[] {
  const expectation = context.policy.iamPolicies;
  if (!expectation) return [];
  const keys = (Object.keys(EVALUATORS) as Key[]).filter((key) => expectation[key] !== undefined);
  const details = context.state.authorizationDetails;
  return keys.flatMap((key) => {
    const definition = DEFINITIONS[key];
    if (!details || !details.ok)
      return [unreadableFinding(context.policy, definition, details, 'the IAM authorization details', 'iam-policies')];
    return EVALUATORS[key](context, definition, details.value);
  });
}

export const iamPoliciesArea = defineArea({
  id: 'iamPolicies',
  title: 'IAM policies',
  description: 'Who holds which IAM policies (from iam:GetAccountAuthorizationDetails).',
  controls: DEFINITIONS,
  evaluate: evaluateIamPolicies,
});
