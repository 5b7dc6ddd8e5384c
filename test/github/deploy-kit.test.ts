/**
 * The setup kit: the OIDC role templates trust one repository only and grant exactly the shipped policies
 * (read-only, plus the organization hub policy when asked for, plus an apply role trusted for one environment
 * only); the CloudFormation templates parse with CloudFormation's short tags and every reference in them
 * resolves; the Terraform folder parses with HashiCorp's HCL parser, every reference in it resolves, and it
 * reads only files of its own folder. Every inline or copied policy equals its policies/iam/*.json.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseDocument, type Tags } from 'yaml';
import { DEFAULT_MEMBER_ROLE_NAME } from '../../src/state/member-access.js';

interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
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
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'Equals',
  'FindInMap',
  'GetAZs',
  'If',
  'ImportValue',
  'Join',
  'Not',
  'And',
  'Or',
  'Select',
  'Split',
  'Sub',
];

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

const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

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
        for (const match of text.matchAll(/\$\{([^!}][^}]*)\}/g))
          found.names.push((match[1] ?? '').split('.')[0] ?? '');
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
  expect(
    [...used.conditions, ...inConditions.conditions].filter((name) => !Object.keys(Conditions ?? {}).includes(name)),
  ).toEqual([]);
}

const actionsOf = (statements: readonly Statement[]): string[] =>
  statements
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .sort();

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const readOnlyPolicy = readJson<PolicyDocument>('policies/iam/read-only.json');
const hubPolicy = readJson<PolicyDocument>('policies/iam/hub.json');
const applyPolicy = readJson<PolicyDocument>('policies/iam/apply.json');
const HUB_MEMBER_ARN = `arn:aws:iam::*:role/${DEFAULT_MEMBER_ROLE_NAME}`;
/** Where an inline copy differs from policies/iam/*.json, this says what to do. */
const COPY_HINT = 'inline copy of the policies/iam file: paste the file content into the template';

interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: PolicyDocument;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(folder, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(folder, entry.name)]
        : [],
  );
}

