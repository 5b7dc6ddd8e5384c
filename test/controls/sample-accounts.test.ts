/** The example snapshots `npm start` and the docs use: valid snapshots, and they show what they claim to. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import { evaluate } from '../../src/evaluate.js';
import { loadPolicy } from '../../src/policy/load.js';
import type { Policy } from '../../src/policy/types.js';
import { parseSnapshot } from '../../src/state/snapshot.js';
import type { AccountState } from '../../src/state/types.js';
import { NOW, policyWith as policy, strongPasswordExpectation } from '../support/builders.js';

function snapshot(name: string): AccountState {
  const file = `examples/${name}`;
  return parseSnapshot(readFileSync(file, 'utf8'), file);
}

/** Every expectation the controls know, at its strictest. */
const STRICT = policy({
  passwordPolicy: strongPasswordExpectation(),
  root: { mfa: 'hardware', accessKeys: 'forbidden', signingCertificates: 'forbidden', maxDaysSinceLastUse: 30 },
  contacts: {
    billing: { required: true, email: '*@example.com' },
    operations: { required: true, email: '*@example.com' },
    security: { required: true, email: '*@example.com' },
    primary: { required: true, name: 'Example Corp*' },
  },
  iamUsers: { consoleMfa: 'required', maxActiveAccessKeys: 1, maxAccessKeyAgeDays: 90, maxUnusedCredentialDays: 45 },
});

function failing(findings: Finding[]): string[] {
  return findings
    .filter((finding) => finding.status === 'fail' || finding.status === 'error')
    .map((finding) => `${finding.control} ${finding.resource}`);
}

function areasFailing(policyFile: Policy, state: AccountState): Set<string> {
  return new Set(failing(evaluate(policyFile, state, NOW).findings).map((entry) => entry.split('.')[0] ?? ''));
}

describe('examples/sample-account.json (a typical account before hardening)', () => {
  const sample = snapshot('sample-account.json');

  it('fails in every area, naming each offending resource', () => {
    expect(failing(evaluate(STRICT, sample, NOW).findings)).toEqual([
      'passwordPolicy.minimumLength account',
      'passwordPolicy.requireSymbols account',
      'passwordPolicy.allowUsersToChangePassword account',
      'passwordPolicy.maxAgeDays account',
      'passwordPolicy.reusePrevention account',
      'root.mfa root',
      'root.accessKeys root',
      'root.maxDaysSinceLastUse root',
      'contacts.operations contact:OPERATIONS',
      'contacts.security contact:SECURITY',
      'contacts.primary contact:PRIMARY',
      'iamUsers.consoleMfa alice',
      'iamUsers.consoleMfa former-contractor',
      'iamUsers.maxActiveAccessKeys deploy-bot',
      'iamUsers.maxAccessKeyAgeDays alice',
      'iamUsers.maxAccessKeyAgeDays deploy-bot',
      'iamUsers.maxUnusedCredentialDays legacy-etl',
      'iamUsers.maxUnusedCredentialDays former-contractor',
    ]);
  });

  it('shows findings in every area of the bundled baselines `npm start` runs', async () => {
    const wellArchitected = await loadPolicy('policies/well-architected-root.yml');
    expect(areasFailing(wellArchitected, sample)).toEqual(
      new Set(['passwordPolicy', 'root', 'contacts', 'iamUsers', 'attestations']),
    );
    const cis = await loadPolicy('policies/cis-aws-foundations.yml');
    expect(areasFailing(cis, sample)).toEqual(
      new Set([
        'passwordPolicy',
        'root',
        'contacts',
        'iamUsers',
        'iamPolicies',
        'serverCertificates',
        'accessAnalyzer',
        'attestations',
      ]),
    );
    // Every source the CIS baseline needs is in the sample: its findings are failures, none unreadable.
    expect(evaluate(cis, sample, NOW).findings.filter((finding) => finding.status === 'error')).toEqual([]);
  });
});

describe('examples/compliant-account.json (a hardened account)', () => {
  const compliant = snapshot('compliant-account.json');

  it('passes every control of the strictest policy', () => {
    const { findings } = evaluate(STRICT, compliant, NOW);
    expect(failing(findings)).toEqual([]);
    expect(findings.length).toBeGreaterThanOrEqual(20);
  });

  it('passes the bundled baselines', async () => {
    // Attestations need a date and a person from the user's own file: the baseline alone leaves them failing.
    const wellArchitected = failing(
      evaluate(await loadPolicy('policies/well-architected-root.yml'), compliant, NOW).findings,
    );
    expect(wellArchitected.filter((line) => !line.startsWith('attestations.'))).toEqual([]);
    const cis = failing(evaluate(await loadPolicy('policies/cis-aws-foundations.yml'), compliant, NOW).findings);
    expect(cis.filter((line) => !line.startsWith('attestations.'))).toEqual([]);
    expect(cis).toEqual(['attestations.central-identity account']);
  });
});
