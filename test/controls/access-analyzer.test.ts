/**
 * accessAnalyzer.required: pass/fail edges on built state, and account:ListRegions + ListAnalyzers read over
 * the wire with the real SDK clients (pagination, one client per region, errors per region).
 */
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/findings.js';
import type { AccountState, Analyzer } from '../../src/state/types.js';
import { evaluateAccessAnalyzer } from '../../src/controls/access-analyzer.js';
import { controlDefinition, requiredSources } from '../../src/controls/registry.js';
import { AwsConnection } from '../../src/state/aws-clients.js';
import { collectAccountState } from '../../src/state/collect.js';
import { startAwsServer, type AwsServerOptions } from '../support/aws-server.mjs';
import { NOW, denied, ok, policyWith, stateWith } from '../support/builders.js';

const ACCOUNT = '111122223333';

function judge(accountState: AccountState): Finding[] {
  return evaluateAccessAnalyzer({
    policy: policyWith({ accessAnalyzer: { required: true } }),
    state: accountState,
    now: NOW,
  });
}

const analyzer = (overrides: Partial<Analyzer> = {}): Analyzer => ({
  name: 'account-analyzer',
  type: 'ACCOUNT',
  status: 'ACTIVE',
  ...overrides,
});

function regionsWith(analyzers: Record<string, Analyzer[]>): AccountState {
  return stateWith({
    enabledRegions: ok(Object.keys(analyzers)),
    accessAnalyzers: Object.fromEntries(Object.entries(analyzers).map(([region, list]) => [region, ok(list)])),
  });
}

describe('accessAnalyzer.required', () => {
  it('passes each region with an active account or organization analyzer, one finding per region', () => {
    const findings = judge(
      regionsWith({ 'us-east-1': [analyzer()], 'eu-west-1': [analyzer({ name: 'org', type: 'ORGANIZATION' })] }),
    );
    expect(findings.map((finding) => [finding.resource, finding.status])).toEqual([
      ['region:us-east-1', 'pass'],
      ['region:eu-west-1', 'pass'],
    ]);
  });

  it('fails a region without an analyzer, and one with only an unused-access or inactive analyzer', () => {
    const findings = judge(
      regionsWith({
        'us-east-1': [],
        'eu-west-1': [analyzer({ type: 'ACCOUNT_UNUSED_ACCESS' })],
        'ap-south-1': [analyzer({ status: 'DISABLED' })],
        'sa-east-1': [analyzer({ status: 'CREATING' }), analyzer({ name: 'second' })],
      }),
    );
    expect(findings.map((finding) => finding.status)).toEqual(['fail', 'fail', 'fail', 'pass']);
    expect(findings[0]?.message).toContain('delegated administrator');
  });

  it('is an error when the regions, or one region, could not be read', () => {
    expect(judge(stateWith({ enabledRegions: denied('account:ListRegions') }))).toEqual([
      expect.objectContaining({ status: 'error', resource: 'regions' }),
    ]);
    expect(judge(stateWith())).toEqual([expect.objectContaining({ status: 'error' })]);
    expect(judge(stateWith({ enabledRegions: ok([]) }))[0]?.status).toBe('error');
    const oneDenied = stateWith({
      enabledRegions: ok(['us-east-1', 'eu-west-1']),
      accessAnalyzers: { 'us-east-1': ok([analyzer()]), 'eu-west-1': denied('access-analyzer:ListAnalyzers') },
    });
    expect(judge(oneDenied).map((finding) => finding.status)).toEqual(['pass', 'error']);
  });

  it('reads the regions and analyzers only when asked, with their permissions', () => {
    expect(controlDefinition('accessAnalyzer.required')?.permissions).toEqual([
      'account:ListRegions',
      'access-analyzer:ListAnalyzers',
    ]);
    expect([...requiredSources(policyWith({ accessAnalyzer: { required: true } }))]).toEqual([
      'enabledRegions',
      'accessAnalyzers',
    ]);
    expect([...requiredSources(policyWith({ root: { accessKeys: 'forbidden' } }))]).not.toContain('accessAnalyzers');
  });
});

