/**
 * iam:GetAccountAuthorizationDetails pages into AuthorizationDetails. IAM returns policy documents URL-encoded
 * (RFC 3986) JSON strings: each is decoded, then parsed. A document that does not decode or parse, or an entry
 * without its name or ARN, makes the whole answer malformed (an error), never a silently shorter list.
 */
import type { AttachedPolicy, GetAccountAuthorizationDetailsCommandOutput, PolicyDetail } from '@aws-sdk/client-iam';
import type { AuthorizationDetails, IamPrincipal, InlinePolicy } from './types.js';
import { malformed as malformedAnswer } from './answers.js';

const ACTION = 'iam:GetAccountAuthorizationDetails';

function malformed(what: string): Error {
  return malformedAnswer(ACTION, `with ${what}`);
}

/** URL-decodes, then parses, one policy document. `where` names it in the error. */
export function decodePolicyDocument(encoded: string | undefined, where: string): unknown {
  if (encoded === undefined || encoded === '') throw malformed(`no policy document for ${where}`);
  let text: string;
  try {
    text = decodeURIComponent(encoded);
  } catch {
    throw malformed(`a policy document for ${where} that is not URL-encoded`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed(`a policy document for ${where} that is not JSON`);
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw malformed(`an entry without ${what}`);
  return value;
}

function attached(list: AttachedPolicy[] | undefined, owner: string): string[] {
  return (list ?? []).map((policy) => required(policy.PolicyArn, `the PolicyArn of a policy attached to ${owner}`));
}

function inline(list: PolicyDetail[] | undefined, owner: string): InlinePolicy[] {
  return (list ?? []).map((policy) => {
    const name = required(policy.PolicyName, `the name of an inline policy of ${owner}`);
    return { name, document: decodePolicyDocument(policy.PolicyDocument, `inline policy ${name} of ${owner}`) };
  });
}

interface Principal {
  name: string | undefined;
  arn: string | undefined;
  attached: AttachedPolicy[] | undefined;
  inline: PolicyDetail[] | undefined;
}

function principal(kind: string, entry: Principal): IamPrincipal {
  const name = required(entry.name, `a ${kind} name`);
  const arn = required(entry.arn, `the ARN of ${kind} ${name}`);
  const owner = `${kind} ${name}`;
  return { name, arn, attachedPolicies: attached(entry.attached, owner), inlinePolicies: inline(entry.inline, owner) };
}

/** Adds one page to `details` (mutates it: pages accumulate). */
export function appendAuthorizationPage(
  details: AuthorizationDetails,
  page: Pick<
    GetAccountAuthorizationDetailsCommandOutput,
    'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'
  >,
): void {
  for (const user of page.UserDetailList ?? []) {
    details.users.push(
      principal('user', {
        name: user.UserName,
        arn: user.Arn,
        attached: user.AttachedManagedPolicies,
        inline: user.UserPolicyList,
      }),
    );
  }
  for (const group of page.GroupDetailList ?? []) {
    details.groups.push(
      principal('group', {
        name: group.GroupName,
        arn: group.Arn,
        attached: group.AttachedManagedPolicies,
        inline: group.GroupPolicyList,
      }),
    );
  }
  for (const role of page.RoleDetailList ?? []) {
    details.roles.push(
      principal('role', {
        name: role.RoleName,
        arn: role.Arn,
        attached: role.AttachedManagedPolicies,
        inline: role.RolePolicyList,
      }),
    );
  }
  for (const policy of page.Policies ?? []) {
    const name = required(policy.PolicyName, 'a policy name');
    const arn = required(policy.Arn, `the ARN of policy ${name}`);
    const versions = policy.PolicyVersionList ?? [];
    const current =
      versions.find((version) => version.IsDefaultVersion) ??
      versions.find((version) => version.VersionId === policy.DefaultVersionId);
    if (!current) throw malformed(`no default version for policy ${name}`);
    details.policies.push({
      name,
      arn,
      attachmentCount: policy.AttachmentCount ?? 0,
      document: decodePolicyDocument(current.Document, `policy ${name}`),
    });
  }
}
