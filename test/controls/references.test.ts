/**
 * The standards' ids every control carries (docs/coverage.md says where each was verified). A typo in an id, a
 * control without the references its recommendation has, or numbering that breaks the known shifts between CIS
 * versions fails here.
 */
import { attestationDefinition, WELL_KNOWN_ATTESTATIONS } from '../../src/controls/attestations.js';
import { makeFinding, referencesFor } from '../../src/controls/control.js';
import { CIS_VERSIONS, cis, cisIds, cisLabel, referenceTag, securityHub } from '../../src/controls/references.js';
import { CONTROLS, controlDefinition } from '../../src/controls/registry.js';
import { evaluate } from '../../src/evaluate.js';
import type { Reference } from '../../src/findings.js';
import { NOW, policyWith, stateWith } from '../support/builders.js';

type Ids = [v3: string, v4: string, v5: string, v6: string, v7: string | undefined];

/** Control -> CIS ids (v3.0.0, v4.0.1, v5.0.0, v6.0.0, v7.0.0) and Security Hub ids. */
const EXPECTED: Record<string, { cis?: Ids; securityHub: string[] }> = {
  'contacts.primary': { cis: ['1.1', '1.1', '1.1', '2.1', '2.2'], securityHub: [] },
  'contacts.security': { cis: ['1.2', '1.2', '1.2', '2.2', '2.3'], securityHub: ['Account.1'] },
  'root.accessKeys': { cis: ['1.4', '1.4', '1.3', '2.3', '2.4'], securityHub: ['IAM.4'] },
  'root.mfa': { cis: ['1.5', '1.5', '1.4', '2.4', '2.5'], securityHub: ['IAM.9'] },
  // IAM.20 (retired) checked a CloudWatch alarm on root use for CIS v1.2.0 1.1: not this check.
  'root.maxDaysSinceLastUse': { cis: ['1.7', '1.7', '1.6', '2.6', '2.7'], securityHub: [] },
  'passwordPolicy.minimumLength': { cis: ['1.8', '1.8', '1.7', '2.7', '2.8'], securityHub: ['IAM.15'] },
  'passwordPolicy.reusePrevention': { cis: ['1.9', '1.9', '1.8', '2.8', '2.9'], securityHub: ['IAM.16'] },
  'iamUsers.consoleMfa': { cis: ['1.10', '1.10', '1.9', '2.9', '2.10'], securityHub: ['IAM.5'] },
  'iamUsers.maxUnusedCredentialDays': { cis: ['1.12', '1.12', '1.11', '2.11', '2.11'], securityHub: ['IAM.22'] },
  // v7.0.0 dropped "only one active access key"; Security Hub has no control for it.
  'iamUsers.maxActiveAccessKeys': { cis: ['1.13', '1.13', '1.12', '2.12', undefined], securityHub: [] },
  'iamUsers.maxAccessKeyAgeDays': { cis: ['1.14', '1.14', '1.13', '2.13', '2.12'], securityHub: ['IAM.3'] },
  // v7.0.0 dropped "no access keys at initial setup" too.
  'iamUsers.initialSetupAccessKeys': { cis: ['1.11', '1.11', '1.10', '2.10', undefined], securityHub: [] },
  'iamPolicies.userPolicies': { cis: ['1.15', '1.15', '1.14', '2.14', '2.13'], securityHub: ['IAM.2'] },
  'iamPolicies.fullAdminPolicies': { cis: ['1.16', '1.16', '1.15', '2.15', '2.14'], securityHub: ['IAM.1'] },
  'iamPolicies.supportRole': { cis: ['1.17', '1.17', '1.16', '2.16', '2.15'], securityHub: ['IAM.18'] },
  'iamPolicies.cloudShellFullAccess': { cis: ['1.22', '1.22', '1.21', '2.21', '2.20'], securityHub: ['IAM.27'] },
  'serverCertificates.expired': { cis: ['1.19', '1.19', '1.18', '2.18', '2.17'], securityHub: ['IAM.26'] },
  'accessAnalyzer.required': { cis: ['1.20', '1.20', '1.19', '2.19', '2.18'], securityHub: ['IAM.28'] },
  'passwordPolicy.requireUppercase': { securityHub: ['IAM.11'] },
  'passwordPolicy.requireLowercase': { securityHub: ['IAM.12'] },
  'passwordPolicy.requireSymbols': { securityHub: ['IAM.13'] },
  'passwordPolicy.requireNumbers': { securityHub: ['IAM.14'] },
  'passwordPolicy.maxAgeDays': { securityHub: ['IAM.17'] },
};

/** Controls no CIS version and no Security Hub control has (the lab may). */
const NO_STANDARD = new Set([
  'account.id',
  'passwordPolicy.exists',
  'passwordPolicy.allowUsersToChangePassword',
  'passwordPolicy.hardExpiry',
  // No CIS version has a root signing-certificate recommendation.
  'root.signingCertificates',
  // Prowler's check only: no CIS version or Security Hub control has distinct alternate contacts.
  'contacts.distinct',
  'contacts.billing',
  'contacts.operations',
  'attestations.*',
  // A warning window of our own before CIS's expiry check.
  'serverCertificates.expiryWarningDays',
]);

