/**
 * docs/github.md quotes the sign-in errors as the tool prints them: each quoted line is produced here by the
 * same functions the action calls, from the error AWS (or the runner) gives for that mistake.
 */
import { readFileSync } from 'node:fs';
import { describeReadError } from '../../src/controls/control.js';
import { githubIdToken } from '../../src/github/id-token.js';
import { describeWebIdentityError } from '../../src/state/credentials.js';

const doc = readFileSync('docs/github.md', 'utf8');
const ROLE = 'arn:aws:iam::111122223333:role/aws-account-baseline-read-only';

/** An STS error as the SDK raises it: the wire code as `Code` and `name`. */
function stsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: code, Code: code });
}

/** A token with the claims a trust policy matches (the signature is never looked at here). */
function token(claims: Record<string, string>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

const pullRequestToken = token({ sub: 'repo:my-org/my-repo:pull_request', aud: 'sts.amazonaws.com' });

/** The fenced `text` blocks of the "When the sign-in fails" section. */
function quotedLines(): string[] {
  const section = doc.slice(doc.indexOf('## When the sign-in fails'));
  return [...section.matchAll(/```text\n([^\n]+)\n```/g)].map((match) => match[1] ?? '');
}

describe('docs/github.md: when the sign-in fails', () => {
  it('quotes the missing id-token permission as printed', async () => {
    const message = await githubIdToken('sts.amazonaws.com', {}).catch((error: Error) => error.message);
    expect(quotedLines()).toContain(message);
  });

  const azureAudience = 'api://AzureADTokenExchange';
  it.each([
    [
      'a trust policy that rejects the subject',
      stsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'),
      pullRequestToken,
      'sts.amazonaws.com',
    ],
    [
      'an audience the provider does not list',
      stsError('InvalidIdentityToken', 'Incorrect token audience'),
      token({ sub: 'repo:my-org/my-repo:pull_request', aud: azureAudience }),
      azureAudience,
    ],
    [
      'an account without the provider',
      stsError(
        'InvalidIdentityToken',
        'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
      ),
      pullRequestToken,
      'sts.amazonaws.com',
    ],
  ])('quotes %s as printed', (_mistake, error, webIdentityToken, audience) => {
    const message = describeWebIdentityError(error, {
      webIdentityToken,
      roleArn: ROLE,
      sessionName: 'aab-1',
      audience,
    });
    expect(quotedLines()).toContain(message);
  });

  it('shows the end of a missing-permission finding as printed', () => {
    const message = describeReadError({ code: 'AccessDenied', message: '...', action: 'iam:GetAccountSummary' });
    expect(doc).toContain(`\`${message}\``);
  });

  it('quotes every sign-in error it shows (none left unchecked)', () => {
    expect(quotedLines()).toHaveLength(4);
  });
});
