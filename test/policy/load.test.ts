import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { builtinBaselines } from '../../src/generated/assets.js';
import { MAX_POLICY_BYTES } from '../../src/policy/parse.js';
import { checkPolicyText, loadPolicy, policySchema, validatePolicyFile } from '../../src/policy/load.js';

const simple = 'test/fixtures/policies/valid/simple.yml';

describe('loadPolicy', () => {
  test('returns the sections, the file and a location for every key path and section', async () => {
    const policy = await loadPolicy(simple);
    expect(policy).toMatchObject({
      version: 1,
      file: simple,
      account: { id: '111122223333' },
      passwordPolicy: { minimumLength: 16, requireSymbols: true, maxAgeDays: 60 },
      severity: { 'passwordPolicy.minimumLength': 'high' },
    });
    expect(policy.locations['passwordPolicy']).toEqual({ file: simple, line: 5, column: 1 });
    expect(policy.locations['passwordPolicy.minimumLength']).toEqual({ file: simple, line: 6, column: 3 });
    expect(policy.locations['passwordPolicy.maxAgeDays']).toEqual({ file: simple, line: 8, column: 3 });
    expect(policy.locations['account.id']).toEqual({ file: simple, line: 4, column: 3 });
    expect(policy.locations['severity.passwordPolicy.minimumLength']).toEqual({ file: simple, line: 10, column: 3 });
  });

  test('a list item is located at its dash-free start and its keys at theirs', () => {
    const text = 'version: 1\nexceptions:\n  - control: root.mfa\n    reason: r\n    expires: 2027-01-01\n';
    const checked = checkPolicyText(text, 'p.yml');
    expect(checked.issues).toEqual([]);
    expect(checked.locations['exceptions.0']).toEqual({ file: 'p.yml', line: 3, column: 5 });
    expect(checked.locations['exceptions.0.expires']).toEqual({ file: 'p.yml', line: 5, column: 5 });
  });

  test('a missing file is one issue at 1:1, not a stack trace', async () => {
    await expect(validatePolicyFile('no/such/policy.yml')).resolves.toEqual([
      { file: 'no/such/policy.yml', line: 1, column: 1, message: 'cannot read the policy file: file not found' },
    ]);
  });

  test('a file over the size limit is refused before it is parsed', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'aab-policy-'));
    try {
      const file = join(folder, 'huge.yml');
      writeFileSync(file, `version: 1\n# ${'x'.repeat(MAX_POLICY_BYTES)}\n`);
      const issues = await validatePolicyFile(file);
      expect(issues).toEqual([
        {
          file,
          line: 1,
          column: 1,
          message: `file is too large (${MAX_POLICY_BYTES + 14} bytes; the limit is 1048576)`,
        },
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('the in-memory core applies the same size limit', () => {
    const checked = checkPolicyText(`version: 1\n#${'x'.repeat(MAX_POLICY_BYTES)}`, 'p.yml');
    expect(checked.issues[0]?.message).toMatch(/^file is too large/);
  });

  test('a billion-laughs document is refused at its first alias', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    }
    const checked = checkPolicyText(`version: 1\n${levels.join('\n')}\n`, 'bomb.yml');
    expect(checked.data).toBeUndefined();
    expect(checked.issues).toEqual([
      {
        file: 'bomb.yml',
        line: 3,
        column: 8,
        message: 'too many alias expansions (more than 100): refused as a resource-exhaustion attack',
      },
    ]);
  });

  test('a few aliases (a shared contact) are fine', () => {
    const text =
      'version: 1\ncontacts:\n  billing: &team { required: true, email: "*@example.com" }\n  operations: *team\n';
    const checked = checkPolicyText(text, 'p.yml');
    expect(checked.issues).toEqual([]);
    expect(checked.data?.['contacts']).toEqual({
      billing: { required: true, email: '*@example.com' },
      operations: { required: true, email: '*@example.com' },
    });
    expect(checked.locations['contacts.operations']).toEqual({ file: 'p.yml', line: 4, column: 3 });
  });

  test('YAML 1.1 timestamps (Date objects) become YYYY-MM-DD dates', () => {
    const text = '%YAML 1.1\n---\nversion: 1\nexceptions:\n  - { control: root.mfa, reason: r, expires: 2027-03-31 }\n';
    const checked = checkPolicyText(text, 'p.yml');
    expect(checked.issues).toEqual([]);
    expect(checked.data?.['exceptions']).toEqual([{ control: 'root.mfa', reason: 'r', expires: '2027-03-31' }]);
  });

  test('a YAML 1.1 timestamp with a time of day is not a date', () => {
    const text =
      '%YAML 1.1\n---\nversion: 1\nexceptions:\n  - { control: root.mfa, reason: r, expires: 2027-03-31T10:00:00Z }\n';
    expect(checkPolicyText(text, 'p.yml').issues.map((issue) => issue.message)).toEqual([
      '`exceptions.0.expires` must be a date YYYY-MM-DD (got `2027-03-31T10:00:00Z`)',
    ]);
  });

  // YAML 1.1 reads these as timestamps and Date rolls them over (2026-11-31 -> 2026-12-01): refused as under 1.2.
  test.each([
    [
      'attestations',
      'attestations:\n  root-mfa-backup: { lastVerified: 2026-11-31, maxAgeDays: 90, by: me }\n',
      5,
      36,
      'attestations.root-mfa-backup.lastVerified',
      '2026-11-31',
    ],
    [
      'exceptions',
      'exceptions:\n  - { control: root.mfa, reason: r, expires: 2027-02-29 }\n',
      5,
      46,
      'exceptions.0.expires',
      '2027-02-29',
    ],
    [
      'targets',
      "targets:\n  - accounts: ['111122223333']\n    exceptions:\n      - { control: root.mfa, reason: r, expires: 2026-04-31 }\n",
      7,
      50,
      'targets.0.exceptions.0.expires',
      '2026-04-31',
    ],
  ])('an impossible %s date under %%YAML 1.1 is refused at its position', (_section, body, line, column, path, day) => {
    for (const header of ['%YAML 1.1\n---\n', '']) {
      const offset = header === '' ? 2 : 0;
      expect(checkPolicyText(`${header}version: 1\n${body}`, 'p.yml').issues).toEqual([
        { file: 'p.yml', line: line - offset, column, message: `\`${path}\` is not a real date: \`${day}\`` },
      ]);
    }
  });

  test('a real date under %YAML 1.1 is kept as written', () => {
    const checked = checkPolicyText(
      '%YAML 1.1\n---\nversion: 1\nattestations:\n  a: { lastVerified: 2028-02-29, maxAgeDays: 9, by: me }\n',
      'p.yml',
    );
    expect(checked.issues).toEqual([]);
    expect(checked.data?.['attestations']).toEqual({ a: { lastVerified: '2028-02-29', maxAgeDays: 9, by: 'me' } });
  });

  test('InputError lists every issue as FILE:LINE:COL message', async () => {
    const error = await loadPolicy('test/fixtures/policies/invalid/waiver-missing-reason-and-expiry.yml').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(
      [
        'test/fixtures/policies/invalid/waiver-missing-reason-and-expiry.yml:3:5 `exceptions.0` is missing required key `expires`',
        'test/fixtures/policies/invalid/waiver-missing-reason-and-expiry.yml:3:5 `exceptions.0` is missing required key `reason`',
      ].join('\n'),
    );
  });
});

