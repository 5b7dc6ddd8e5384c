import { formatIssue } from '../src/errors.js';
import { validatePolicyFile } from '../src/policy/load.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('formatIssue', () => {
  it('keeps a message and a file name that hold newlines or control characters on one line', () => {
    const line = formatIssue({ file: 'p\n::warning::x.yml', line: 2, column: 1, message: 'unknown key "bad\n::error file=x,line=1::forged\r\u001b[2J"' });
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toBe('p\\n::warning::x.yml:2:1 unknown key "bad\\n::error file=x,line=1::forged\\r\\u001b[2J"');
  });

  it('a policy key with a newline is reported on one line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aab-issue-')), 'policy.yml');
    writeFileSync(file, 'version: 1\n"bad\\n::error file=x,line=1::forged": 1\n');
    const issues = await validatePolicyFile(file);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(formatIssue(issue)).not.toMatch(/\n/);
    expect(issues.map(formatIssue).join('\n')).toContain('bad\\n::error file=x,line=1::forged');
  });
});
