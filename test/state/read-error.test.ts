import { errorCode, isAwsError, toReadError } from '../../src/state/read-error.js';
import { accountAccessDenied, iamAccessDenied, iamQueryError, noSuchEntity, reportInProgress } from './aws-errors.js';

describe('toReadError', () => {
  it('normalises IAM AccessDenied and Account AccessDeniedException to AccessDenied with the action', () => {
    expect(toReadError(iamAccessDenied('iam:GetAccountSummary'), 'iam:GetAccountSummary')).toEqual({
      code: 'AccessDenied',
      message: 'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: iam:GetAccountSummary',
      action: 'iam:GetAccountSummary',
    });
    expect(toReadError(accountAccessDenied('account:GetAlternateContact'), 'account:GetAlternateContact').code).toBe('AccessDenied');
  });

  it('prefers the wire code of query services over the exception name', () => {
    expect(errorCode(noSuchEntity())).toBe('NoSuchEntity');
    expect(errorCode(reportInProgress())).toBe('ReportInProgress');
    expect(isAwsError(reportInProgress(), 'CredentialReportNotReadyException')).toBe(true);
  });

  it('keeps Node system codes and never-empty messages', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toReadError(reset, 'iam:GetAccountSummary')).toEqual({ code: 'ECONNRESET', message: 'socket hang up', action: 'iam:GetAccountSummary' });
    expect(toReadError(iamQueryError('ServiceUnavailable', '', 503, 4), 'iam:GetAccountSummary')).toEqual({
      code: 'ServiceUnavailable',
      message: 'iam:GetAccountSummary failed with HTTP 503 (gave up after 4 attempts)',
      action: 'iam:GetAccountSummary',
    });
    expect(toReadError('boom', 'sts:GetCallerIdentity')).toEqual({ code: 'Unknown', message: 'boom', action: 'sts:GetCallerIdentity' });
  });

  it('keeps messages on one line', () => {
    const error = Object.assign(new Error('line one\n  line two'), { name: 'MalformedResponse' });
    expect(toReadError(error, 'x').message).toBe('line one line two');
  });
});
