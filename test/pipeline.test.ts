/** runCheck on a snapshot: no AWS call, the real loader, evaluate and redaction. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck } from '../src/pipeline.js';

const NOW = new Date('2026-11-26T12:00:00Z');

function policyFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aab-pipeline-')), 'policy.yml');
  writeFileSync(file, text);
  return file;
}

describe('runCheck', () => {
  it('applies the targets that name the checked account in a one-account run, and no others', async () => {
    const file = policyFile(
      [
        'version: 1',
        'passwordPolicy:',
        '  minimumLength: 14',
        'targets:',
        '  - accounts: ["111122223333"]',
        '    passwordPolicy: { minimumLength: 8 }',
        '  - accounts: ["999999999999"]',
        '    passwordPolicy: { minimumLength: 20 }',
        '  - organizationalUnits: [ou-ab12-34567890]',
        '    passwordPolicy: { minimumLength: 30 }',
        '',
      ].join('\n'),
    );
    const result = await runCheck({
      policyFile: file,
      stateFile: 'examples/sample-account.json',
      now: NOW,
      redact: 'contacts',
    });
    const length = result.report.findings.find((finding) => finding.control === 'passwordPolicy.minimumLength');
    // The sample account's live minimum is 8: the account's own target (8) wins over the common 14.
    expect(length).toMatchObject({ status: 'pass', expected: '>= 8', location: { file, line: 6 } });
    expect(result.policy.passwordPolicy?.minimumLength).toBe(8);
  });
});
