import {
  holdCredentials,
  releaseCredentials,
  scrubCredentials,
  scrubCredentialsDeep,
} from '../../src/state/credential-scrub.js';
import { toReadError } from '../../src/state/read-error.js';

const ACCESS_KEY = 'ASIAQWERTYUIOPASDFGH';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+abc/def+ghi==';
const OIDC = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm9jdG8vaW5mcmEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

/** What AWS says to a bad signature: it quotes the canonical request, session token included. */
const signatureMismatch = Object.assign(
  new Error(
    'The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n' +
      `'POST\n/\n\nhost:iam.amazonaws.com\nx-amz-date:20261126T080000Z\nx-amz-security-token:${TOKEN}\n\nhost;x-amz-date;x-amz-security-token'\n` +
      `Credential=${ACCESS_KEY}/20261126/us-east-1/iam/aws4_request; X-Amz-Security-Token=${encodeURIComponent(TOKEN)}; secret ${SECRET}`,
  ),
  { name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } },
);

afterEach(() => releaseCredentials());

describe('scrubCredentials', () => {
  it('replaces every held value, raw and URL-encoded', () => {
    holdCredentials(ACCESS_KEY, SECRET, TOKEN, undefined);
    const text = `a ${SECRET} b ${encodeURIComponent(SECRET)} c ${encodeURIComponent(TOKEN)}`;
    expect(scrubCredentials(text, {})).toBe('a [redacted] b [redacted] c [redacted]');
  });

  it('replaces credential shapes nobody registered: key ids, security-token headers, JWTs', () => {
    const text = `key AKIAIOSFODNN7EXAMPLE, x-amz-security-token:abc/def+ghi= and X-Amz-Security-Token=abc%2Fdef&x=1, token ${OIDC}`;
    expect(scrubCredentials(text, {})).toBe(
      'key [redacted], x-amz-security-token:[redacted] and X-Amz-Security-Token=[redacted]&x=1, token [redacted]',
    );
  });

  it('replaces the ambient AWS_* credentials of the environment', () => {
    expect(scrubCredentials(`secret ${SECRET}.`, { AWS_SECRET_ACCESS_KEY: SECRET })).toBe('secret [redacted].');
  });

  it('leaves ordinary text alone: account ids, ARNs, the control table hint AKIA...', () => {
    holdCredentials('short');
    const text = 'arn:aws:iam::111122223333:user/alice: aws iam delete-access-key --access-key-id AKIA... short';
    expect(scrubCredentials(text, {})).toBe(text);
  });

  it('keeps JSON valid when scrubbing a whole value', () => {
    holdCredentials(TOKEN);
    expect(scrubCredentialsDeep({ findings: [{ message: `token ${TOKEN}` }] }, {})).toEqual({
      findings: [{ message: 'token [redacted]' }],
    });
  });
});

describe('toReadError', () => {
  it('a SignatureDoesNotMatch that quotes the canonical request comes out without any credential', () => {
    holdCredentials(ACCESS_KEY, SECRET, TOKEN);
    const error = toReadError(signatureMismatch, 'iam:GetAccountSummary');
    expect(error.code).toBe('SignatureDoesNotMatch');
    for (const secret of [ACCESS_KEY, SECRET, TOKEN, encodeURIComponent(TOKEN), 'IQoJb3JpZ2lu'])
      expect(error.message).not.toContain(secret);
    expect(error.message).toContain('x-amz-security-token:[redacted]');
  });

  it('scrubs the token header even when the value was never registered', () => {
    const error = toReadError(signatureMismatch, 'iam:GetAccountSummary');
    expect(error.message).not.toContain('IQoJb3JpZ2lu');
    expect(error.message).not.toContain(ACCESS_KEY);
  });
});