describe('account:ListRegions and ListAnalyzers over the wire', () => {
  async function collect(options: AwsServerOptions): Promise<{ state: AccountState; operations: string[] }> {
    const server = await startAwsServer(options);
    const saved = process.env['AWS_ENDPOINT_URL'];
    process.env['AWS_ENDPOINT_URL'] = server.url;
    const aws = new AwsConnection({
      credentials: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' },
      region: 'us-east-1',
      maxAttempts: 1,
    });
    try {
      const state = await collectAccountState(aws.clients(), {
        sources: new Set(['enabledRegions', 'accessAnalyzers']),
        now: NOW,
      });
      return { state, operations: server.requests.map((request) => request.operation) };
    } finally {
      aws.destroy();
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL'];
      else process.env['AWS_ENDPOINT_URL'] = saved;
      await server.close();
    }
  }

  // 60 regions: two ListRegions pages of 50, only the enabled ones asked about.
  const many = Array.from({ length: 60 }, (_, index) => ({
    name: `xx-test-${index + 1}`,
    status: index % 3 === 0 ? ('DISABLED' as const) : ('ENABLED' as const),
  }));

  it('follows NextToken, keeps ENABLED and ENABLED_BY_DEFAULT regions, and asks each one in its own region', async () => {
    const { state, operations } = await collect({
      accounts: [
        {
          accountId: ACCOUNT,
          regions: [
            { name: 'us-east-1', status: 'ENABLED_BY_DEFAULT' },
            { name: 'me-south-1', status: 'DISABLING' },
            ...many,
          ],
          analyzers: {
            'us-east-1': Array.from({ length: 12 }, (_, index) => ({
              name: `unused-${index}`,
              type: 'ACCOUNT_UNUSED_ACCESS',
            })).concat([{ name: 'last', type: 'ORGANIZATION' }]),
          },
        },
      ],
    });
    const enabled = ['us-east-1', ...many.filter((region) => region.status === 'ENABLED').map((region) => region.name)];
    expect(state.enabledRegions).toEqual({ ok: true, value: enabled });
    expect(operations.filter((operation) => operation === 'ListRegions')).toHaveLength(2);
    // 13 analyzers in us-east-1: two pages of 10; every other region one empty page.
    expect(state.accessAnalyzers?.['us-east-1']).toEqual({
      ok: true,
      value: expect.arrayContaining([{ name: 'last', type: 'ORGANIZATION', status: 'ACTIVE' }]),
    });
    expect(operations.filter((operation) => operation === 'ListAnalyzers')).toHaveLength(enabled.length + 1);
    const findings = judge(state);
    expect(findings.filter((finding) => finding.status === 'pass').map((finding) => finding.resource)).toEqual([
      'region:us-east-1',
    ]);
    expect(findings).toHaveLength(enabled.length);
  });

  it("keeps a denied region as that region's error, and a denied ListRegions as the control's", async () => {
    const { state } = await collect({
      accounts: [
        {
          accountId: ACCOUNT,
          analyzers: { 'us-east-1': [{ name: 'a', type: 'ACCOUNT' }] },
          faults: [{ operation: 'ListAnalyzers', kind: 'accessDenied', skip: 1 }],
        },
      ],
    });
    expect(state.accessAnalyzers?.['us-east-1']?.ok !== state.accessAnalyzers?.['eu-west-1']?.ok).toBe(true);
    const failed = Object.values(state.accessAnalyzers ?? {}).find((read) => !read.ok);
    expect(failed).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'AccessDenied', action: 'access-analyzer:ListAnalyzers' }),
    });

    const deniedRegions = await collect({
      accounts: [{ accountId: ACCOUNT, faults: [{ operation: 'ListRegions', kind: 'accessDenied' }] }],
    });
    expect(deniedRegions.state.enabledRegions).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'AccessDenied', action: 'account:ListRegions' }),
    });
    expect(deniedRegions.state.accessAnalyzers).toBeUndefined();
    expect(judge(deniedRegions.state)).toEqual([
      expect.objectContaining({
        status: 'error',
        message: expect.stringContaining('the role needs account:ListRegions'),
      }),
    ]);
  });

  it('treats a page without the list as malformed, never as an empty success', async () => {
    const { state } = await collect({
      accounts: [
        { accountId: ACCOUNT, faults: [{ operation: 'ListAnalyzers', kind: 'missingField', field: 'analyzers' }] },
      ],
    });
    const reads = Object.values(state.accessAnalyzers ?? {});
    expect(reads.some((read) => !read.ok && read.error.code === 'MalformedResponse')).toBe(true);
  });
});
