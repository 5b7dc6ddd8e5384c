/**
 * Organization runs end to end: the built CLI against the local AWS-protocol server emulating an organization
 * of 60 accounts in nested OUs (one suspended, one whose member role cannot be assumed). A single job, then
 * discover -> 4 shards -> merge, must give the same report byte for byte (generatedAt aside).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { awsEnv, startAwsServer, type AccountFixture, type AwsServer } from '../support/aws-server.mjs';
import { iamUserRow, rootAccountRow } from '../support/credential-report-csv.mjs';
import { runCli } from '../support/run-dist.js';
import type { OrgReport } from '../../src/report/org-report.js';
import type { ShardMatrix } from '../../src/organization-run/shard.js';
import { strongPasswordPolicy } from '../support/builders.js';

const POLICY = 'test/e2e/fixtures/organization.yml';
const HUB = '999999999999';
const MEMBER_COUNT = 60;
const ids = Array.from({ length: MEMBER_COUNT }, (_, index) => String(200000000000 + index * 1013));
const LOCKED = ids[17] as string;
const SUSPENDED = ids[33] as string;
/** prod: 0-19, dev: 20-39, dev/sandbox: 40-54, directly under the root: 55-59. */
const prod = ids.slice(0, 20);
const dev = ids.slice(20, 40);
const sandbox = ids.slice(40, 55);
const underRoot = ids.slice(55);

/** Each account's live state follows from its index, so the expected findings can be derived independently. */
interface Traits {
  passwordLength: number | null;
  rootMfa: boolean;
  securityContact: boolean;
  userWithoutMfa: boolean;
}

function traits(index: number): Traits {
  return {
    passwordLength: index % 5 === 0 ? null : index % 3 === 0 ? 10 : 14,
    rootMfa: index % 4 !== 1,
    securityContact: index % 6 !== 2,
    userWithoutMfa: index % 7 === 3,
  };
}

function fixture(accountId: string, index: number, reportAt: string): AccountFixture {
  const t = traits(index);
  return {
    accountId,
    name: `member-${index}`,
    ...(accountId === LOCKED ? { assumable: false } : {}),
    ...(accountId === SUSPENDED ? { status: 'SUSPENDED' as const } : {}),
    passwordPolicy:
      t.passwordLength === null ? null : strongPasswordPolicy({ minimumPasswordLength: t.passwordLength }),
    accountSummary: {
      AccountMFAEnabled: t.rootMfa ? 1 : 0,
      AccountAccessKeysPresent: 0,
      AccountSigningCertificatesPresent: 0,
      Users: 1,
    },
    credentialReport: {
      generatedAt: reportAt,
      rows: [
        rootAccountRow(accountId, { password_enabled: 'true', mfa_active: String(t.rootMfa) }),
        iamUserRow(accountId, 'deployer', { mfa_active: String(!t.userWithoutMfa) }),
      ],
    },
    alternateContacts: t.securityContact
      ? { SECURITY: { name: 'Sec Team', title: 'CISO', email: 'security@example.com', phone: '+1 555 0100 200' } }
      : {},
  };
}

let server: AwsServer;
let work: string;
let single: { code: number | null; text: string; report: OrgReport };

async function cli(args: string[]) {
  return runCli(args, awsEnv(server, { GITHUB_RUN_ID: '4242', GITHUB_RUN_ATTEMPT: '1' }));
}

const ORG_ARGS = [
  '--organization',
  '--policy',
  POLICY,
  '--member-role-name',
  'baseline-audit',
  '--concurrency',
  '8',
  '--format',
  'json',
];

beforeAll(async () => {
  // A credential report generated an hour ago: both runs reuse it, so they read identical state.
  const reportAt = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
  server = await startAwsServer({
    accounts: [
      { accountId: HUB, name: 'management', passwordPolicy: null },
      ...ids.map((id, index) => fixture(id, index, reportAt)),
    ],
    organization: {
      id: 'o-abcdefghij',
      masterAccountId: HUB,
      roots: [
        {
          id: 'r-ab12',
          accounts: [HUB, ...underRoot],
          organizationalUnits: [
            { id: 'ou-ab12-prod0001', name: 'prod', accounts: prod },
            {
              id: 'ou-ab12-dev00001',
              name: 'dev',
              accounts: dev,
              organizationalUnits: [{ id: 'ou-ab12-sandbox1', name: 'sandbox', accounts: sandbox }],
            },
          ],
        },
      ],
    },
  });
  work = mkdtempSync(join(tmpdir(), 'aab-org-e2e-'));
  const result = await cli(['check', ...ORG_ARGS]);
  single = { code: result.code, text: result.stdout, report: JSON.parse(result.stdout) as OrgReport };
});

afterAll(async () => {
  await server?.close();
});

function statusOf(report: OrgReport, accountId: string, control: string): string | undefined {
  return report.accounts
    .find((section) => section.id === accountId)
    ?.findings.find((finding) => finding.control === control)?.status;
}

