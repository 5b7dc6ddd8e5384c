import { errorCode, isAwsError, toReadError } from '../../src/state/read-error.js';
import { accountAccessDenied, iamAccessDenied, iamQueryError, noSuchEntity, reportInProgress } from './aws-errors.js';

describe('toReadError', () => {
  it('normalises IAM AccessDenied and Account AccessDeniedException to AccessDenied with the action', () => {
    expect(toReadError(iamAccessDenied('iam:GetAccountSummary'), 'iam:GetAccountSummary')).toEqual({
      code: 'AccessDenied',
      message: 'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: iam:GetAccountSummary',
      action: 'iam:GetAccountSummary',
    });
    expect(toReadError(accountAccessDenied('account:GetAlternateContact'), 'account:GetAlternateContact').code).toBe(
      'AccessDenied',
    );
  });

  it('prefers the wire code of query services over the exception name', () => {
    expect(errorCode(noSuchEntity())).toBe('NoSuchEntity');
    expect(errorCode(reportInProgress())).toBe('ReportInProgress');
    expect(isAwsError(reportInProgress(), 'CredentialReportNotReadyException')).toBe(true);
  });

  it('keeps Node system codes and never-empty messages', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toReadError(reset, 'iam:GetAccountSummary')).toEqual({
      code: 'ECONNRESET',
      message: 'socket hang up',
      action: 'iam:GetAccountSummary',
    });
    expect(toReadError(iamQueryError('ServiceUnavailable', '', 503, 4), 'iam:GetAccountSummary')).toEqual({
      code: 'ServiceUnavailable',
      message: 'iam:GetAccountSummary failed with HTTP 503 (gave up after 4 attempts)',
      action: 'iam:GetAccountSummary',
    });
    expect(toReadError('boom', 'sts:GetCallerIdentity')).toEqual({
      code: 'Unknown',
      message: 'boom',
      action: 'sts:GetCallerIdentity',
    });
  });

  it('says a body is not valid JSON in its own words, the same on every Node version', () => {
    const hint =
      '\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.';
    // JSON.parse's messages on Node 20 and Node 24, as the SDK passes them on.
    for (const engine of [
      'Unterminated string in JSON at position 26',
      'Unterminated string in JSON at position 26 (line 1 column 27)',
    ]) {
      expect(toReadError(new SyntaxError(`${engine}${hint}`), 'account:GetAlternateContact')).toEqual({
        code: 'MalformedResponse',
        message: 'account:GetAlternateContact answered with a body that could not be parsed (not valid JSON)',
        action: 'account:GetAlternateContact',
      });
    }
    // The SDK's XML parser words its own errors; they stay, without the debugging hint.
    expect(
      toReadError(new Error(`@aws-sdk XML parse error: missing closing tag </key>.${hint}`), 'iam:GetAccountSummary')
        .message,
    ).toBe(
      'iam:GetAccountSummary answered with a body that could not be parsed (@aws-sdk XML parse error: missing closing tag </key>)',
    );
  });

  it('keeps messages on one line', () => {
    const error = Object.assign(new Error('line one\n  line two'), { name: 'MalformedResponse' });
    expect(toReadError(error, 'x').message).toBe('line one line two');
  });
});
