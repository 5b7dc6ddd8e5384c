import { mockClient } from 'aws-sdk-client-mock';
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { assumeRole, assumeRoleWithWebIdentity, tokenClaims, toSessionName } from '../../src/state/credentials.js';
import { AccountUnreadableError } from '../../src/errors.js';
import { stsQueryError } from './aws-errors.js';

const ROLE = 'arn:aws:iam::111122223333:role/baseline-readonly';
const sts = new STSClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' } });
const stsMock = mockClient(sts);

/** An unsigned JWT with the claims GitHub puts in its OIDC tokens. */
function githubToken(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}
const TOKEN = githubToken({
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  aud: 'sts.amazonaws.com',
  iss: 'https://token.actions.githubusercontent.com',
});
const issued = {
  Credentials: {
    AccessKeyId: 'ASIAEXAMPLE',
    SecretAccessKey: 'secret',
    SessionToken: 'session',
    Expiration: new Date('2026-11-26T13:00:00Z'),
  },
};

async function webIdentityError(error: Error): Promise<AccountUnreadableError> {
  stsMock.on(AssumeRoleWithWebIdentityCommand).rejects(error);
  return assumeRoleWithWebIdentity({ webIdentityToken: TOKEN, roleArn: ROLE, sessionName: 'run-1', sts }).then(
    () => {
      throw new Error('expected a rejection');
    },
    (rejection: unknown) => {
      expect(rejection).toBeInstanceOf(AccountUnreadableError);
      return rejection as AccountUnreadableError;
    },
  );
}

beforeEach(() => stsMock.reset());

describe('assumeRoleWithWebIdentity', () => {
  it('returns the temporary credentials', async () => {
    stsMock.on(AssumeRoleWithWebIdentityCommand).resolves(issued);
    const identity = await assumeRoleWithWebIdentity({
      webIdentityToken: TOKEN,
      roleArn: ROLE,
      sessionName: 'gh run/42',
      durationSeconds: 900,
      sts,
    });
    expect(identity).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'session',
      expiration: issued.Credentials.Expiration,
    });
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)[0]?.args[0].input).toEqual({
      WebIdentityToken: TOKEN,
      RoleArn: ROLE,
      RoleSessionName: 'gh-run-42',
      DurationSeconds: 900,
    });
  });

  it('explains a wrong audience, naming the provider and the fix', async () => {
    const error = await webIdentityError(stsQueryError('InvalidIdentityToken', 'Incorrect token audience', 400));
    expect(error.message).toContain(
      'the token\'s audience "sts.amazonaws.com" is not a client ID of the IAM OIDC provider arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    );
    expect(error.message).toContain('Fix: add "sts.amazonaws.com" to the provider\'s audiences');
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain(TOKEN);
  });

  it('explains a missing OIDC provider', async () => {
    const error = await webIdentityError(
      stsQueryError(
        'InvalidIdentityToken',
        'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
        400,
      ),
    );
    expect(error.message).toContain('Fix: create the IAM OIDC provider https://token.actions.githubusercontent.com');
  });

  it('explains a trust policy that rejects the token, quoting its sub claim', async () => {
    const error = await webIdentityError(
      stsQueryError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403),
    );
    expect(error.message).toContain(
      'its trust policy does not accept this token (sub "repo:octo-org/octo-repo:ref:refs/heads/main"',
    );
    expect(error.message).toContain(
      'token.actions.githubusercontent.com:sub matching "repo:octo-org/octo-repo:ref:refs/heads/main"',
    );
    expect(error.message).not.toContain(TOKEN);
  });

  it('explains a session duration above the role maximum', async () => {
    const error = await webIdentityError(
      stsQueryError(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        400,
      ),
    );
    expect(error.message).toContain("Fix: lower the duration or raise the role's MaxSessionDuration");
  });

  it('explains an expired token', async () => {
    const error = await webIdentityError(stsQueryError('ExpiredTokenException', 'Token expired', 400));
    expect(error.message).toContain('the OIDC token expired');
  });
});

describe('assumeRole', () => {
  it('passes the external id and returns the credentials', async () => {
    stsMock.on(AssumeRoleCommand).resolves(issued);
    const identity = await assumeRole({ roleArn: ROLE, sessionName: 'member', externalId: 'ext-123', sts });
    expect(identity.accessKeyId).toBe('ASIAEXAMPLE');
    expect(stsMock.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'member',
      DurationSeconds: 3600,
      ExternalId: 'ext-123',
    });
  });

  it('omits the external id when none is given, and names it in the AccessDenied fix', async () => {
    stsMock
      .on(AssumeRoleCommand)
      .rejects(stsQueryError('AccessDenied', 'not authorized to perform: sts:AssumeRole', 403));
    await expect(assumeRole({ roleArn: ROLE, sessionName: 'member', sts })).rejects.toThrow(
      /Fix: the caller needs sts:AssumeRole on the role, and the role's trust policy must trust the caller; if that policy requires sts:ExternalId, pass the external id\.$/,
    );
    expect(stsMock.commandCalls(AssumeRoleCommand)[0]?.args[0].input).not.toHaveProperty('ExternalId');
  });

  it('says the external id must match when one was given', async () => {
    stsMock
      .on(AssumeRoleCommand)
      .rejects(stsQueryError('AccessDenied', 'not authorized to perform: sts:AssumeRole', 403));
    await expect(assumeRole({ roleArn: ROLE, sessionName: 'member', externalId: 'wrong', sts })).rejects.toThrow(
      /sts:ExternalId condition equal to the external id given/,
    );
  });

  it('rejects an answer without credentials', async () => {
    stsMock.on(AssumeRoleCommand).resolves({});
    await expect(assumeRole({ roleArn: ROLE, sessionName: 'member', sts })).rejects.toThrow(
      `STS returned no credentials for ${ROLE}.`,
    );
  });
});

describe('helpers', () => {
  it('makes a valid session name', () => {
    expect(toSessionName('aws-account-baseline run #42')).toBe('aws-account-baseline-run--42');
    expect(toSessionName('x')).toBe('aws-account-baseline');
    expect(toSessionName('a'.repeat(80))).toHaveLength(64);
  });

  it('reads sub and aud from a token and tolerates garbage', () => {
    expect(tokenClaims(githubToken({ sub: 's', aud: ['a', 'b'] }))).toEqual({ sub: 's', aud: 'a,b' });
    expect(tokenClaims('not-a-jwt')).toEqual({});
    expect(tokenClaims('a.!!!.c')).toEqual({});
  });
});
