/**
 * The regex engine (re2js) is loaded only when a policy holds a /regex/, so that a check without one does not pay
 * for it at start-up. This file never loads it up front (jest gives each test file its own module registry).
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPolicyText, loadPolicy } from '../../src/policy/load.js';
import { RegexEngineNotLoadedError } from '../../src/policy/patterns.js';
import { compileMatcher } from '../../src/controls/matchers.js';

const REGEX_POLICY = "version: 1\ncontacts:\n  security:\n    required: true\n    email: '/^sec@example\\.com$/'\n";

describe('regex engine loaded on demand', () => {
  it('a policy without a regex is checked without the engine', () => {
    expect(checkPolicyText('version: 1\ncontacts:\n  security:\n    email: "*@example.com"\n', 'p.yml').issues).toEqual(
      [],
    );
    expect(() => compileMatcher('/x/')).toThrow(RegexEngineNotLoadedError);
  });

  it('loading a policy with a regex loads the engine, validates the regex and refuses a backtracking one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'aab-regex-'));
    const bad = join(folder, 'bad.yml');
    writeFileSync(bad, REGEX_POLICY.replace('^sec@example\\.com$', '(a)\\1'));
    await expect(loadPolicy(bad)).rejects.toThrow(/backreference/);
    const good = join(folder, 'good.yml');
    writeFileSync(good, REGEX_POLICY);
    const policy = await loadPolicy(good);
    expect(policy.contacts?.security?.email).toBe('/^sec@example\\.com$/');
    expect(compileMatcher('/^sec@example\\.com$/').test('sec@example.com')).toBe(true);
  });
});
