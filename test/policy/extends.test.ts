import { InputError } from '../../src/errors.js';
import { MAX_EXTENDS_LOADS, type PolicyReader, loadPolicyWith } from '../../src/policy/load.js';
import { repositoryLocation } from '../../src/policy/locations.js';

/** An in-memory folder: absolute path -> YAML text. */
function reader(files: Record<string, string>): PolicyReader {
  return (path) => {
    const text = files[path];
    if (text === undefined) return Promise.reject(Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' }));
    return Promise.resolve(text);
  };
}

async function issuesOf(file: string, files: Record<string, string>): Promise<string[]> {
  const error = await loadPolicyWith(file, reader(files)).catch((caught: unknown) => caught);
  if (!(error instanceof InputError)) throw new Error('expected an InputError');
  return error.message.split('\n');
}

describe('extends', () => {
  test('bases merge in order, later wins, and the policy itself wins last', async () => {
    const policy = await loadPolicyWith(
      '/repo/policy.yml',
      reader({
        '/repo/policy.yml': 'version: 1\nextends: [./a.yml, ./b.yml]\npasswordPolicy:\n  maxAgeDays: 30\n',
        '/repo/a.yml': 'version: 1\npasswordPolicy:\n  minimumLength: 10\n  reusePrevention: 5\n  maxAgeDays: 90\n',
        '/repo/b.yml': 'version: 1\npasswordPolicy:\n  minimumLength: 20\n',
      }),
    );
    expect(policy.passwordPolicy).toEqual({ minimumLength: 20, reusePrevention: 5, maxAgeDays: 30 });
    expect(policy.locations['passwordPolicy.minimumLength']).toEqual({ file: '/repo/b.yml', line: 3, column: 3 });
    expect(policy.locations['passwordPolicy.reusePrevention']).toEqual({ file: '/repo/a.yml', line: 4, column: 3 });
    expect(policy.locations['passwordPolicy.maxAgeDays']).toEqual({ file: '/repo/policy.yml', line: 4, column: 3 });
    expect(policy.locations['passwordPolicy']).toEqual({ file: '/repo/policy.yml', line: 3, column: 1 });
  });

  test('swapping the order of bases swaps the winner', async () => {
    const policy = await loadPolicyWith(
      '/repo/policy.yml',
      reader({
        '/repo/policy.yml': 'version: 1\nextends: [./b.yml, ./a.yml]\n',
        '/repo/a.yml': 'version: 1\npasswordPolicy:\n  minimumLength: 10\n',
        '/repo/b.yml': 'version: 1\npasswordPolicy:\n  minimumLength: 20\n',
      }),
    );
    expect(policy.passwordPolicy?.minimumLength).toBe(10);
    expect(policy.locations['passwordPolicy.minimumLength']?.file).toBe('/repo/a.yml');
  });

  test('values from a bundled baseline are located in builtin:NAME, and each extends entry is recorded', async () => {
    const policy = await loadPolicyWith(
      'policy.yml',
      reader({
        [`${process.cwd()}/policy.yml`]:
          'version: 1\nextends:\n  - builtin:well-architected-root\npasswordPolicy:\n  minimumLength: 16\n',
      }),
    );
    expect(policy.passwordPolicy).toMatchObject({ minimumLength: 16, reusePrevention: 24, maxAgeDays: 90 });
    expect(policy.locations['passwordPolicy.minimumLength']).toEqual({ file: 'policy.yml', line: 5, column: 3 });
    expect(policy.locations['passwordPolicy.reusePrevention']).toEqual({
      file: 'builtin:well-architected-root',
      line: 16,
      column: 3,
    });
    expect(policy.locations['root.mfa']?.file).toBe('builtin:well-architected-root');
    expect(policy.locations['extends.0']).toEqual({ file: 'policy.yml', line: 3, column: 5 });
    expect(policy.locations['extends']).toEqual({ file: 'policy.yml', line: 2, column: 1 });
    expect(policy.extends).toEqual(['builtin:well-architected-root']);
    const rootMfa = policy.locations['root.mfa'];
    if (!rootMfa) throw new Error('root.mfa has no location');
    expect(repositoryLocation(policy, rootMfa)).toEqual({ file: 'policy.yml', line: 3, column: 5 });
    const own = policy.locations['passwordPolicy.minimumLength'];
    if (!own) throw new Error('no location');
    expect(repositoryLocation(policy, own)).toBe(own);
  });

  test('relative paths resolve from the file that names them, and chains nest', async () => {
    const policy = await loadPolicyWith(
      '/repo/accounts/prod.yml',
      reader({
        '/repo/accounts/prod.yml': 'version: 1\nextends: [../base/org.yml]\n',
        '/repo/base/org.yml': 'version: 1\nextends: [./iam.yml]\nroot: { mfa: hardware }\n',
        '/repo/base/iam.yml': 'version: 1\niamUsers: { maxActiveAccessKeys: 1 }\n',
      }),
    );
    expect(policy.root).toEqual({ mfa: 'hardware' });
    expect(policy.iamUsers).toEqual({ maxActiveAccessKeys: 1 });
    expect(policy.locations['iamUsers.maxActiveAccessKeys']).toEqual({
      file: '/repo/base/iam.yml',
      line: 2,
      column: 13,
    });
  });

  test('waivers accumulate across files, with their own locations', async () => {
    const policy = await loadPolicyWith(
      '/repo/policy.yml',
      reader({
        '/repo/policy.yml':
          'version: 1\nextends: [./base.yml]\nexceptions:\n  - { control: root.mfa, reason: mine, expires: 2027-01-01 }\n',
        '/repo/base.yml':
          'version: 1\nexceptions:\n  - { control: iamUsers.consoleMfa, reason: base, expires: 2027-01-01 }\n',
      }),
    );
    expect(policy.exceptions?.map((waiver) => waiver.reason)).toEqual(['base', 'mine']);
    expect(policy.locations['exceptions.0']).toEqual({ file: '/repo/base.yml', line: 3, column: 5 });
    expect(policy.locations['exceptions.1']).toEqual({ file: '/repo/policy.yml', line: 4, column: 5 });
    expect(policy.locations['exceptions.1.reason']).toEqual({ file: '/repo/policy.yml', line: 4, column: 26 });
  });

  test('an attestation declared by a base is completed by the policy', async () => {
    const policy = await loadPolicyWith(
      '/repo/policy.yml',
      reader({
        '/repo/policy.yml':
          'version: 1\nextends: [./base.yml]\nattestations:\n  root-mfa-backup: { lastVerified: 2026-10-01, by: sec }\n',
        '/repo/base.yml': 'version: 1\nattestations:\n  root-mfa-backup: { maxAgeDays: 365 }\n',
      }),
    );
    expect(policy.attestations).toEqual({
      'root-mfa-backup': { maxAgeDays: 365, lastVerified: '2026-10-01', by: 'sec' },
    });
    expect(policy.locations['attestations.root-mfa-backup.maxAgeDays']?.file).toBe('/repo/base.yml');
    expect(policy.locations['attestations.root-mfa-backup.lastVerified']?.file).toBe('/repo/policy.yml');
  });

  test('a cycle is named with its chain, at the entry that closes it', async () => {
    const issues = await issuesOf('/repo/a.yml', {
      '/repo/a.yml': 'version: 1\nextends: [./b.yml]\n',
      '/repo/b.yml': 'version: 1\nextends: [./c.yml]\n',
      '/repo/c.yml': 'version: 1\nextends:\n  - ./a.yml\n',
    });
    expect(issues).toEqual(['/repo/c.yml:3:5 extends cycle: /repo/a.yml -> /repo/b.yml -> /repo/c.yml -> /repo/a.yml']);
  });

  test('a file extending itself is a cycle', async () => {
    const issues = await issuesOf('/repo/a.yml', { '/repo/a.yml': 'version: 1\nextends: [./a.yml]\n' });
    expect(issues).toEqual(['/repo/a.yml:2:11 extends cycle: /repo/a.yml -> /repo/a.yml']);
  });

  test('the same base twice (a diamond) is not a cycle', async () => {
    const policy = await loadPolicyWith(
      '/repo/p.yml',
      reader({
        '/repo/p.yml': 'version: 1\nextends: [./x.yml, ./y.yml]\n',
        '/repo/x.yml': 'version: 1\nextends: [./common.yml]\n',
        '/repo/y.yml': 'version: 1\nextends: [./common.yml]\n',
        '/repo/common.yml': 'version: 1\nroot: { accessKeys: forbidden }\n',
      }),
    );
    expect(policy.root).toEqual({ accessKeys: 'forbidden' });
  });

  test('a missing file is named with the chain that led to it', async () => {
    const issues = await issuesOf('/repo/p.yml', {
      '/repo/p.yml': 'version: 1\nextends: [./base.yml]\n',
      '/repo/base.yml': 'version: 1\nextends:\n  - ./gone.yml\n',
    });
    expect(issues).toEqual([
      '/repo/base.yml:3:5 cannot read extended policy `/repo/gone.yml`: file not found (extends chain: /repo/p.yml -> /repo/base.yml -> /repo/gone.yml)',
    ]);
  });

  test('problems in several files are all reported, each in its own file', async () => {
    const issues = await issuesOf('/repo/p.yml', {
      '/repo/p.yml': 'version: 1\nextends: [./a.yml, ./b.yml]\nroot: { mfa: yes }\n',
      '/repo/a.yml': 'version: 1\npasswordPolicy: { minimumLength: 2 }\n',
      '/repo/b.yml': 'version: 1\niamUsers: { consoleMfa: on }\n',
    });
    expect(issues).toEqual([
      '/repo/a.yml:2:34 `passwordPolicy.minimumLength` must be between 6 and 128 (got 2)',
      '/repo/b.yml:2:25 `iamUsers.consoleMfa` must be one of `required`, `hardware` (got `on`)',
      '/repo/p.yml:3:14 `root.mfa` must be one of `required`, `hardware` (got `yes`)',
    ]);
  });

  test('a bundled baseline may not reach into the file system', async () => {
    const issues = await issuesOf('/repo/p.yml', { '/repo/p.yml': 'version: 1\nextends: ["builtin:nope"]\n' });
    expect(issues).toEqual([
      '/repo/p.yml:2:11 unknown bundled baseline `builtin:nope` (available: builtin:cis-aws-foundations, builtin:well-architected-root)',
    ]);
  });

  test('a refused entry does not shift the location of the next one', async () => {
    const issues = await issuesOf('/repo/p.yml', {
      '/repo/p.yml': 'version: 1\nextends:\n  - https://example.com/x.yml\n  - ./base.yml\n',
      '/repo/base.yml': 'version: 1\nextends: [./gone.yml]\n',
    });
    expect(issues).toEqual([
      '/repo/base.yml:2:11 cannot read extended policy `/repo/gone.yml`: file not found (extends chain: /repo/p.yml -> /repo/base.yml -> /repo/gone.yml)',
      '/repo/p.yml:3:5 `extends.0` must be a bundled baseline `builtin:NAME` or a relative path to a .yml file (got `https://example.com/x.yml`)',
    ]);
  });

  test('a fan-out of extends (each file extending the next several times) is cut off, not loaded exponentially', async () => {
    // 3^20 layers uncapped: this test would not finish.
    const files: Record<string, string> = { '/repo/f20.yml': 'version: 1\n' };
    for (let i = 0; i < 20; i += 1)
      files[`/repo/f${i}.yml`] = `version: 1\nextends: [f${i + 1}.yml, f${i + 1}.yml, f${i + 1}.yml]\n`;
    let reads = 0;
    const counting: PolicyReader = async (path) => {
      reads += 1;
      return reader(files)(path);
    };
    const error = await loadPolicyWith('/repo/f0.yml', counting).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(reads).toBe(MAX_EXTENDS_LOADS);
    const issues = (error as InputError).message.split('\n');
    expect(issues[0]).toMatch(
      /^\/repo\/f\d+\.yml:2:\d+ too many extended policies \(more than 64 loaded, counting repeats\): `\/repo\/f\d+\.yml` not followed$/,
    );
  });
});