function idsOf(references: readonly Reference[], standard: Reference['standard']): string[] {
  return references.filter((reference) => reference.standard === standard).map((reference) => reference.id);
}

function everyReferenceSet(): Array<[string, readonly Reference[]]> {
  return [
    ...CONTROLS.map((control): [string, readonly Reference[]] => [control.id, control.references]),
    ...CONTROLS.flatMap((control): Array<[string, readonly Reference[]]> =>
      control.conditionalReferences
        ? [[`${control.id} (${control.conditionalReferences.values})`, control.conditionalReferences.references]]
        : [],
    ),
    ...Object.keys(WELL_KNOWN_ATTESTATIONS).map((name): [string, readonly Reference[]] => [
      `attestations.${name}`,
      attestationDefinition(name).references,
    ]),
  ];
}

describe('control references', () => {
  it('every control has the CIS and Security Hub ids of its recommendation, or is known to have none', () => {
    for (const control of CONTROLS) {
      const standards = control.references.filter((reference) => reference.standard !== 'well-architected-lab');
      if (NO_STANDARD.has(control.id)) expect([control.id, standards]).toEqual([control.id, []]);
      else expect([control.id, standards.length]).not.toEqual([control.id, 0]);
    }
  });

  it.each(Object.entries(EXPECTED))('%s carries the verified ids', (id, expected) => {
    const references = controlDefinition(id)?.references ?? [];
    const cisExpected = expected.cis ?? [undefined, undefined, undefined, undefined, undefined];
    expect(CIS_VERSIONS.map((version) => cisIds(references, version)[0])).toEqual(cisExpected);
    expect(idsOf(references, 'aws-security-hub')).toEqual(expected.securityHub);
  });

  it('root.mfa: hardware adds the hardware MFA recommendation (CIS and IAM.6), required does not', () => {
    const definition = controlDefinition('root.mfa');
    if (!definition) throw new Error('root.mfa is missing');
    const hardware = referencesFor(policyWith({ root: { mfa: 'hardware' } }), definition);
    const required = referencesFor(policyWith({ root: { mfa: 'required' } }), definition);
    expect(CIS_VERSIONS.map((version) => cisIds(hardware, version))).toEqual([
      ['1.5', '1.6'],
      ['1.5', '1.6'],
      ['1.4', '1.5'],
      ['2.4', '2.5'],
      ['2.5', '2.6'],
    ]);
    expect(idsOf(hardware, 'aws-security-hub')).toEqual(['IAM.9', 'IAM.6']);
    expect(required).toEqual(definition.references);
  });

  it('keeps the numbering shifts between versions: v3.0.0 = v4.0.1 = v5.0.0 + 1 after 1.2, v6.0.0 = v5.0.0 in section 2', () => {
    for (const [id, references] of everyReferenceSet()) {
      const [v3, v4, v5, v6] = (['3.0.0', '4.0.1', '5.0.0', '6.0.0'] as const).map(
        (version) => cisIds(references, version)[0],
      );
      expect([id, v3]).toEqual([id, v4]);
      if (v5 === undefined) continue;
      const number = Number(v5.split('.')[1]);
      expect([id, v3]).toEqual([id, `1.${number <= 2 ? number : number + 1}`]);
      expect([id, v6]).toEqual([id, `2.${number}`]);
    }
  });

  it('security questions are CIS v3.0.0 and v4.0.1 1.3 only (v5.0.0 dropped them)', () => {
    expect(
      attestationDefinition('security-questions').references.filter(
        (reference) => reference.standard === 'cis-aws-foundations',
      ),
    ).toEqual(cis({ '3.0.0': '1.3', '4.0.1': '1.3' }));
    expect(attestationDefinition('my-own-check').references).toEqual([]);
  });

  it('findings carry their control references', () => {
    const policy = policyWith({ root: { accessKeys: 'forbidden' } });
    const definition = controlDefinition('root.accessKeys');
    if (!definition) throw new Error('root.accessKeys is missing');
    const finding = makeFinding(policy, definition, {
      status: 'pass',
      resource: 'root',
      expected: '',
      actual: '',
      message: '',
    });
    expect(finding.references).toEqual(definition.references);
    expect(cisIds(finding.references, '5.0.0')).toEqual(['1.3']);
    const { findings } = evaluate(
      policyWith({ passwordPolicy: { minimumLength: 14 } }),
      stateWith({ passwordPolicy: { ok: true, value: null } }),
      NOW,
    );
    expect(findings.every((item) => Array.isArray(item.references))).toBe(true);
    expect(findings.find((item) => item.control === 'passwordPolicy.minimumLength')?.references).toEqual(
      controlDefinition('passwordPolicy.minimumLength')?.references,
    );
  });

  it('labels and tags name the version', () => {
    const references = cis({ '3.0.0': '1.4', '5.0.0': '1.3' });
    expect(cisLabel(references)).toBe('CIS 5.0.0 1.3');
    expect(cisLabel(references, '3.0.0')).toBe('CIS 3.0.0 1.4');
    expect(cisLabel(references, '7.0.0')).toBeUndefined();
    expect(references.map(referenceTag)).toEqual(['CIS-3.0.0-1.4', 'CIS-5.0.0-1.3']);
    expect(securityHub('IAM.4').map(referenceTag)).toEqual(['IAM.4']);
  });
});
