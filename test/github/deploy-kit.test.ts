/** The setup kit: the OIDC role templates trust one repository only and grant exactly the read-only policy. */
import { existsSync, readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

interface Statement {
  Effect: string;
  Action: string | string[];
  Condition?: Record<string, Record<string, string>>;
}

/** CloudFormation's short tags (!Ref, !Sub ...) are left unresolved: their plain values are enough here. */
function template(): { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> } {
  const document = parseDocument(readFileSync('deploy/oidc-role.yaml', 'utf8'), { logLevel: 'silent' });
  expect(document.errors).toEqual([]);
  return document.toJS() as ReturnType<typeof template>;
}

/** The actions DESIGN.md lists; policies/iam/read-only.json is the source of truth once it exists. */
const DESIGN_ACTIONS = [
  'sts:GetCallerIdentity', 'iam:GetAccountPasswordPolicy', 'iam:GetAccountSummary', 'iam:ListVirtualMFADevices',
  'iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'iam:ListOrganizationsFeatures',
  'account:GetAlternateContact', 'account:GetContactInformation',
];

function readOnlyActions(): string[] {
  if (!existsSync('policies/iam/read-only.json')) return DESIGN_ACTIONS;
  const policy = JSON.parse(readFileSync('policies/iam/read-only.json', 'utf8')) as { Statement: Statement[] };
  return policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe('deploy/oidc-role.yaml', () => {
  const resources = template().Resources;
  const role = resources['BaselineRole']?.Properties as {
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies: { PolicyDocument: { Statement: Statement[] } }[];
  };

  it('trusts only the given repository, with the sts.amazonaws.com audience', () => {
    const [trust, ...others] = role.AssumeRolePolicyDocument.Statement;
    expect(others).toEqual([]);
    expect(trust?.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust?.Condition?.['StringEquals']).toEqual({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' });
    expect(trust?.Condition?.['StringLike']).toEqual({ 'token.actions.githubusercontent.com:sub': 'repo:${GitHubRepository}:${SubjectFilter}' });
  });

  it('grants exactly the read-only policy', () => {
    const statements = role.Policies.flatMap((policy) => policy.PolicyDocument.Statement);
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(statements.every((s) => s.Effect === 'Allow')).toBe(true);
    expect([...actions].sort()).toEqual([...readOnlyActions()].sort());
  });

  it('makes the OIDC provider optional', () => {
    expect(resources['GitHubOidcProvider']).toMatchObject({ Type: 'AWS::IAM::OIDCProvider', Condition: 'CreateProvider' });
  });
});

describe('deploy/terraform/main.tf', () => {
  const main = readFileSync('deploy/terraform/main.tf', 'utf8');

  it('uses the shipped read-only policy file and the same trust conditions', () => {
    expect(main).toContain('default     = "../../policies/iam/read-only.json"');
    expect(main).toMatch(/variable = "token\.actions\.githubusercontent\.com:aud"\s+values\s+= \["sts\.amazonaws\.com"\]/);
    expect(main).toMatch(/test\s+= "StringLike"\s+variable = "token\.actions\.githubusercontent\.com:sub"\s+values\s+= \["repo:\$\{var\.github_repository\}:\$\{var\.subject_filter\}"\]/);
    expect(main).toContain('count          = var.create_oidc_provider ? 1 : 0');
  });
});
