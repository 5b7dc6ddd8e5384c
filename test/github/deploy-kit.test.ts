/**
 * The setup kit: the OIDC role templates trust one repository only and grant exactly the shipped policies
 * (read-only, plus the organization hub policy when asked for); the CloudFormation templates parse with
 * CloudFormation's short tags and every reference in them resolves.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type Tags } from 'yaml';
import { DEFAULT_MEMBER_ROLE_NAME } from '../../src/org/member-access.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
interface PolicyDocument {
  Version: string;
  Statement: Statement[];
}
interface Template {
  Parameters: Record<string, { Type: string; Default?: unknown; AllowedValues?: string[]; AllowedPattern?: string }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}

/** `!Ref X` -> `{Ref: X}`, `!GetAtt A.B` -> `{'Fn::GetAtt': [A, B]}`, `!If [...]` -> `{'Fn::If': [...]}`, ... */
const FUNCTIONS = ['Base64', 'Cidr', 'Equals', 'FindInMap', 'GetAZs', 'If', 'ImportValue', 'Join', 'Not', 'And', 'Or', 'Select', 'Split', 'Sub'];

function intrinsic(name: string, value: unknown): unknown {
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && typeof value === 'string') return { 'Fn::GetAtt': value.split('.') };
  return { [`Fn::${name}`]: value };
}

const CLOUDFORMATION_TAGS: Tags = ['Ref', 'Condition', 'GetAtt', ...FUNCTIONS].flatMap((name): Tags => [
  { tag: `!${name}`, resolve: (value: string) => intrinsic(name, value) },
  { tag: `!${name}`, collection: 'seq', resolve: (seq) => intrinsic(name, seq.toJSON()) },
  { tag: `!${name}`, collection: 'map', resolve: (map) => intrinsic(name, map.toJSON()) },
]);

function loadTemplate(path: string): Template {
  const document = parseDocument(readFileSync(path, 'utf8'), { customTags: CLOUDFORMATION_TAGS });
  expect([...document.errors, ...document.warnings].map((problem) => problem.message)).toEqual([]);
  return document.toJS() as Template;
}

const PSEUDO_PARAMETERS = ['AWS::AccountId', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'];

/** Every name a template refers to: Ref, GetAtt, ${...} in Sub, conditions of If/Condition and of resources. */
function references(node: unknown, found: { names: string[]; conditions: string[] } = { names: [], conditions: [] }) {
  if (Array.isArray(node)) {
    for (const item of node) references(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string') found.names.push(value);
      if (key === 'Fn::GetAtt' && Array.isArray(value)) found.names.push(String(value[0]));
      if (key === 'Fn::If' && Array.isArray(value)) found.conditions.push(String(value[0]));
      if (key === 'Condition' && typeof value === 'string') found.conditions.push(value);
      if (key === 'Fn::Sub') {
        const text = Array.isArray(value) ? String(value[0]) : String(value);
        for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g)) found.names.push((match[1] ?? '').split('.')[0] ?? '');
      }
      references(value, found);
    }
  }
  return found;
}

function expectReferencesResolve(template: Template): void {
  const { Conditions, ...rest } = template;
  const declared = [...Object.keys(template.Parameters), ...Object.keys(template.Resources), ...PSEUDO_PARAMETERS];
  const used = references(rest);
  const inConditions = references(Conditions ?? {});
  // Not vacuous: both templates use Ref, Sub and conditions.
  expect(used.names.length * inConditions.names.length * used.conditions.length).toBeGreaterThan(0);
  expect([...used.names, ...inConditions.names].filter((name) => !declared.includes(name))).toEqual([]);
  expect([...used.conditions, ...inConditions.conditions].filter((name) => !Object.keys(Conditions ?? {}).includes(name))).toEqual([]);
}

const actionsOf = (statements: readonly Statement[]): string[] =>
  statements.filter((s) => s.Effect === 'Allow').flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const readOnlyPolicy = readJson<PolicyDocument>('policies/iam/read-only.json');
const hubPolicy = readJson<PolicyDocument>('policies/iam/hub.json');
const HUB_MEMBER_ARN = `arn:aws:iam::*:role/${DEFAULT_MEMBER_ROLE_NAME}`;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

