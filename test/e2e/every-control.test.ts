/**
 * The built CLI with every control of the registry at once, against the local AWS server: all 33 pass on a
 * compliant account, and the run prints nothing on stderr. With every source read, more than Node's default of
 * 10 calls listen on the run's deadline signal at once; that once printed a MaxListenersExceededWarning.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { awsEnv, startAwsServer } from '../support/aws-server.mjs';
import { runCli } from '../support/run-dist.js';
import type { Report } from '../../src/findings.js';
// The bench's "every control" scenario: one compliant account and a policy that asks for every control.
import { ACCOUNT_ID, ALL_CONTROLS_YAML, account } from '../../bench/scenarios.mjs';

describe('a check of every control (built CLI)', () => {
  it('passes every control of a compliant account and writes nothing to stderr', async () => {
    const server = await startAwsServer({
      accounts: [account({ freshReport: true, allControls: true })],
      organization: {
        id: 'o-abcdefghij',
        masterAccountId: ACCOUNT_ID,
        rootFeatures: ['RootCredentialsManagement', 'RootSessions'],
        roots: [{ id: 'r-ab12', accounts: [ACCOUNT_ID] }],
      },
    });
    try {
      const policy = join(mkdtempSync(join(tmpdir(), 'aab-every-control-')), 'policy.yml');
      writeFileSync(policy, ALL_CONTROLS_YAML);
      const result = await runCli(['check', '--policy', policy, '--format', 'json'], awsEnv(server));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const report = JSON.parse(result.stdout) as Report;
      expect(report.summary).toMatchObject({ fail: 0, error: 0, skipped: 0 });
      expect(report.summary.pass).toBe(report.findings.length);
      // Every area of the registry took part.
      expect(new Set(report.findings.map((finding) => finding.control.split('.')[0]))).toEqual(
        new Set([
          'account',
          'passwordPolicy',
          'root',
          'contacts',
          'iamUsers',
          'iamPolicies',
          'serverCertificates',
          'accessAnalyzer',
        ]),
      );
    } finally {
      await server.close();
    }
  });
});