/** The Organizations operations the code calls: its `XCommand` and `paginateX` imports from the client. */
function organizationsOperationsCalled(): string[] {
  const operations = new Set<string>();
  for (const file of sourceFiles('src')) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-organizations'/g,
    )) {
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
  const [readOnly, hub, ...others] = role.Policies as [
    { PolicyName: string; PolicyDocument: PolicyDocument },
    unknown,
    ...unknown[],
  ];

  it('parses with CloudFormation tags, and every Ref, Sub and condition resolves', () => {
    expectReferencesResolve(template);
  });

  it('trusts only the given repository, with the sts.amazonaws.com audience', () => {
    const [trust, ...otherStatements] = role.AssumeRolePolicyDocument.Statement;
    expect(otherStatements).toEqual([]);
    expect(trust?.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(trust?.Condition?.['StringEquals']).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
    });
    expect(trust?.Condition?.['StringLike']).toEqual({
      'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${GitHubRepository}:${SubjectFilter}' },
    });
  });

  it('grants exactly the read-only policy, and the hub policy only as an option', () => {
    expect(others).toEqual([]);
    expect([COPY_HINT, readOnly.PolicyDocument]).toEqual([COPY_HINT, readOnlyPolicy]);
  });

  it('attaches policies/iam/hub.json when OrganizationHub is true, for the MemberRoleName in the stack partition', () => {
    const expected: PolicyDocument = {
      ...hubPolicy,
      Statement: hubPolicy.Statement.map((s) =>
        s.Resource === HUB_MEMBER_ARN
          ? { ...s, Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::*:role/${MemberRoleName}' } }
          : s,
      ),
    };
    expect(hub).toEqual({
      'Fn::If': [
        'IsOrganizationHub',
        { PolicyName: 'aws-account-baseline-hub', PolicyDocument: expected },
        { Ref: 'AWS::NoValue' },
      ],
    });
    expect(template.Conditions?.['IsOrganizationHub']).toEqual({ 'Fn::Equals': [{ Ref: 'OrganizationHub' }, 'true'] });
  });

  it('is off by default, with the action default member role name', () => {
    expect(template.Parameters['OrganizationHub']).toMatchObject({
      Default: 'false',
      AllowedValues: ['true', 'false'],
    });
    expect(template.Parameters['MemberRoleName']?.Default).toBe(DEFAULT_MEMBER_ROLE_NAME);
  });

  it.each([
    [DEFAULT_MEMBER_ROLE_NAME, true],
    ['audit/baseline-read-only', true],
    ['has space', false],
    ['', false],
  ])('MemberRoleName pattern: %j accepted = %s', (name, accepted) => {
    // CloudFormation matches the whole value against AllowedPattern.
    expect(new RegExp(`^(?:${template.Parameters['MemberRoleName']?.AllowedPattern ?? ''})$`).test(name)).toBe(
      accepted,
    );
  });

  it('allows sessions of an hour (the organization default of role-duration-seconds)', () => {
    expect(role.MaxSessionDuration).toEqual({ Ref: 'MaxSessionDurationSeconds' });
    expect(template.Parameters['MaxSessionDurationSeconds']?.Default).toBe(3600);
  });

  it('makes the OIDC provider optional', () => {
    expect(template.Resources['GitHubOidcProvider']).toMatchObject({
      Type: 'AWS::IAM::OIDCProvider',
      Condition: 'CreateProvider',
    });
  });

  it.each([
    ['octo-org/aws-baseline', true],
    ['octo-org@123456/aws-baseline@456789', true],
    ['octo-org/*', false],
    ['octo-org@x/aws-baseline', false],
  ])('GitHubRepository pattern (names and immutable subjects): %j accepted = %s', (name, accepted) => {
    expect(new RegExp(`^(?:${template.Parameters['GitHubRepository']?.AllowedPattern ?? ''})$`).test(name)).toBe(
      accepted,
    );
  });

  describe('the apply role', () => {
    const apply = template.Resources['ApplyRole'] as {
      Type: string;
      Condition?: string;
      Properties: Record<string, unknown>;
    };
    const applyTrust = (apply.Properties['AssumeRolePolicyDocument'] as { Statement: Statement[] }).Statement;

    it('is created only when ApplyEnvironment is set (off by default)', () => {
      expect(apply).toMatchObject({ Type: 'AWS::IAM::Role', Condition: 'CreateApplyRole' });
      expect(template.Conditions?.['CreateApplyRole']).toEqual({
        'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ApplyEnvironment' }, ''] }],
      });
      expect(template.Parameters['ApplyEnvironment']).toMatchObject({ Default: '' });
      expect(template.Outputs?.['ApplyRoleArn']).toEqual({
        Condition: 'CreateApplyRole',
        Description: expect.any(String),
        Value: { 'Fn::GetAtt': ['ApplyRole', 'Arn'] },
      });
    });

    it('trusts exactly one environment of the repository, with no wildcard match', () => {
      expect(applyTrust).toEqual([
        {
          Effect: 'Allow',
          Principal: expect.anything(),
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
              'token.actions.githubusercontent.com:sub': {
                'Fn::Sub': 'repo:${GitHubRepository}:environment:${ApplyEnvironment}',
              },
            },
          },
        },
      ]);
      const pattern = new RegExp(`^(?:${template.Parameters['ApplyEnvironment']?.AllowedPattern ?? ''})$`);
      expect(['', 'aws-baseline-apply', 'Production 2'].every((name) => pattern.test(name))).toBe(true);
      expect(['prod*', 'p?', 'x'.repeat(256)].some((name) => pattern.test(name))).toBe(false);
    });

    it('reuses the one OIDC provider of the stack (or the existing one)', () => {
      const providers = Object.values(template.Resources).filter(
        (resource) => resource.Type === 'AWS::IAM::OIDCProvider',
      );
      expect(providers).toHaveLength(1);
      expect(applyTrust[0]?.Principal).toEqual(role.AssumeRolePolicyDocument.Statement[0]?.Principal);
    });

    it('grants policies/iam/apply.json, with read-only.json for the checks around the writes', () => {
      const policies = apply.Properties['Policies'] as InlinePolicy[];
      expect(policies.map((policy) => policy.PolicyName)).toEqual([
        'aws-account-baseline-read-only',
        'aws-account-baseline-apply',
      ]);
      expect([COPY_HINT, policies.map((policy) => policy.PolicyDocument)]).toEqual([
        COPY_HINT,
        [readOnlyPolicy, applyPolicy],
      ]);
    });
  });
});

