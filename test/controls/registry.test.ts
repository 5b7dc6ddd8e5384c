/** The registry is the one source of controls: what is derived from it must follow it exactly. */
import { readFileSync } from 'node:fs';
import {
  AREAS,
  AREA_TITLES,
  CONTROLS,
  contextOnlySources,
  controlDefinition,
  requiredParts,
  requiredSources,
} from '../../src/controls/registry.js';
import { buildPolicySchema, sectionSchema } from '../../src/controls/policy-schema.js';
import { applyPolicy, readOnlyPolicy } from '../../src/controls/docs-tables.js';
import { SOURCE_ACTIONS } from '../../src/state/sources.js';
import { NOW, policyWith, stateWith } from '../support/builders.js';

describe('the control registry', () => {
  it('gives every control a unique ID that is its YAML path (area.key)', () => {
    const ids = CONTROLS.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const control of CONTROLS) expect(control.id).toBe(`${control.area}.${control.key}`);
  });

  it('gives every control a title, a remediation and an AWS documentation link', () => {
    for (const control of CONTROLS) {
      expect(control.title.length).toBeGreaterThan(10);
      expect(control.remediation.length).toBeGreaterThan(20);
      expect(control.docs).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    }
  });

  it('has a report title for every area, in registry order', () => {
    expect(Object.keys(AREA_TITLES)).toEqual(AREAS.map((area) => area.id));
  });

  it('derives permissions from the sources, leaving best-effort context out', () => {
    const permissions = (id: string) => controlDefinition(id)?.permissions;
    expect(permissions('account.id')).toEqual(['sts:GetCallerIdentity']);
    expect(permissions('root.mfa')).toEqual([
      'iam:GetAccountSummary',
      'iam:ListVirtualMFADevices',
      'iam:GenerateCredentialReport',
      'iam:GetCredentialReport',
    ]);
    expect(permissions('contacts.primary')).toEqual(['account:GetContactInformation']);
    expect(permissions('attestations.*')).toEqual([]);
    // Best-effort context for the root area, required only by the control that reads nothing else.
    expect(
      CONTROLS.filter((control) => control.permissions.includes('iam:ListOrganizationsFeatures')).map(
        (control) => control.id,
      ),
    ).toEqual(['root.centralizedAccess']);
  });

  it("resolves named entries to their area's generic control and nothing else", () => {
    expect(controlDefinition('attestations.door-locked')?.id).toBe('attestations.*');
    expect(controlDefinition('root.nope')).toBeUndefined();
    expect(controlDefinition('nonsense')).toBeUndefined();
  });
});

describe('derived files', () => {
  it('policies/schema.json is the schema built from the registry', () => {
    expect(JSON.parse(readFileSync('policies/schema.json', 'utf8'))).toEqual(buildPolicySchema());
  });

  it('each section of the schema holds exactly the keys of its controls', () => {
    for (const area of AREAS.filter((candidate) => !candidate.sectionSchema)) {
      const properties = Object.keys(sectionSchema(area)['properties'] as object);
      expect(properties).toEqual(area.definitions.filter((control) => control.schema).map((control) => control.key));
    }
  });

  it('the read-only IAM policy grants exactly the actions of the sources', () => {
    expect(JSON.parse(readFileSync('policies/iam/read-only.json', 'utf8'))).toEqual(readOnlyPolicy());
    expect(readOnlyPolicy().Statement[0]?.Action.sort()).toEqual(
      [...new Set(Object.values(SOURCE_ACTIONS).flat())].sort(),
    );
  });

  it('the apply policy grants the writes and their read-backs only', () => {
    expect(JSON.parse(readFileSync('policies/iam/apply.json', 'utf8'))).toEqual(applyPolicy());
    expect(applyPolicy().Statement.map((statement) => statement.Action)).toEqual([
      ['iam:UpdateAccountPasswordPolicy', 'account:PutAlternateContact'],
      ['iam:GetAccountPasswordPolicy', 'account:GetAlternateContact'],
    ]);
  });
});

