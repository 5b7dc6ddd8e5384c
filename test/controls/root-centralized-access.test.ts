/**
 * root.centralizedAccess: pass/fail edges on built state, and the member / outside-an-organization answers as
 * the real SDK reads them from the local AWS-protocol server.
 */
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { AccountState } from '../../src/state/types.js';
import { controlDefinition, requiredSources } from '../../src/controls/registry.js';
import { evaluateRoot } from '../../src/controls/root.js';
import { AwsConnection } from '../../src/state/aws-clients.js';
import { collectAccountState } from '../../src/state/collect.js';
import { startAwsServer, type AwsServerOptions, type OrganizationFixture } from '../support/aws-server.mjs';
import { NOW, denied, ok, policyWith, stateWith } from '../support/builders.js';

const MANAGEMENT = '111122223333';
const MEMBER = '444455556666';

function judge(accountState: AccountState): Finding {
  const findings = evaluateRoot({
    policy: policyWith({ root: { centralizedAccess: 'required' } }),
    state: accountState,
    now: NOW,
  });
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
}

const features = (enabled: string[]): AccountState =>
  stateWith({ organizationsFeatures: ok({ organizationId: 'o-abcdefghij', enabledFeatures: enabled }) });
const failed = (code: string): AccountState =>
  stateWith({
    organizationsFeatures: { ok: false, error: { code, message: 'rejected', action: 'iam:ListOrganizationsFeatures' } },
  });

describe('root.centralizedAccess', () => {
  it('passes with both RootCredentialsManagement and RootSessions', () => {
    expect(judge(features(['RootSessions', 'RootCredentialsManagement']))).toMatchObject({
      status: 'pass',
      resource: 'o-abcdefghij',
      control: 'root.centralizedAccess',
    });
  });

  it('fails with one feature missing, or none', () => {
    expect(judge(features(['RootCredentialsManagement']))).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('RootSessions is off'),
    });
    expect(judge(features([]))).toMatchObject({ status: 'fail', actual: 'none enabled' });
  });

  it('is skipped, with the reason, in a member account and outside an organization', () => {
    expect(judge(failed('AccountNotManagementOrDelegatedAdministratorException'))).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('member'),
    });
    expect(judge(failed('OrganizationNotFoundException'))).toMatchObject({
      status: 'skipped',
      message: expect.stringContaining('not in an organization'),
    });
  });

  it('fails an organization without all features, where it cannot be enabled', () => {
    expect(judge(failed('OrganizationNotInAllFeaturesModeException')).status).toBe('fail');
  });

  it('is an error when the call is denied, or was not collected', () => {
    expect(judge(stateWith({ organizationsFeatures: denied('iam:ListOrganizationsFeatures') }))).toMatchObject({
      status: 'error',
      message: expect.stringContaining('the role needs iam:ListOrganizationsFeatures'),
    });
    expect(judge(stateWith()).status).toBe('error');
  });

  it('requires iam:ListOrganizationsFeatures, and reads only that', () => {
    expect(controlDefinition('root.centralizedAccess')?.permissions).toEqual(['iam:ListOrganizationsFeatures']);
    expect([...requiredSources(policyWith({ root: { centralizedAccess: 'required' } }))].sort()).toEqual([
      'accountSummary',
      'credentialReport',
      'organizationsFeatures',
    ]);
  });
});

describe('root.centralizedAccess over the wire', () => {
  const organization = (rootFeatures: string[]): OrganizationFixture => ({
    id: 'o-abcdefghij',
    masterAccountId: MANAGEMENT,
    rootFeatures,
    roots: [{ id: 'r-ab12', accounts: [MANAGEMENT, MEMBER] }],
  });

  async function checkAs(options: AwsServerOptions): Promise<Finding> {
    const server = await startAwsServer(options);
    const saved = process.env['AWS_ENDPOINT_URL'];
    process.env['AWS_ENDPOINT_URL'] = server.url;
    const aws = new AwsConnection({
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' },
      region: 'us-east-1',
    });
    try {
      const accountState = await collectAccountState(aws.clients(), {
        sources: new Set(['organizationsFeatures']),
        now: NOW,
      });
      return judge(accountState);
    } finally {
      aws.destroy();
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL'];
      else process.env['AWS_ENDPOINT_URL'] = saved;
      await server.close();
    }
  }

  it('passes in the management account with both features', async () => {
    const finding = await checkAs({
      accounts: [{ accountId: MANAGEMENT }, { accountId: MEMBER }],
      organization: organization(['RootCredentialsManagement', 'RootSessions']),
    });
    expect(finding.status).toBe('pass');
  });

  it('is skipped in a member account (AccountNotManagementOrDelegatedAdministratorException)', async () => {
    const finding = await checkAs({
      accounts: [{ accountId: MEMBER }, { accountId: MANAGEMENT }],
      organization: organization(['RootCredentialsManagement', 'RootSessions']),
    });
    expect(finding).toMatchObject({
      status: 'skipped',
      actual: 'AccountNotManagementOrDelegatedAdministratorException',
    });
  });

  it('is skipped outside an organization (OrganizationNotFoundException)', async () => {
    const finding = await checkAs({ accounts: [{ accountId: MEMBER }] });
    expect(finding).toMatchObject({ status: 'skipped', actual: 'OrganizationNotFoundException' });
  });
});