describe('deploy/member-role-stackset.yaml', () => {
  const template = loadTemplate('deploy/member-role-stackset.yaml');

  it('parses with CloudFormation tags, and every Ref, Sub and condition resolves', () => {
    expectReferencesResolve(template);
  });

  it('grants exactly the read-only policy', () => {
    const policies = template.Resources['MemberRole']?.Properties['Policies'] as InlinePolicy[];
    expect([COPY_HINT, policies.map((policy) => policy.PolicyDocument)]).toEqual([COPY_HINT, [readOnlyPolicy]]);
  });

  it('names the role as the hub policy and the action expect by default', () => {
    expect(template.Parameters['RoleName']?.Default).toBe(DEFAULT_MEMBER_ROLE_NAME);
  });
});

/** HashiCorp's HCL parser (Go, compiled to wasm): CommonJS, loaded untyped so its DOM typings stay out. */
const { parse: parseHcl } = createRequire(resolve('package.json'))('@cdktf/hcl2json') as {
  parse: (filename: string, contents: string) => Promise<TerraformJson>;
};

/** The JSON form of a Terraform file: block type -> (type ->) name -> list of bodies. */
interface TerraformJson {
  variable: Record<string, Record<string, unknown>[]>;
  locals: Record<string, unknown>[];
  data: Record<string, Record<string, Record<string, unknown>[]>>;
  resource: Record<string, Record<string, Record<string, unknown>[]>>;
  output: Record<string, Record<string, unknown>[]>;
}

/** Every string of a parsed body, where the expressions (`${...}`) are. */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

/** What the module's expressions name: variables, locals, data sources, resources and files it reads. */
function terraformReferences(module: TerraformJson) {
  const text = strings(module).join('\n');
  const names = (pattern: RegExp) =>
    [...new Set([...text.matchAll(pattern)].map((match) => match.slice(1).join('.')))].sort();
  return {
    variables: names(/\bvar\.(\w+)/g),
    locals: names(/\blocal\.(\w+)/g),
    data: names(/\bdata\.(\w+)\.(\w+)/g),
    resources: names(/(?<![\w.])(aws_\w+)\.(\w+)/g),
    files: names(/\bfile\("\$\{path\.module\}\/([^"]+)"\)/g),
  };
}