/** The Organizations operations the code calls: its `XCommand` and `paginateX` imports from the client. */
function organizationsOperationsCalled(): string[] {
  const operations = new Set<string>();
  for (const file of sourceFiles('src')) {
    for (const match of readFileSync(file, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-organizations'/g)) {
      for (const name of (match[1] ?? '').split(',').map((part) => part.trim())) {
        const operation = /^(?:paginate(\w+)|(\w+)Command)$/.exec(name);
        if (operation) operations.add(`organizations:${operation[1] ?? operation[2] ?? ''}`);
      }
    }
  }
  return [...operations].sort();
}

describe('policies/iam/hub.json', () => {
  it('grants exactly the Organizations operations the code calls, and sts:AssumeRole', () => {
    const called = organizationsOperationsCalled();
    expect(called).toContain('organizations:ListAccounts');
    expect(actionsOf(hubPolicy.Statement)).toEqual([...called, 'sts:AssumeRole'].sort());
  });

  it('lets the hub assume only the member role, in any account', () => {
    const assume = hubPolicy.Statement.filter((s) => actionsOf([s]).includes('sts:AssumeRole'));
    expect(assume).toEqual([expect.objectContaining({ Action: 'sts:AssumeRole', Resource: HUB_MEMBER_ARN })]);
  });
});

describe('deploy/oidc-role.yaml', () => {
  const template = loadTemplate('deploy/oidc-role.yaml');
  const role = template.Resources['BaselineRole']?.Properties as {
    MaxSessionDuration: unknown;
    AssumeRolePolicyDocument: { Statement: Statement[] };
    Policies: unknown[];
  };
  const [readOnly, hub, ...others] = role.Policies as [{ PolicyName: string; PolicyDocument: PolicyDocument }, unknown, ...unknown[]];

  it('parses with CloudFormation tags, and every Ref, Sub and condition resolves', () => {
    expectReferencesResolve(template);
  });

  it('trusts only the given repository, with the sts.amazonaws.com audience', () => {
    const [trust, ...otherStatements] = role.AssumeRolePolicyDocument.Statement;
    expect(otherStatements).toEqual([]);
    expect(trust?.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust?.Condition?.['StringEquals']).toEqual({ 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' });
    expect(trust?.Condition?.['StringLike']).toEqual({ 'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${GitHubRepository}:${SubjectFilter}' } });
  });

  it('grants exactly the read-only policy, and the hub policy only as an option', () => {
    expect(others).toEqual([]);
    expect(readOnly.PolicyDocument.Statement.every((s) => s.Effect === 'Allow')).toBe(true);
    expect(actionsOf(readOnly.PolicyDocument.Statement)).toEqual(actionsOf(readOnlyPolicy.Statement));
  });

  it('attaches policies/iam/hub.json when OrganizationHub is true, for the MemberRoleName in the stack partition', () => {
    const expected: PolicyDocument = {
      ...hubPolicy,
      Statement: hubPolicy.Statement.map((s) =>
        s.Resource === HUB_MEMBER_ARN ? { ...s, Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/${MemberRoleName}' } } : s,
      ),
    };
    expect(hub).toEqual({ 'Fn::If': ['IsOrganizationHub', { PolicyName: 'aws-account-baseline-hub', PolicyDocument: expected }, { Ref: 'AWS::NoValue' }] });
    expect(template.Conditions?.['IsOrganizationHub']).toEqual({ 'Fn::Equals': [{ Ref: 'OrganizationHub' }, 'true'] });
  });

  it('is off by default, with the action default member role name', () => {
    expect(template.Parameters['OrganizationHub']).toMatchObject({ Default: 'false', AllowedValues: ['true', 'false'] });
    expect(template.Parameters['MemberRoleName']?.Default).toBe(DEFAULT_MEMBER_ROLE_NAME);
  });

  it.each([
    [DEFAULT_MEMBER_ROLE_NAME, true],
    ['audit/baseline-read-only', true],
    ['has space', false],
    ['', false],
  ])('MemberRoleName pattern: %j accepted = %s', (name, accepted) => {
    // CloudFormation matches the whole value against AllowedPattern.
    expect(new RegExp(`^(?:${template.Parameters['MemberRoleName']?.AllowedPattern ?? ''})$`).test(name)).toBe(accepted);
  });

  it('allows sessions of an hour (the organization default of role-duration-seconds)', () => {
    expect(role.MaxSessionDuration).toEqual({ Ref: 'MaxSessionDurationSeconds' });
    expect(template.Parameters['MaxSessionDurationSeconds']?.Default).toBe(3600);
  });

  it('makes the OIDC provider optional', () => {
    expect(template.Resources['GitHubOidcProvider']).toMatchObject({ Type: 'AWS::IAM::OIDCProvider', Condition: 'CreateProvider' });
  });
});

describe('deploy/member-role-stackset.yaml', () => {
  const template = loadTemplate('deploy/member-role-stackset.yaml');

  it('parses with CloudFormation tags, and every Ref, Sub and condition resolves', () => {
    expectReferencesResolve(template);
  });

  it('grants exactly the read-only policy', () => {
    const policies = template.Resources['MemberRole']?.Properties['Policies'] as { PolicyDocument: PolicyDocument }[];
    expect(actionsOf(policies.flatMap((policy) => policy.PolicyDocument.Statement))).toEqual(actionsOf(readOnlyPolicy.Statement));
  });

  it('names the role as the hub policy and the action expect by default', () => {
    expect(template.Parameters['RoleName']?.Default).toBe(DEFAULT_MEMBER_ROLE_NAME);
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

  it('attaches the shipped hub policy only with organization_hub, rewritten for member_role_name and the partition', () => {
    expect(main).toMatch(/variable "organization_hub" \{[^}]*type\s+= bool\s+default\s+= false/);
    expect(main).toContain('default     = "../../policies/iam/hub.json"');
    const hub = /resource "aws_iam_role_policy" "hub" \{([\s\S]*?)\n\}/.exec(main)?.[1] ?? '';
    expect(hub).toContain('count = var.organization_hub ? 1 : 0');
    expect(hub).toContain('file("${path.module}/${var.hub_policy_file}")');
    // The text replaced must be the member role ARN hub.json really has, or the replace silently does nothing.
    expect(hub).toContain(`"${HUB_MEMBER_ARN}",\n    "arn:\${data.aws_partition.current.partition}:iam::*:role/\${var.member_role_name}",`);
    expect(main).toMatch(/variable "member_role_name" \{[^}]*default\s+= "aws-account-baseline-read-only"/);
  });

  it('allows sessions of an hour', () => {
    expect(main).toContain('max_session_duration = var.max_session_duration');
    expect(main).toMatch(/variable "max_session_duration" \{[^}]*default\s+= 3600/);
  });
});