describe('check --organization (one job)', () => {
  it('checks every ACTIVE account, hub included, and skips the suspended one', () => {
    expect(single.code).toBe(1);
    const expected = [...ids.filter((id) => id !== SUSPENDED), HUB].sort();
    expect(single.report.accounts.map((section) => section.id)).toEqual(expected);
    expect(single.report.account).toEqual({ id: null });
  });

  it("gets every reachable account's findings right, with the sandbox OU's lower password bar", () => {
    ids.forEach((id, index) => {
      if (id === LOCKED || id === SUSPENDED) return;
      const t = traits(index);
      const bar = sandbox.includes(id) ? 8 : 14;
      const lengthStatus = t.passwordLength === null ? 'skipped' : t.passwordLength >= bar ? 'pass' : 'fail';
      expect([id, 'passwordPolicy.exists', statusOf(single.report, id, 'passwordPolicy.exists')]).toEqual([
        id,
        'passwordPolicy.exists',
        t.passwordLength === null ? 'fail' : 'pass',
      ]);
      expect([id, 'passwordPolicy.minimumLength', statusOf(single.report, id, 'passwordPolicy.minimumLength')]).toEqual(
        [id, 'passwordPolicy.minimumLength', lengthStatus],
      );
      expect([id, 'root.mfa', statusOf(single.report, id, 'root.mfa')]).toEqual([
        id,
        'root.mfa',
        t.rootMfa ? 'pass' : 'fail',
      ]);
      expect([id, 'contacts.security', statusOf(single.report, id, 'contacts.security')]).toEqual([
        id,
        'contacts.security',
        t.securityContact ? 'pass' : 'fail',
      ]);
      const userMfa = single.report.accounts
        .find((section) => section.id === id)
        ?.findings.filter((finding) => finding.control === 'iamUsers.consoleMfa');
      expect([id, userMfa?.some((finding) => finding.status === 'fail')]).toEqual([id, t.userWithoutMfa]);
    });
  });

  it('reports the account whose role cannot be assumed as `error` with the cause, and goes on', () => {
    const locked = single.report.accounts.find((section) => section.id === LOCKED);
    expect(locked?.accessError).toMatch(/^AccessDenied: Cannot assume arn:aws:iam::\d{12}:role\/baseline-audit/);
    expect(locked?.findings.length).toBeGreaterThanOrEqual(4);
    for (const finding of locked?.findings ?? []) {
      expect(finding).toMatchObject({ status: 'error', account: LOCKED });
      expect(finding.message).toContain('AccessDenied');
    }
    expect(single.report.summary.error).toBe(locked?.findings.length);
  });

  it('tags every finding with its account, and masks contact e-mails by default', () => {
    expect(
      single.report.findings.every((finding) => ids.includes(finding.account ?? '') || finding.account === HUB),
    ).toBe(true);
    expect(single.report.findings.length).toBe(
      single.report.accounts.reduce((sum, section) => sum + section.findings.length, 0),
    );
    expect(single.text).not.toContain('security@example.com');
  });

  it('assumes each member role from the hub with a session name naming the run and the account', () => {
    const assumed = server.requests.filter((request) => request.operation === 'AssumeRole');
    const sessions = new Set(assumed.map((request) => request.params['RoleSessionName']));
    expect(sessions.has(`aab-4242-1-${ids[0]}`)).toBe(true);
    expect(assumed.every((request) => request.params['DurationSeconds'] === '900')).toBe(true);
  });
});

describe('what each account is asked (check --organization, one job)', () => {
  /** The operations the run sent with each account's credentials (the hub's own AssumeRoles aside). */
  function operationsOf(accountId: string): string[] {
    return server.requests
      .filter((request) => request.accountId === accountId && request.operation !== 'AssumeRole')
      .map((request) => request.operation)
      .sort();
  }

  it('asks a member only what its policy needs: no GetCallerIdentity, one contact, no organization features', () => {
    expect(operationsOf(ids[0] as string)).toEqual([
      'GetAccountPasswordPolicy',
      'GetAccountSummary',
      'GetAlternateContact',
      'GetCredentialReport',
    ]);
    const contacts = server.requests.filter(
      (request) => request.accountId === ids[0] && request.operation === 'GetAlternateContact',
    );
    expect(contacts.map((request) => request.params['AlternateContactType'])).toEqual(['SECURITY']);
  });

  it("reads the organization's root-access features in the hub's own account", () => {
    expect(operationsOf(HUB)).toContain('ListOrganizationsFeatures');
  });
});

describe('discover -> shards -> merge', () => {
  it('partitions the accounts exactly, the same on every run, and the merged report equals the single job', async () => {
    const first = await cli(['discover', '--shards', '4', '--policy', POLICY]);
    const second = await cli(['discover', '--shards', '4']);
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const matrix = JSON.parse(first.stdout) as ShardMatrix;
    expect(matrix.include.map((entry) => entry.shard)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    const listed = matrix.include.flatMap((entry) => entry.accounts.split(','));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(single.report.accounts.map((section) => section.id));

    const files: string[] = [];
    for (const entry of matrix.include) {
      const file = join(work, `shard-${entry.shard.replace('/', '-of-')}.json`);
      const shard = await cli(['check', ...ORG_ARGS, '--shard', entry.shard, '--output', file]);
      expect(shard.code).toBe(1);
      const report = JSON.parse(readFileSync(file, 'utf8')) as OrgReport;
      expect(report.shard).toBe(entry.shard);
      expect(report.accounts.map((section) => section.id).join(',')).toBe(entry.accounts);
      files.push(file);
    }
    const merged = await cli(['merge', ...files.reverse()]);
    expect(merged.code).toBe(1);
    const normalise = (text: string) => text.replace(/"generatedAt": "[^"]+"/, '"generatedAt": "X"');
    expect(normalise(merged.stdout)).toBe(normalise(single.text));
  });

  it('refuses to merge when a shard is missing (exit 2)', async () => {
    const file = join(work, 'only.json');
    await cli(['check', ...ORG_ARGS, '--shard', '1/3', '--output', file]);
    const merged = await cli(['merge', file]);
    expect(merged.code).toBe(2);
    expect(merged.stderr).toContain('shards 2/3, 3/3 missing');
  });
});