describe('deploy/terraform', () => {
  const folder = 'deploy/terraform';
  const main = readFileSync(join(folder, 'main.tf'), 'utf8');
  let module: TerraformJson;
  beforeAll(async () => {
    module = await parseHcl('main.tf', main);
  });
  const only = <T>(bodies: T[] | undefined): T => {
    expect(bodies).toHaveLength(1);
    return (bodies ?? [])[0] as T;
  };
  const resource = (type: string, name: string) => only(module.resource[type]?.[name]);
  const policyDocument = (name: string) =>
    only(module.data['aws_iam_policy_document']?.[name]) as { statement: Record<string, unknown>[] };

  it('parses, and every variable, local, data source and resource it refers to is declared', () => {
    const used = terraformReferences(module);
    const declared = (blocks: Record<string, Record<string, unknown>>) =>
      Object.entries(blocks).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`));
    // Not vacuous: the module uses each kind.
    expect(Object.values(used).every((names) => names.length > 0)).toBe(true);
    expect(used.variables.filter((name) => !(name in module.variable))).toEqual([]);
    expect(used.locals.filter((name) => !module.locals.some((block) => name in block))).toEqual([]);
    expect(used.data.filter((name) => !declared(module.data).includes(name))).toEqual([]);
    expect(used.resources.filter((name) => !declared(module.resource).includes(name))).toEqual([]);
  });

  it('is self-contained: it reads only files of its own folder', () => {
    expect(main).not.toMatch(/\.\.\//);
    const files = terraformReferences(module).files;
    expect(files).toEqual(['policies/apply.json', 'policies/hub.json', 'policies/read-only.json']);
    expect(files.filter((file) => !existsSync(join(folder, file)))).toEqual([]);
  });

  it('keeps its copies of the policies equal to policies/iam/*.json (copy them over when these change)', () => {
    expect(readdirSync(join(folder, 'policies')).sort()).toEqual(readdirSync('policies/iam').sort());
    for (const name of readdirSync('policies/iam')) {
      expect([name, readFileSync(join(folder, 'policies', name), 'utf8')]).toEqual([
        name,
        readFileSync(join('policies/iam', name), 'utf8'),
      ]);
    }
  });

  it('uses the shipped read-only policy and the same trust conditions', () => {
    expect(resource('aws_iam_role_policy', 'read_only')['policy']).toBe(
      '${file("${path.module}/policies/read-only.json")}',
    );
    expect(policyDocument('trust').statement[0]?.['condition']).toEqual([
      { test: 'StringEquals', variable: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] },
      {
        test: 'StringLike',
        variable: 'token.actions.githubusercontent.com:sub',
        values: ['repo:${var.github_repository}:${var.subject_filter}'],
      },
    ]);
    expect(resource('aws_iam_openid_connect_provider', 'github')['count']).toBe('${var.create_oidc_provider ? 1 : 0}');
  });

  it('attaches the shipped hub policy only with organization_hub, rewritten for member_role_name and the partition', () => {
    expect(only(module.variable['organization_hub'])).toMatchObject({ type: '${bool}', default: false });
    const hub = resource('aws_iam_role_policy', 'hub');
    expect(hub['count']).toBe('${var.organization_hub ? 1 : 0}');
    // The text replaced must be the member role ARN hub.json really has, or the replace silently does nothing.
    expect(hub['policy']).toBe(
      `\${replace(\n    file("\${path.module}/policies/hub.json"),\n    "${HUB_MEMBER_ARN}",\n    "arn:\${data.aws_partition.current.partition}:iam::*:role/\${var.member_role_name}",\n  )}`,
    );
    expect(only(module.variable['member_role_name'])['default']).toBe(DEFAULT_MEMBER_ROLE_NAME);
  });

  it('allows sessions of an hour', () => {
    expect(resource('aws_iam_role', 'baseline')['max_session_duration']).toBe('${var.max_session_duration}');
    expect(only(module.variable['max_session_duration'])['default']).toBe(3600);
  });

  describe('the apply role', () => {
    const whenApplyEnvironment = '${var.apply_environment == "" ? 0 : 1}';

    it('is created only when apply_environment is set (off by default)', () => {
      expect(only(module.variable['apply_environment'])['default']).toBe('');
      expect(resource('aws_iam_role', 'apply')['count']).toBe(whenApplyEnvironment);
      expect(only(module.output['apply_role_arn'])['value']).toBe('${one(aws_iam_role.apply[*].arn)}');
    });

    it('trusts exactly one environment of the repository, through the one OIDC provider', () => {
      expect(resource('aws_iam_role', 'apply')['assume_role_policy']).toBe(
        '${data.aws_iam_policy_document.apply_trust.json}',
      );
      expect(Object.keys(module.resource['aws_iam_openid_connect_provider'] ?? {})).toEqual(['github']);
      expect(policyDocument('apply_trust').statement).toEqual([
        {
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: ['${local.oidc_provider_arn}'] }],
          condition: [
            {
              test: 'StringEquals',
              variable: 'token.actions.githubusercontent.com:aud',
              values: ['sts.amazonaws.com'],
            },
            {
              test: 'StringEquals',
              variable: 'token.actions.githubusercontent.com:sub',
              values: ['repo:${var.github_repository}:environment:${var.apply_environment}'],
            },
          ],
        },
      ]);
    });

    it('grants policies/iam/apply.json, with read-only.json for the checks around the writes', () => {
      const attached = Object.values(module.resource['aws_iam_role_policy'] ?? {})
        .map((bodies) => only(bodies))
        .filter((policy) => policy['role'] === '${aws_iam_role.apply[0].id}');
      expect(attached.map((policy) => [policy['policy'], policy['count']])).toEqual([
        ['${file("${path.module}/policies/apply.json")}', whenApplyEnvironment],
        ['${file("${path.module}/policies/read-only.json")}', whenApplyEnvironment],
      ]);
    });
  });
});
