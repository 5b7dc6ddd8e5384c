import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import {
  MEMBER_SESSION_SECONDS,
  MemberAccessError,
  memberIdentityFrom,
  memberSession,
  memberRoleArn,
  memberSessionName,
  partitionOf,
  runIdFrom,
  validateMemberAccess,
} from '../../src/state/member-access.js';
import { UsageError } from '../../src/errors.js';

const sts = mockClient(STSClient);
const client = new STSClient({ region: 'us-east-1' });
const ACCOUNT = '111122223333';
const T0 = Date.parse('2026-11-26T12:00:00Z');

function issued(keyId: string, expiresAt: number) {
  return {
    Credentials: {
      AccessKeyId: keyId,
      SecretAccessKey: 'secret',
      SessionToken: 'token',
      Expiration: new Date(expiresAt),
    },
  };
}

beforeEach(() => {
  sts.reset();
});

describe('memberSessionName', () => {
  it('is aab-<run>-<account>', () => {
    expect(memberSessionName('1234567890-1', ACCOUNT)).toBe('aab-1234567890-1-111122223333');
  });
  it('stays within 64 characters of the allowed set and keeps the account whole', () => {
    const name = memberSessionName(`run/${'x'.repeat(100)} #1`, ACCOUNT);
    expect(name).toHaveLength(64);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
    expect(name.endsWith(`-${ACCOUNT}`)).toBe(true);
    expect(memberSessionName('run/7 a', ACCOUNT)).toBe('aab-run-7-a-111122223333');
  });
  it('stands in for an empty run ID', () => {
    expect(memberSessionName('', ACCOUNT)).toBe('aab-run-111122223333');
  });
});

describe('names and validation', () => {
  it('builds the role ARN in the hub partition, with an optional path', () => {
    expect(memberRoleArn(ACCOUNT, 'baseline-read-only')).toBe('arn:aws:iam::111122223333:role/baseline-read-only');
    expect(memberRoleArn(ACCOUNT, 'audit/ro', 'aws-us-gov')).toBe('arn:aws-us-gov:iam::111122223333:role/audit/ro');
    expect(partitionOf('arn:aws-cn:sts::111122223333:assumed-role/hub/s')).toBe('aws-cn');
    expect(partitionOf(undefined)).toBe('aws');
  });
  it('takes the run ID from GitHub, else a local one from the start time', () => {
    expect(runIdFrom({ GITHUB_RUN_ID: '998', GITHUB_RUN_ATTEMPT: '2' }, new Date(T0))).toBe('998-2');
    expect(runIdFrom({ GITHUB_RUN_ID: '998' }, new Date(T0))).toBe('998');
    expect(runIdFrom({}, new Date(T0))).toBe('local-20261126T120000Z');
  });
  it('accepts role names up to 64 characters with a path, refuses others and short external IDs', () => {
    expect(() => validateMemberAccess({ roleName: `p/${'r'.repeat(64)}`, runId: 'r' })).not.toThrow();
    expect(() => validateMemberAccess({ roleName: 'r'.repeat(65), runId: 'r' })).toThrow(UsageError);
    expect(() => validateMemberAccess({ roleName: 'has space', runId: 'r' })).toThrow(UsageError);
    expect(() => validateMemberAccess({ roleName: 'ok', externalId: 'ab', runId: 'r' })).not.toThrow();
    expect(() => validateMemberAccess({ roleName: 'ok', externalId: 'a', runId: 'r' })).toThrow(UsageError);
  });
});

