/** snapshot --redact: the snapshot masked as reports are, still a valid snapshot that evaluates. */
import { readFileSync } from 'node:fs';
import { redactSnapshot } from '../../src/report/redact-snapshot.js';
import { parseSnapshot, serializeSnapshot } from '../../src/state/snapshot.js';

const SAMPLE = readFileSync('examples/sample-account.json', 'utf8');
const state = parseSnapshot(SAMPLE, 'sample-account.json');

function text(mode: 'contacts' | 'users' | 'off'): string {
  return serializeSnapshot(redactSnapshot(state, mode));
}

describe('redactSnapshot', () => {
  it('masks contact e-mails and phone numbers by default, and keeps a valid snapshot', () => {
    const masked = text('contacts');
    for (const secret of ['finance@example.com', 'jane.doe.personal@gmail.com', '206-555-0142', '206-555-0187'])
      expect(masked).not.toContain(secret);
    expect(masked).toContain('f***@e***.com');
    expect(masked).toContain('+1 ***-***-**42');
    const reread = parseSnapshot(masked, 'masked.json');
    expect(reread.alternateContacts?.BILLING).toEqual({
      ok: true,
      value: expect.objectContaining({ email: 'f***@e***.com' }),
    });
    // User names stay: the IAM user controls still name who is affected.
    expect(masked).toContain('"user": "alice"');
  });

  it('masks IAM user names too with users, in rows, ARNs and MFA devices, never the root row', () => {
    const masked = text('users');
    expect(masked).not.toMatch(/"user": "(alice|deploy-bot|former-contractor)"/);
    expect(masked).toContain('"user": "<root_account>"');
    expect(masked).not.toContain('mfa/bob-phone');
    expect(masked).toContain('arn:aws:iam::111122223333:mfa/b***');
    // The authorization details name the same users (iamPolicies controls).
    expect(masked).not.toMatch(/"name": "(alice|deploy-bot|legacy-etl)"/);
    expect(masked).not.toContain('user/deploy-bot');
    expect(masked).toContain('"arn": "arn:aws:iam::111122223333:user/d***"');
    // Groups and roles are not people: they stay.
    expect(masked).toContain('"name": "developers"');
    expect(() => parseSnapshot(masked, 'masked.json')).not.toThrow();
  });

  it('changes nothing with off', () => {
    expect(text('off')).toBe(serializeSnapshot(state));
  });
});
