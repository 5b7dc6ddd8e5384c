import { attestationDefinition, attestationsArea, evaluateAttestations } from '../../src/controls/attestations.js';
import { loadPolicyWith } from '../../src/policy/load.js';
import { NOW, stateWith } from '../support/builders.js';

/** NOW is 2026-11-26T12:00Z. */
async function findingsFor(attestations: string) {
  const policy = await loadPolicyWith('/repo/p.yml', () =>
    Promise.resolve(`version: 1\nattestations:\n${attestations}`),
  );
  return evaluateAttestations({ policy, state: stateWith(), now: NOW });
}

describe('attestations', () => {
  test('a fresh attestation passes', async () => {
    const [finding] = await findingsFor(
      '  root-password-rotated: { lastVerified: 2026-10-01, maxAgeDays: 365, by: sec }\n',
    );
    expect(finding).toMatchObject({
      control: 'attestations.root-password-rotated',
      status: 'pass',
      severity: 'medium',
      resource: 'root',
      expected: 'verified within the last 365 days',
      actual: 'last verified 2026-10-01 (56 days ago)',
      location: { file: '/repo/p.yml', line: 3, column: 3 },
    });
  });

  test('exactly maxAgeDays old passes; one day more is stale and located at lastVerified', async () => {
    const findings = await findingsFor(
      '  a: { lastVerified: 2026-08-28, maxAgeDays: 90, by: sec }\n  b: { lastVerified: 2026-08-27, maxAgeDays: 90, by: sec }\n',
    );
    expect(findings.map((finding) => finding.status)).toEqual(['pass', 'fail']);
    expect(findings[1]).toMatchObject({
      actual: 'last verified 2026-08-27 (91 days ago)',
      message: 'Attestation `b` is current: stale, last verified 2026-08-27, 91 days ago (at most 90 days allowed).',
      location: { file: '/repo/p.yml', line: 4, column: 8 },
    });
  });

  test('today passes, and so does tomorrow (today east of UTC); the day after is dated in the future and fails', async () => {
    const findings = await findingsFor(
      '  today: { lastVerified: 2026-11-26, maxAgeDays: 1, by: sec }\n' +
        '  east: { lastVerified: 2026-11-27, maxAgeDays: 365, by: sec }\n' +
        '  later: { lastVerified: 2026-11-28, maxAgeDays: 365, by: sec }\n',
    );
    expect(findings.map((finding) => finding.status)).toEqual(['pass', 'pass', 'fail']);
    expect(findings[1]?.actual).toBe('last verified 2026-11-27 (0 days ago)');
    expect(findings[2]?.actual).toBe('dated in the future (2026-11-28)');
  });

  test('declared without a date (e.g. by a baseline) fails as not attested yet', async () => {
    const [finding] = await findingsFor('  credential-report-reviewed: { maxAgeDays: 90 }\n');
    expect(finding).toMatchObject({ status: 'fail', actual: 'never attested', location: { line: 3, column: 3 } });
    expect(finding?.message).toBe('The IAM credential report was reviewed: not attested yet (no `lastVerified` date).');
  });

  test('security questions are reported as retired by AWS', async () => {
    const [finding] = await findingsFor(
      '  security-questions: { lastVerified: 2026-10-01, maxAgeDays: 365, by: sec }\n',
    );
    expect(finding?.status).toBe('pass');
    expect(finding?.message).toContain(
      'AWS retired security challenge questions (no new ones since January 2024, not editable since January 2025)',
    );
  });

  test('well-known names get their own title and remediation; others the generic ones', () => {
    expect(attestationDefinition('root-mfa-backup')).toMatchObject({
      id: 'attestations.root-mfa-backup',
      title: 'A backup of the root MFA device exists and was tested',
    });
    expect(attestationDefinition('root-password-rotated').remediation).toContain('Change password');
    expect(attestationDefinition('central-identity')).toMatchObject({
      title: expect.stringContaining('central identity provider'),
      docs: expect.stringContaining('singlesignon'),
    });
    expect(attestationDefinition('door-locked')).toMatchObject({
      id: 'attestations.door-locked',
      title: 'Attestation `door-locked` is current',
    });
    expect(attestationsArea.definitions.map((control) => control.id)).toEqual(['attestations.*']);
  });

  test('a Date object (what YAML 1.1 timestamps become) is read as its day', () => {
    const verified = new Date('2026-11-20T00:00:00Z') as unknown as string;
    const policy = (maxAgeDays: number) => ({
      version: 1 as const,
      file: 'p.yml',
      locations: {},
      attestations: { x: { lastVerified: verified, maxAgeDays, by: 'me' } },
    });
    expect(evaluateAttestations({ policy: policy(6), state: stateWith(), now: NOW })[0]?.status).toBe('pass');
    expect(evaluateAttestations({ policy: policy(5), state: stateWith(), now: NOW })[0]?.status).toBe('fail');
  });

  test('an impossible date in a policy built in code fails rather than passes', () => {
    const policy = {
      version: 1 as const,
      file: 'p.yml',
      locations: {},
      attestations: { x: { lastVerified: '2026-02-30', maxAgeDays: 3650, by: 'me' } },
    };
    expect(evaluateAttestations({ policy, state: stateWith(), now: NOW })[0]).toMatchObject({
      status: 'fail',
      actual: 'invalid date 2026-02-30',
    });
  });
});
