import { describe, expect, it } from '@jest/globals';
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsClients, AwsConnection } from '../../src/state/aws-clients.js';
import { MemberAccessError } from '../../src/state/member-access.js';
import {
  checkAccount,
  hasOrganizationalUnitTargets,
  policyForAccount,
  runAccounts,
  sourcesForTarget,
  type RunAccountsOptions,
} from '../../src/organization-run/run-accounts.js';
import { NOW, policyWith, stateWith, strongPasswordPolicy } from '../support/builders.js';

const OK = '111111111111';
const WEAK = '222222222222';
const LOCKED = '333333333333';
const LENIENT = '444444444444';

const policy = policyWith({
  account: { id: OK },
  passwordPolicy: { minimumLength: 14 },
  targets: [{ organizationalUnits: ['ou-ab12-lenient1'], passwordPolicy: { minimumLength: 8 } }],
});

const liveLength: Record<string, number> = { [OK]: 14, [WEAK]: 10, [LENIENT]: 10 };

function options(overrides: Partial<RunAccountsOptions> = {}): RunAccountsOptions {
  return {
    policy,
    targets: [
      { id: WEAK, organizationalUnits: [] },
      { id: LOCKED, name: 'locked', organizationalUnits: [] },
      { id: OK, organizationalUnits: [] },
      { id: LENIENT, organizationalUnits: ['r-ab12', 'ou-ab12-lenient1'] },
    ],
    access: { roleName: 'ro', runId: 'test' },
    hubSts: {} as STSClient,
    // Never reached: createClients below stands in for the connection's.
    aws: {} as AwsConnection,
    now: NOW,
    assume: (_sts, accountId) => {
      if (accountId === LOCKED) {
        return Promise.reject(
          new MemberAccessError({
            code: 'AccessDenied',
            message: `Cannot assume arn:aws:iam::${LOCKED}:role/ro`,
            action: 'sts:AssumeRole',
          }),
        );
      }
      return Promise.resolve({
        credentials: () => Promise.resolve({ accessKeyId: `ASIA${accountId}`, secretAccessKey: 's' }),
      });
    },
    ...collectorFor(),
    ...overrides,
  };
}

/** A collector that reads the account from the credentials the clients were built with. */
function collectorFor(): Pick<RunAccountsOptions, 'createClients' | 'collect'> {
  return {
    // Clients that only remember their credentials.
    createClients: (credentials) => {
      const client = { credentials };
      return { iam: client, sts: client, account: client } as unknown as AwsClients;
    },
    collect: async (clients) => {
      const provider = (clients.iam as unknown as { credentials: () => Promise<{ accessKeyId: string }> }).credentials;
      const accountId = (await provider()).accessKeyId.slice(4);
      return stateWith({
        identity: { ok: true, value: { accountId, arn: `arn:aws:sts::${accountId}:assumed-role/ro/s` } },
        passwordPolicy: {
          ok: true,
          value: strongPasswordPolicy({ minimumPasswordLength: liveLength[accountId] ?? 0 }),
        },
      });
    },
  };
}