describe('bundled baselines', () => {
  test.each(Object.keys(builtinBaselines))('builtin:%s loads and validates', async (name) => {
    await expect(validatePolicyFile(`builtin:${name}`)).resolves.toEqual([]);
    await expect(validatePolicyFile(`policies/${name}.yml`)).resolves.toEqual([]);
    const policy = await loadPolicy(`builtin:${name}`);
    expect(policy.locations['passwordPolicy.minimumLength']?.file).toBe(`builtin:${name}`);
    expect(policy.passwordPolicy?.minimumLength).toBe(14);
  });

  test('both baselines are bundled', () => {
    expect(Object.keys(builtinBaselines)).toEqual(['cis-aws-foundations', 'well-architected-root']);
  });

  test('well-architected-root asks for the strong password policy of the lab', async () => {
    const policy = await loadPolicy('builtin:well-architected-root');
    expect(policy.passwordPolicy).toEqual({
      minimumLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercase: true,
      requireLowercase: true,
      allowUsersToChangePassword: true,
      maxAgeDays: 90,
      reusePrevention: 24,
    });
  });

  test('cis-aws-foundations sets the CIS IAM values', async () => {
    const policy = await loadPolicy('builtin:cis-aws-foundations');
    expect(policy.iamUsers).toEqual({
      consoleMfa: 'required',
      initialSetupAccessKeys: 'forbidden',
      maxUnusedCredentialDays: 45,
      maxActiveAccessKeys: 1,
      maxAccessKeyAgeDays: 90,
    });
    expect(policy.passwordPolicy).toEqual({ minimumLength: 14, reusePrevention: 24 });
    expect(policy.root).toMatchObject({ accessKeys: 'forbidden', mfa: 'required' });
  });
});

describe('assets', () => {
  test('src/generated/assets.ts matches policies/ (run node scripts/gen-assets.mjs)', () => {
    expect(() =>
      execFileSync(process.execPath, ['scripts/gen-assets.mjs', '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });

  test('policySchema is the JSON Schema 2020-12 document', () => {
    expect(policySchema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(policySchema['required']).toEqual(['version']);
  });
});

describe('docs/policy-format.md', () => {
  test('the annotated example is a valid policy', () => {
    const doc = readFileSync('docs/policy-format.md', 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(example).toContain('version: 1');
    expect(checkPolicyText(example, 'docs-example.yml').issues).toEqual([]);
  });
});