describe('memberSession', () => {
  it('assumes the member role once up front with the session name, external ID and a short session', async () => {
    sts.on(AssumeRoleCommand).resolves(issued('ASIA1', T0 + 900_000));
    const { credentials: provider } = await memberSession(
      client,
      ACCOUNT,
      { roleName: 'ro', runId: '42', externalId: 'ext-123' },
      () => T0,
    );
    expect(sts.commandCalls(AssumeRoleCommand).map((call) => call.args[0].input)).toEqual([
      {
        RoleArn: 'arn:aws:iam::111122223333:role/ro',
        RoleSessionName: 'aab-42-111122223333',
        DurationSeconds: MEMBER_SESSION_SECONDS,
        ExternalId: 'ext-123',
      },
    ]);
    await expect(provider()).resolves.toMatchObject({
      accessKeyId: 'ASIA1',
      sessionToken: 'token',
      accountId: ACCOUNT,
    });
    expect(MEMBER_SESSION_SECONDS).toBeLessThanOrEqual(3600);
  });

  it('serves the same credentials until five minutes before expiry, then re-assumes once for concurrent callers', async () => {
    sts
      .on(AssumeRoleCommand)
      .resolvesOnce(issued('ASIA1', T0 + 900_000))
      .resolves(issued('ASIA2', T0 + 1_800_000));
    let now = T0;
    const { credentials: provider } = await memberSession(client, ACCOUNT, { roleName: 'ro', runId: '42' }, () => now);
    now = T0 + 600_000 - 1;
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIA1' });
    now = T0 + 600_000;
    const [a, b] = await Promise.all([provider(), provider()]);
    expect([a.accessKeyId, b.accessKeyId]).toEqual(['ASIA2', 'ASIA2']);
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(2);
  });

  it('turns a refusal into MemberAccessError carrying the code and a message that names the fix', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejects(
        Object.assign(
          new Error('User: arn:aws:sts::999999999999:assumed-role/hub/x is not authorized to perform: sts:AssumeRole'),
          { name: 'AccessDenied', Code: 'AccessDenied' },
        ),
      );
    const attempt = memberSession(client, ACCOUNT, { roleName: 'ro', runId: '42' });
    await expect(attempt).rejects.toBeInstanceOf(MemberAccessError);
    const error = (await attempt.catch((caught: unknown) => caught)) as MemberAccessError;
    expect(error.readError.code).toBe('AccessDenied');
    expect(error.readError.action).toBe('sts:AssumeRole');
    expect(error.readError.message).toContain('arn:aws:iam::111122223333:role/ro');
    expect(error.readError.message).toContain('trust policy');
  });

  it('refuses an answer without credentials', async () => {
    sts.on(AssumeRoleCommand).resolves({});
    await expect(memberSession(client, ACCOUNT, { roleName: 'ro', runId: '42' })).rejects.toThrow(
      'returned no credentials',
    );
  });

  it("names the member's identity from AssumedRoleUser, so the member needs no GetCallerIdentity", async () => {
    const arn = `arn:aws:sts::${ACCOUNT}:assumed-role/ro/aab-42-${ACCOUNT}`;
    sts
      .on(AssumeRoleCommand)
      .resolves({ ...issued('ASIA1', T0 + 900_000), AssumedRoleUser: { Arn: arn, AssumedRoleId: 'AROA1:s' } });
    const session = await memberSession(client, ACCOUNT, { roleName: 'ro', runId: '42' }, () => T0);
    expect(session.identity).toEqual({ accountId: ACCOUNT, arn });
  });

  it('names no identity when AssumedRoleUser is missing (the collector then asks STS)', async () => {
    sts.on(AssumeRoleCommand).resolves(issued('ASIA1', T0 + 900_000));
    const session = await memberSession(client, ACCOUNT, { roleName: 'ro', runId: '42' }, () => T0);
    expect(session.identity).toBeUndefined();
  });
});

describe('memberIdentityFrom', () => {
  it('takes an assumed-role ARN of the account, in any partition', () => {
    const arn = `arn:aws-us-gov:sts::${ACCOUNT}:assumed-role/audit/ro/session@x`;
    expect(memberIdentityFrom(arn, ACCOUNT)).toEqual({ accountId: ACCOUNT, arn });
  });
  it.each([
    ['another account', 'arn:aws:sts::999999999999:assumed-role/ro/s'],
    ['not an assumed role', `arn:aws:iam::${ACCOUNT}:user/alice`],
    ['a malformed ARN', `arn:aws:sts::${ACCOUNT}`],
    ['an empty ARN', ''],
  ])('refuses %s', (_case, arn) => {
    expect(memberIdentityFrom(arn, ACCOUNT)).toBeUndefined();
  });
  it('refuses no ARN at all', () => {
    expect(memberIdentityFrom(undefined, ACCOUNT)).toBeUndefined();
  });
});