describe('runAccounts', () => {
  it('checks every account with its own policy, in target order, and keeps going past an unreachable one', async () => {
    const outcomes = await runAccounts(options({ concurrency: 2 }));
    expect(outcomes.map((outcome) => outcome.id)).toEqual([WEAK, LOCKED, OK, LENIENT]);
    const statusOf = (id: string) =>
      outcomes
        .find((outcome) => outcome.id === id)
        ?.findings.map((finding) => [finding.control, finding.status, finding.account]);
    expect(statusOf(OK)).toEqual([
      ['passwordPolicy.exists', 'pass', OK],
      ['passwordPolicy.minimumLength', 'pass', OK],
    ]);
    expect(statusOf(WEAK)).toEqual([
      ['passwordPolicy.exists', 'pass', WEAK],
      ['passwordPolicy.minimumLength', 'fail', WEAK],
    ]);
    // The OU target lowers the bar to 8 for this account only.
    expect(statusOf(LENIENT)).toEqual([
      ['passwordPolicy.exists', 'pass', LENIENT],
      ['passwordPolicy.minimumLength', 'pass', LENIENT],
    ]);
  });

  it('turns an account whose role cannot be assumed into `error` findings that carry the cause', async () => {
    const outcomes = await runAccounts(options());
    const locked = outcomes.find((outcome) => outcome.id === LOCKED);
    expect(locked?.name).toBe('locked');
    expect(locked?.accessError).toBe(`AccessDenied: Cannot assume arn:aws:iam::${LOCKED}:role/ro`);
    expect(locked?.findings.length).toBeGreaterThan(0);
    expect(locked?.findings.every((finding) => finding.status === 'error' && finding.account === LOCKED)).toBe(true);
    expect(locked?.findings[0]?.message).toContain(`Cannot assume arn:aws:iam::${LOCKED}:role/ro`);
  });

  it('treats an unexpected failure while reading like an unreachable account', async () => {
    const outcome = await checkAccount(
      { id: OK, organizationalUnits: [] },
      options({ collect: async () => Promise.reject(new Error('socket hang up')) }),
    );
    expect(outcome.accessError).toContain('socket hang up');
    expect(outcome.findings.every((finding) => finding.status === 'error')).toBe(true);
  });

  it('gives each account its own deadline and hands the collector the signal that enforces it', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const outcomes = await runAccounts(
      options({
        targets: [{ id: OK, organizationalUnits: [] }],
        accountTimeoutMs: 5,
        // A collector that only ends when its signal aborts, as a hung AWS call does under the SDK.
        collect: (_clients, collectOptions) =>
          new Promise((_resolve, reject) => {
            signals.push(collectOptions.abortSignal);
            collectOptions.abortSignal?.addEventListener('abort', () =>
              reject(collectOptions.abortSignal?.reason as Error),
            );
          }),
      }),
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    const statuses = new Set(outcomes[0]?.findings.map((finding) => finding.status));
    expect(statuses).toEqual(new Set(['error']));
    expect(outcomes[0]?.findings[0]?.message).toContain('DeadlineExceeded');
  });

  it('hands the collector the identity AssumeRole named, and none when it named none', async () => {
    const seen: (string | undefined)[] = [];
    const arn = `arn:aws:sts::${OK}:assumed-role/ro/s`;
    await runAccounts(
      options({
        targets: [
          { id: OK, organizationalUnits: [] },
          { id: WEAK, organizationalUnits: [] },
        ],
        concurrency: 1,
        assume: (_sts, accountId) =>
          Promise.resolve({
            credentials: () => Promise.resolve({ accessKeyId: 'ASIA', secretAccessKey: 's' }),
            ...(accountId === OK ? { identity: { accountId, arn } } : {}),
          }),
        collect: (_clients, collectOptions) => {
          const identity = collectOptions.identity;
          seen.push(identity?.ok ? identity.value.arn : undefined);
          return Promise.resolve(stateWith({}));
        },
      }),
    );
    expect(seen).toEqual([arn, undefined]);
  });

  it('reports progress once per account', async () => {
    const seen: string[] = [];
    await runAccounts(options({ onAccountDone: (outcome, done, total) => seen.push(`${done}/${total}`) }));
    expect(seen).toEqual(['1/4', '2/4', '3/4', '4/4']);
  });
});

describe('sourcesForTarget', () => {
  const rootMfa = policyWith({ root: { mfa: 'required' } });

  it("leaves the organization's root-access features to the hub's own account when only context needs them", () => {
    expect(sourcesForTarget(rootMfa, OK, WEAK).has('organizationsFeatures')).toBe(false);
    expect(sourcesForTarget(rootMfa, OK, undefined).has('organizationsFeatures')).toBe(false);
    expect(sourcesForTarget(rootMfa, WEAK, WEAK).has('organizationsFeatures')).toBe(true);
    expect([...sourcesForTarget(rootMfa, OK, WEAK)].sort()).toEqual(['accountSummary', 'credentialReport']);
  });

  it('reads them in every member when a declared control needs them (it is skipped there, not an error)', () => {
    const declared = policyWith({ root: { mfa: 'required', centralizedAccess: 'required' } });
    expect(sourcesForTarget(declared, OK, WEAK).has('organizationsFeatures')).toBe(true);
  });
});

describe('policyForAccount', () => {
  it('drops the single-account guard and merges the matching targets', () => {
    const resolved = policyForAccount(policy, { id: LENIENT, organizationalUnits: ['ou-ab12-lenient1'] });
    expect(resolved.account).toBeUndefined();
    expect(resolved.targets).toBeUndefined();
    expect(resolved.passwordPolicy).toEqual({ minimumLength: 8 });
    expect(policyForAccount(policy, { id: WEAK, organizationalUnits: [] }).passwordPolicy).toEqual({
      minimumLength: 14,
    });
  });
  it('knows when targets are scoped by OU', () => {
    expect(hasOrganizationalUnitTargets(policy)).toBe(true);
    expect(hasOrganizationalUnitTargets(policyWith({ targets: [{ accounts: [OK], root: { mfa: 'required' } }] }))).toBe(
      false,
    );
    expect(hasOrganizationalUnitTargets(policyWith({}))).toBe(false);
  });
});