describe('requiredSources', () => {
  const sources = (body: Parameters<typeof policyWith>[0]) => [...requiredSources(policyWith(body))].sort();

  it('reads only what the declared controls need', () => {
    expect(sources({ passwordPolicy: { minimumLength: 14 } })).toEqual(['passwordPolicy']);
    expect(sources({ contacts: { primary: { required: true } } })).toEqual(['contactInformation']);
    expect(sources({ contacts: { security: { required: true } } })).toEqual(['alternateContacts']);
    expect(sources({ iamUsers: { consoleMfa: 'required' } })).toEqual(['credentialReport']);
    expect(sources({ attestations: { x: { maxAgeDays: 1 } } })).toEqual([]);
    expect(sources({ account: { id: '111122223333' } })).toEqual([]);
  });

  it('reads the root context with any root control, and virtual MFA devices only for hardware MFA', () => {
    expect(sources({ root: { mfa: 'required' } })).toEqual([
      'accountSummary',
      'credentialReport',
      'organizationsFeatures',
    ]);
    expect(sources({ root: { mfa: 'hardware' } })).toEqual([
      'accountSummary',
      'credentialReport',
      'organizationsFeatures',
      'virtualMfaDevices',
    ]);
    expect(sources({ root: { maxDaysSinceLastUse: 30 } })).toEqual([
      'accountSummary',
      'credentialReport',
      'organizationsFeatures',
    ]);
  });

  it('reads nothing for an empty section, and includes what targets declare', () => {
    expect(sources({ passwordPolicy: {} })).toEqual(['passwordPolicy']);
    expect(sources({ root: {}, contacts: {}, iamUsers: {} })).toEqual([]);
    expect(sources({ targets: [{ accounts: ['111122223333'], iamUsers: { maxActiveAccessKeys: 1 } }] })).toEqual([
      'credentialReport',
    ]);
  });
});

describe('contextOnlySources', () => {
  const contextOnly = (body: Parameters<typeof policyWith>[0]) => [...contextOnlySources(policyWith(body))].sort();

  it('names what an area reads as context only, and nothing a declared control reads itself', () => {
    expect(contextOnly({ root: { mfa: 'required' } })).toEqual(['organizationsFeatures']);
    expect(contextOnly({ root: { mfa: 'required', centralizedAccess: 'required' } })).toEqual([]);
    expect(
      contextOnly({
        root: { mfa: 'required' },
        targets: [{ accounts: ['111122223333'], root: { centralizedAccess: 'required' } }],
      }),
    ).toEqual([]);
    expect(contextOnly({ passwordPolicy: { minimumLength: 14 } })).toEqual([]);
  });
});

describe('requiredParts', () => {
  const parts = (body: Parameters<typeof policyWith>[0]) => requiredParts(policyWith(body));
  const contact = { required: true };

  it('reads only the alternate contacts declared, one call each', () => {
    expect(parts({ contacts: { security: contact } })).toEqual({ alternateContacts: ['SECURITY'] });
    expect(parts({ contacts: { security: contact, billing: contact } })).toEqual({
      alternateContacts: ['BILLING', 'SECURITY'],
    });
  });

  it('adds up what targets declare', () => {
    expect(
      parts({
        contacts: { security: contact },
        targets: [{ accounts: ['111122223333'], contacts: { operations: contact } }],
      }),
    ).toEqual({ alternateContacts: ['OPERATIONS', 'SECURITY'] });
  });

  it('reads all three when a control needs them all (distinct), and names nothing for sources read whole', () => {
    expect(parts({ contacts: { security: contact, distinct: true } })).toEqual({});
    expect(parts({ targets: [{ accounts: ['111122223333'], contacts: { distinct: true } }] })).toEqual({});
    expect(parts({ passwordPolicy: { minimumLength: 14 }, root: { mfa: 'required' } })).toEqual({});
    expect(parts({ contacts: { primary: contact } })).toEqual({});
  });
});

describe('evaluate dispatch', () => {
  it('an area whose section is absent yields no finding', () => {
    for (const area of AREAS)
      expect(area.evaluate({ policy: policyWith({}), state: stateWith(), now: NOW })).toEqual([]);
  });
});
