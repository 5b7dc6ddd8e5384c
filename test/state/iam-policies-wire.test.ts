/**
 * GetAccountAuthorizationDetails and ListServerCertificates over the wire: the real SDK IAM client against the
 * local AWS-protocol server (query protocol, AWS's XML shapes, pagination, errors).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { AccountClient } from '@aws-sdk/client-account';
import type { AwsClients } from '../../src/state/aws-clients.js';
import { collectAccountState } from '../../src/state/collect.js';
import type { DataSource } from '../../src/state/sources.js';
import { requiredSources } from '../../src/controls/registry.js';
import { policyWith } from '../support/builders.js';
import { startAwsServer, type AccountFixture, type AwsServer } from '../support/aws-server.mjs';
import { rootAccountRow } from '../support/credential-report-csv.mjs';

const ACCOUNT = '111122223333';
const NOW = new Date('2026-11-26T12:00:00Z');
const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-secret' };
const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const READ = {
  Version: '2012-10-17',
  Statement: { Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: 'arn:aws:s3:::b/*' },
};

const FIXTURE: AccountFixture = {
  accountId: ACCOUNT,
  // Fresh: read with one GetCredentialReport, no generation.
  credentialReport: { rows: [rootAccountRow(ACCOUNT)], generatedAt: '2026-11-26T11:00:00Z' },
  authorization: {
    users: [
      { name: 'alice', groups: ['admins'] },
      {
        name: 'bob',
        attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        inlinePolicies: [{ name: "bob's (odd) policy!", document: READ }],
      },
    ],
    groups: [
      {
        name: 'admins',
        attachedPolicies: ['arn:aws:iam::aws:policy/AWSCloudShellFullAccess'],
        inlinePolicies: [{ name: 'all', document: ADMIN }],
      },
    ],
    roles: [
      { name: 'support', path: '/ops/', attachedPolicies: ['arn:aws:iam::aws:policy/AWSSupportAccess'] },
      { name: 'app', inlinePolicies: [{ name: 'read', document: READ }] },
    ],
    policies: [{ name: 'everything', attachmentCount: 2, document: ADMIN }],
  },
  serverCertificates: [
    { name: 'old', expiration: '2025-01-01T00:00:00Z' },
    { name: 'new', path: '/cloudfront/', expiration: '2027-06-01T00:00:00Z' },
    { name: 'other', expiration: '2028-01-01T00:00:00Z' },
  ],
};

let server: AwsServer;
let clients: AwsClients;

function makeClients(maxAttempts: number): AwsClients {
  const config = { endpoint: server.url, region: 'us-east-1', credentials, maxAttempts };
  return { iam: new IAMClient(config), sts: new STSClient(config), account: new AccountClient(config) };
}

function destroy(used: AwsClients): void {
  used.iam.destroy();
  used.sts.destroy();
  used.account.destroy();
}

beforeAll(async () => {
  server = await startAwsServer({ accounts: [FIXTURE] });
  clients = makeClients(1);
});

afterAll(async () => {
  destroy(clients);
  await server.close();
});

beforeEach(() => server.reset());

function collect(sources: DataSource[], using = clients) {
  return collectAccountState(using, { sources: new Set(sources), now: NOW });
}

function operations(): string[] {
  return server.requests.map((request) => request.operation);
}

describe('iam:GetAccountAuthorizationDetails', () => {
  it('reads users, groups, roles and local policies with URL-decoded documents, on one page', async () => {
    const state = await collect(['authorizationDetails']);
    expect(state.authorizationDetails).toEqual({
      ok: true,
      value: {
        users: [
          { name: 'alice', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, attachedPolicies: [], inlinePolicies: [] },
          {
            name: 'bob',
            arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
            attachedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
            inlinePolicies: [{ name: "bob's (odd) policy!", document: READ }],
          },
        ],
        groups: [
          {
            name: 'admins',
            arn: `arn:aws:iam::${ACCOUNT}:group/admins`,
            attachedPolicies: ['arn:aws:iam::aws:policy/AWSCloudShellFullAccess'],
            inlinePolicies: [{ name: 'all', document: ADMIN }],
          },
        ],
        roles: [
          {
            name: 'support',
            arn: `arn:aws:iam::${ACCOUNT}:role/ops/support`,
            attachedPolicies: ['arn:aws:iam::aws:policy/AWSSupportAccess'],
            inlinePolicies: [],
          },
          {
            name: 'app',
            arn: `arn:aws:iam::${ACCOUNT}:role/app`,
            attachedPolicies: [],
            inlinePolicies: [{ name: 'read', document: READ }],
          },
        ],
        // The default version's document (v2), not the older v1 the server also lists.
        policies: [
          { name: 'everything', arn: `arn:aws:iam::${ACCOUNT}:policy/everything`, attachmentCount: 2, document: ADMIN },
        ],
      },
    });
    expect(operations().sort()).toEqual(['GetAccountAuthorizationDetails', 'GetCallerIdentity']);
    expect(
      server.requests.find((request) => request.operation === 'GetAccountAuthorizationDetails')?.params,
    ).toMatchObject({
      'Filter.member.1': 'User',
      'Filter.member.2': 'Group',
      'Filter.member.3': 'Role',
      'Filter.member.4': 'LocalManagedPolicy',
    });
  });

  it('follows IsTruncated and Marker across pages, keeping every entity', async () => {
    const many: AccountFixture = {
      accountId: ACCOUNT,
      authorization: {
        users: Array.from({ length: 1203 }, (_, index) => ({ name: `user-${index}` })),
        roles: [{ name: 'last' }],
      },
    };
    const paged = await startAwsServer({ accounts: [many] });
    const pagedClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: paged.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect(['authorizationDetails'], pagedClients);
      expect(state.authorizationDetails?.ok && state.authorizationDetails.value.users).toHaveLength(1203);
      expect(state.authorizationDetails?.ok && state.authorizationDetails.value.roles.map((role) => role.name)).toEqual(
        ['last'],
      );
      const pages = paged.requests.filter((request) => request.operation === 'GetAccountAuthorizationDetails');
      expect(pages).toHaveLength(2);
      expect(pages[1]?.params['Marker']).toEqual(expect.any(String));
    } finally {
      destroy(pagedClients);
      await paged.close();
    }
  });

  it.each([
    ['a document that is not JSON', { document: '{"Statement": [' }, /not JSON/],
    ['a document that is not URL-encoded', { rawDocument: '%E0%A4%A' }, /not URL-encoded/],
  ])('is an error, never a shorter list, for %s', async (_label, document, message) => {
    const broken = await startAwsServer({
      accounts: [
        { accountId: ACCOUNT, authorization: { roles: [{ name: 'r', inlinePolicies: [{ name: 'p', ...document }] }] } },
      ],
    });
    const brokenClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: broken.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect(['authorizationDetails'], brokenClients);
      expect(state.authorizationDetails).toEqual({
        ok: false,
        error: {
          code: 'MalformedResponse',
          message: expect.stringMatching(message),
          action: 'iam:GetAccountAuthorizationDetails',
        },
      });
    } finally {
      destroy(brokenClients);
      await broken.close();
    }
  });

  it.each([
    ['accessDenied', 'AccessDenied'],
    ['throttle', 'Throttling'],
  ])('keeps the %s answer as the source error', async (kind, code) => {
    const faulty = await startAwsServer({
      accounts: [
        { ...FIXTURE, faults: [{ operation: 'GetAccountAuthorizationDetails', kind: kind as 'accessDenied' }] },
      ],
    });
    const faultyClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: faulty.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect(['authorizationDetails'], faultyClients);
      expect(state.authorizationDetails).toEqual({
        ok: false,
        error: expect.objectContaining({ code, action: 'iam:GetAccountAuthorizationDetails' }),
      });
    } finally {
      destroy(faultyClients);
      await faulty.close();
    }
  });

  it('is an error when the answer is cut off', async () => {
    const faulty = await startAwsServer({
      accounts: [{ ...FIXTURE, faults: [{ operation: 'GetAccountAuthorizationDetails', kind: 'malformed' }] }],
    });
    const faultyClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: faulty.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect(['authorizationDetails'], faultyClients);
      expect(state.authorizationDetails?.ok).toBe(false);
    } finally {
      destroy(faultyClients);
      await faulty.close();
    }
  });
});

describe('answers that must not be believed', () => {
  it.each([
    ['GetAccountAuthorizationDetails', 'emptyBody', 'authorizationDetails'],
    ['GetAccountAuthorizationDetails', 'html', 'authorizationDetails'],
    ['GetAccountAuthorizationDetails', 'truncatedNoMarker', 'authorizationDetails'],
    ['ListServerCertificates', 'emptyBody', 'serverCertificates'],
    ['ListServerCertificates', 'truncatedNoMarker', 'serverCertificates'],
  ] as const)('%s answered with %s is an error, never an empty list', async (operation, kind, source) => {
    const faulty = await startAwsServer({ accounts: [{ ...FIXTURE, faults: [{ operation, kind }] }] });
    const faultyClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: faulty.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect([source], faultyClients);
      expect(state[source]?.ok).toBe(false);
    } finally {
      destroy(faultyClients);
      await faulty.close();
    }
  });
});

describe('iam:ListServerCertificates', () => {
  it('reads every certificate with its expiry', async () => {
    const state = await collect(['serverCertificates']);
    expect(state.serverCertificates).toEqual({
      ok: true,
      value: [
        { name: 'old', arn: `arn:aws:iam::${ACCOUNT}:server-certificate/old`, expiration: '2025-01-01T00:00:00.000Z' },
        {
          name: 'new',
          arn: `arn:aws:iam::${ACCOUNT}:server-certificate/cloudfront/new`,
          expiration: '2027-06-01T00:00:00.000Z',
        },
        {
          name: 'other',
          arn: `arn:aws:iam::${ACCOUNT}:server-certificate/other`,
          expiration: '2028-01-01T00:00:00.000Z',
        },
      ],
    });
  });

  it('follows Marker pages', async () => {
    const many = await startAwsServer({
      accounts: [
        {
          accountId: ACCOUNT,
          serverCertificates: Array.from({ length: 250 }, (_, index) => ({
            name: `c${index}`,
            expiration: '2027-01-01T00:00:00Z',
          })),
        },
      ],
    });
    const manyClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: many.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect(['serverCertificates'], manyClients);
      expect(state.serverCertificates?.ok && state.serverCertificates.value).toHaveLength(250);
      expect(many.requests.filter((request) => request.operation === 'ListServerCertificates')).toHaveLength(3);
    } finally {
      destroy(manyClients);
      await many.close();
    }
  });

  it('is an error when a certificate comes without its Expiration', async () => {
    const broken = await startAwsServer({ accounts: [{ accountId: ACCOUNT, serverCertificates: [{ name: 'x' }] }] });
    const brokenClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: broken.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect(['serverCertificates'], brokenClients);
      expect(state.serverCertificates).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'MalformedResponse', action: 'iam:ListServerCertificates' }),
      });
    } finally {
      destroy(brokenClients);
      await broken.close();
    }
  });

  it('keeps AccessDenied as the source error', async () => {
    const faulty = await startAwsServer({
      accounts: [{ ...FIXTURE, faults: [{ operation: 'ListServerCertificates', kind: 'accessDenied' }] }],
    });
    const faultyClients = {
      ...makeClients(1),
      iam: new IAMClient({ endpoint: faulty.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    };
    try {
      const state = await collect(['serverCertificates'], faultyClients);
      expect(state.serverCertificates).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'AccessDenied', action: 'iam:ListServerCertificates' }),
      });
    } finally {
      destroy(faultyClients);
      await faulty.close();
    }
  });
});

describe('round trips', () => {
  it("the first build's controls read neither new source: one parallel round of calls", async () => {
    const policy = policyWith({
      passwordPolicy: { minimumLength: 14 },
      root: { mfa: 'required', accessKeys: 'forbidden' },
      iamUsers: { consoleMfa: 'required', maxUnusedCredentialDays: 45 },
    });
    const sources = [...requiredSources(policy)];
    expect(sources).not.toContain('authorizationDetails');
    expect(sources).not.toContain('serverCertificates');
    const state = await collect(sources);
    expect(state.authorizationDetails).toBeUndefined();
    // One call per source, all independent and started together (one round trip); none of the new operations.
    expect(operations().sort()).toEqual([
      'GetAccountPasswordPolicy',
      'GetAccountSummary',
      'GetCallerIdentity',
      'GetCredentialReport',
      'ListOrganizationsFeatures',
    ]);
  });

  it('an iamPolicies control adds exactly one GetAccountAuthorizationDetails call (one page)', async () => {
    const policy = policyWith({ iamPolicies: { fullAdminPolicies: 'forbidden', supportRole: 'required' } });
    const sources = [...requiredSources(policy)];
    expect(sources).toEqual(['authorizationDetails']);
    await collect(sources);
    expect(operations().sort()).toEqual(['GetAccountAuthorizationDetails', 'GetCallerIdentity']);
  });
});
