import { loadPolicyWith } from '../../src/policy/load.js';
import { resolvePolicyForAccount } from '../../src/policy/targets.js';

const text = [
  'version: 1', //                                                           1
  'passwordPolicy: { minimumLength: 14, maxAgeDays: 90 }', //                2
  'exceptions:', //                                                          3
  '  - { control: root.mfa, reason: common, expires: 2027-01-01 }', //       4
  'targets:', //                                                             5
  '  - organizationalUnits: [ou-ab12-11112222]', //                          6
  '    passwordPolicy: { minimumLength: 16 }', //                            7
  '  - accounts: ["111122223333"]', //                                       8
  '    passwordPolicy: { minimumLength: 20 }', //                            9
  '    exceptions:', //                                                      10
  '      - { control: iamUsers.consoleMfa, reason: lab, expires: 2027-01-01 }', // 11
  '    severity: { root.mfa: low }', //                                      12
  '',
].join('\n');

async function load() {
  return loadPolicyWith('/repo/org.yml', () => Promise.resolve(text));
}

describe('resolvePolicyForAccount', () => {
  test('an account in no target gets the common sections, and no targets', async () => {
    const resolved = resolvePolicyForAccount(await load(), { accountId: '999999999999', organizationalUnitIds: [] });
    expect(resolved.passwordPolicy).toEqual({ minimumLength: 14, maxAgeDays: 90 });
    expect(resolved.targets).toBeUndefined();
    expect(Object.keys(resolved.locations).some((key) => key.startsWith('targets'))).toBe(false);
    expect(resolved.locations['passwordPolicy.minimumLength']).toEqual({ file: '/repo/org.yml', line: 2, column: 19 });
  });

  test('a matching OU overrides, located at the target entry', async () => {
    const resolved = resolvePolicyForAccount(await load(), {
      accountId: '999999999999',
      organizationalUnitIds: ['r-ab12', 'ou-ab12-11112222'],
    });
    expect(resolved.passwordPolicy).toEqual({ minimumLength: 16, maxAgeDays: 90 });
    expect(resolved.locations['passwordPolicy.minimumLength']).toEqual({ file: '/repo/org.yml', line: 7, column: 23 });
    expect(resolved.locations['passwordPolicy.maxAgeDays']).toEqual({ file: '/repo/org.yml', line: 2, column: 38 });
  });

  test('several matching targets apply in file order, later wins; waivers accumulate', async () => {
    const resolved = resolvePolicyForAccount(await load(), {
      accountId: '111122223333',
      organizationalUnitIds: ['ou-ab12-11112222'],
    });
    expect(resolved.passwordPolicy?.minimumLength).toBe(20);
    expect(resolved.locations['passwordPolicy.minimumLength']?.line).toBe(9);
    expect(resolved.exceptions?.map((waiver) => waiver.reason)).toEqual(['common', 'lab']);
    expect(resolved.locations['exceptions.1']).toEqual({ file: '/repo/org.yml', line: 11, column: 9 });
    expect(resolved.severity).toEqual({ 'root.mfa': 'low' });
    expect(resolved.locations['severity.root.mfa']?.line).toBe(12);
  });

  test('the input policy is not changed', async () => {
    const policy = await load();
    const before = structuredClone(policy);
    resolvePolicyForAccount(policy, { accountId: '111122223333', organizationalUnitIds: ['ou-ab12-11112222'] });
    expect(policy).toEqual(before);
  });
});

describe('an attestation in a target may take its maxAgeDays from the top-level one of the same name', () => {
  const policy = (top: string) =>
    [
      'version: 1',
      `attestations: { a: { ${top} } }`,
      'targets:',
      '  - accounts: ["111122223333"]',
      '    attestations: { a: { lastVerified: 2026-11-01, by: me } }',
      '',
    ].join('\n');
  const loadText = (text: string) => loadPolicyWith('/repo/t.yml', () => Promise.resolve(text));

  test('set at the top level: the target entry is complete once merged', async () => {
    await expect(loadText(policy('maxAgeDays: 90'))).resolves.toMatchObject({
      targets: [{ accounts: ['111122223333'] }],
    });
  });

  test('set nowhere: both entries are reported, the target one at its own place', async () => {
    await expect(loadText(policy('lastVerified: 2026-11-01, by: me'))).rejects.toMatchObject({
      issues: [
        { line: 2, message: 'attestation `a` needs `maxAgeDays` (here or in a baseline it extends)' },
        { line: 5, message: 'attestation `a` needs `maxAgeDays` (here or in a baseline it extends)' },
      ],
    });
  });
});
