import { mockClient } from 'aws-sdk-client-mock';
import { GetAccountPasswordPolicyCommand, IAMClient, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import {
  AccessDeniedException,
  AccountClient,
  GetAlternateContactCommand,
  PutAlternateContactCommand,
} from '@aws-sdk/client-account';
import { applyPlan, NO_CHANGES_MESSAGE } from '../../src/remediate/apply.js';
import type { RemediationPlan } from '../../src/remediate/types.js';

const iamMock = mockClient(IAMClient);
const accountMock = mockClient(AccountClient);
const clients = { iam: new IAMClient({ region: 'us-east-1' }), account: new AccountClient({ region: 'us-east-1' }) };
const noWait = { sleep: (): Promise<void> => Promise.resolve() };

const PASSWORD_REQUEST = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: false,
  RequireUppercaseCharacters: false,
  RequireLowercaseCharacters: false,
  AllowUsersToChangePassword: false,
  MaxPasswordAge: 90,
  HardExpiry: false,
};
const LIVE_AFTER = { ...PASSWORD_REQUEST, ExpirePasswords: true };
const CONTACT_REQUEST = {
  AlternateContactType: 'SECURITY' as const,
  Name: 'Sec',
  Title: 'CISO',
  EmailAddress: 'sec@example.com',
  PhoneNumber: '+1 206 555 0100',
};
const CONTACT_LIVE = {
  AlternateContactType: 'SECURITY' as const,
  Name: 'Sec',
  Title: 'CISO',
  EmailAddress: 'sec@example.com',
  PhoneNumber: '+1 206 555 0100',
};

const PLAN: RemediationPlan = {
  changes: [
    { target: 'passwordPolicy', setting: 'minimumLength', from: 8, to: 14 },
    { target: 'passwordPolicy', setting: 'requireSymbols', from: false, to: true },
    { target: 'contact:SECURITY', setting: 'email', from: null, to: 'sec@example.com' },
  ],
  requests: { passwordPolicy: PASSWORD_REQUEST, contacts: [CONTACT_REQUEST] },
  blocked: [],
  manual: [],
};

function iamError(code: string, message: string): Error {
  return Object.assign(new Error(message), {
    name: code,
    Code: code,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

beforeEach(() => {
  iamMock.reset();
  accountMock.reset();
  iamMock.on(UpdateAccountPasswordPolicyCommand).resolves({});
  iamMock.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: LIVE_AFTER });
  accountMock.on(PutAlternateContactCommand).resolves({});
  accountMock.on(GetAlternateContactCommand).resolves({ AlternateContact: CONTACT_LIVE });
});

test('sends exactly the planned requests and reports every setting applied after the read-back', async () => {
  const result = await applyPlan(clients, PLAN, noWait);
  expect(iamMock.commandCalls(UpdateAccountPasswordPolicyCommand).map((call) => call.args[0].input)).toEqual([
    PASSWORD_REQUEST,
  ]);
  expect(accountMock.commandCalls(PutAlternateContactCommand).map((call) => call.args[0].input)).toEqual([
    CONTACT_REQUEST,
  ]);
  expect(result.outcomes.map((outcome) => [outcome.setting, outcome.status])).toEqual([
    ['minimumLength', 'applied'],
    ['requireSymbols', 'applied'],
    ['email', 'applied'],
  ]);
  expect(result.ok).toBe(true);
  expect(result.message).toBe('3 of 3 changes applied');
});

test('a plan without requests sends nothing and says so', async () => {
  const result = await applyPlan(clients, { changes: [], requests: { contacts: [] }, blocked: [], manual: [] }, noWait);
  expect(iamMock.calls()).toHaveLength(0);
  expect(accountMock.calls()).toHaveLength(0);
  expect(result).toEqual({ outcomes: [], ok: true, message: NO_CHANGES_MESSAGE });
});

test('a refused write is reported per setting with the AWS code and message; the other write still lands', async () => {
  iamMock
    .on(UpdateAccountPasswordPolicyCommand)
    .rejects(iamError('AccessDenied', 'User is not authorized to perform: iam:UpdateAccountPasswordPolicy'));
  const result = await applyPlan(clients, PLAN, noWait);
  expect(result.ok).toBe(false);
  expect(result.outcomes).toEqual([
    expect.objectContaining({
      setting: 'minimumLength',
      status: 'failed',
      errorCode: 'AccessDenied',
      errorMessage: expect.stringContaining('iam:UpdateAccountPasswordPolicy'),
    }),
    expect.objectContaining({ setting: 'requireSymbols', status: 'failed', errorCode: 'AccessDenied' }),
    expect.objectContaining({ setting: 'email', status: 'applied' }),
  ]);
  expect(result.message).toBe('1 of 3 changes applied, 2 failed');
});

test('an Account API validation error is reported with its code', async () => {
  accountMock.on(PutAlternateContactCommand).rejects(
    Object.assign(new Error('1 validation error detected'), {
      name: 'ValidationException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  const result = await applyPlan(clients, PLAN, noWait);
  expect(result.outcomes[2]).toMatchObject({
    status: 'failed',
    errorCode: 'ValidationException',
    errorMessage: '1 validation error detected',
  });
  expect(accountMock.commandCalls(GetAlternateContactCommand)).toHaveLength(0);
});

test('AccessDeniedException from the Account API is a failure too', async () => {
  accountMock
    .on(PutAlternateContactCommand)
    .rejects(new AccessDeniedException({ message: 'not authorized', $metadata: {} }));
  const result = await applyPlan(clients, PLAN, noWait);
  expect(result.outcomes[2]).toMatchObject({ status: 'failed', errorCode: 'AccessDeniedException' });
});

test('eventual consistency: contacts are read back with growing waits until the new values show', async () => {
  accountMock
    .on(GetAlternateContactCommand)
    .resolvesOnce({ AlternateContact: { ...CONTACT_LIVE, EmailAddress: 'old@example.com' } })
    .rejectsOnce(Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' }))
    .resolves({ AlternateContact: CONTACT_LIVE });
  const waits: number[] = [];
  const result = await applyPlan(clients, PLAN, {
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    readBackDelayMs: 100,
  });
  expect(result.ok).toBe(true);
  expect(accountMock.commandCalls(GetAlternateContactCommand)).toHaveLength(3);
  expect(waits).toEqual([100, 200]);
  // The password policy showed at once: it is not read again.
  expect(iamMock.commandCalls(GetAccountPasswordPolicyCommand)).toHaveLength(1);
});

test('a write that never shows is "unconfirmed", not applied, after the bounded attempts', async () => {
  accountMock
    .on(GetAlternateContactCommand)
    .resolves({ AlternateContact: { ...CONTACT_LIVE, EmailAddress: 'old@example.com' } });
  const result = await applyPlan(clients, PLAN, { ...noWait, readBackAttempts: 3 });
  expect(accountMock.commandCalls(GetAlternateContactCommand)).toHaveLength(3);
  expect(result.outcomes[2]).toMatchObject({
    status: 'unconfirmed',
    errorMessage: expect.stringContaining('still shows the old email'),
  });
  expect(result.ok).toBe(false);
});

test('a read-back that is refused leaves the write unconfirmed, with the reason', async () => {
  iamMock.on(GetAccountPasswordPolicyCommand).rejects(iamError('AccessDenied', 'no read'));
  const result = await applyPlan(clients, PLAN, { ...noWait, readBackAttempts: 2 });
  expect(result.outcomes[0]).toMatchObject({
    status: 'unconfirmed',
    errorMessage: expect.stringContaining('AccessDenied'),
  });
  expect(result.ok).toBe(false);
});

test('a read-back missing fields AWS always sends is not taken for the new policy: unconfirmed, with the reason', async () => {
  iamMock.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: { MinimumPasswordLength: 14 } });
  const result = await applyPlan(clients, PLAN, { ...noWait, readBackAttempts: 2 });
  expect(result.outcomes[0]).toMatchObject({
    status: 'unconfirmed',
    errorMessage: expect.stringContaining(
      'could not be read (MalformedResponse: iam:GetAccountPasswordPolicy answered a PasswordPolicy without RequireSymbols',
    ),
  });
});

describe('the run deadline (abort signal)', () => {
  const deadline = (): AbortController => new AbortController();
  const deadlineError = (): Error =>
    Object.assign(new Error("the run's deadline of 5 s (timeout-seconds) passed before AWS answered"), {
      name: 'DeadlineExceeded',
    });
  /** What the SDK throws for a call aborted by the signal: an AbortError whose cause is the signal's reason. */
  const aborted = (reason: Error): Error =>
    Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: reason });

  test('every write and read-back carries the signal', async () => {
    const controller = deadline();
    await applyPlan(clients, PLAN, { ...noWait, abortSignal: controller.signal });
    const optionsOf = (calls: { args: unknown[] }[]) => calls.map((call) => call.args[1]);
    expect(optionsOf(iamMock.commandCalls(UpdateAccountPasswordPolicyCommand))).toEqual([
      { abortSignal: controller.signal },
    ]);
    expect(optionsOf(iamMock.commandCalls(GetAccountPasswordPolicyCommand))).toEqual([
      { abortSignal: controller.signal },
    ]);
    expect(optionsOf(accountMock.commandCalls(PutAlternateContactCommand))).toEqual([
      { abortSignal: controller.signal },
    ]);
    expect(optionsOf(accountMock.commandCalls(GetAlternateContactCommand))).toEqual([
      { abortSignal: controller.signal },
    ]);
  });

  test('a read-back cut short by the deadline ends the read-back: unconfirmed, naming the deadline', async () => {
    const controller = deadline();
    const reason = deadlineError();
    accountMock.on(GetAlternateContactCommand).callsFake(() => {
      controller.abort(reason);
      return Promise.reject(aborted(reason));
    });
    const result = await applyPlan(clients, PLAN, { ...noWait, abortSignal: controller.signal });
    expect(accountMock.commandCalls(GetAlternateContactCommand)).toHaveLength(1);
    expect(result.outcomes[2]).toMatchObject({
      status: 'unconfirmed',
      errorMessage:
        "AWS accepted the write, but after 1 read the account could not be read before the deadline (DeadlineExceeded: the run's deadline of 5 s (timeout-seconds) passed before AWS answered)",
    });
    expect(result.ok).toBe(false);
  });

  test('the wait between read-backs ends at the deadline', async () => {
    const controller = deadline();
    accountMock
      .on(GetAlternateContactCommand)
      .resolves({ AlternateContact: { ...CONTACT_LIVE, EmailAddress: 'old@example.com' } });
    const sleep = (_ms: number, signal?: AbortSignal): Promise<void> => {
      controller.abort(deadlineError());
      return Promise.reject(signal?.reason as Error);
    };
    const result = await applyPlan(clients, PLAN, { sleep, abortSignal: controller.signal });
    expect(accountMock.commandCalls(GetAlternateContactCommand)).toHaveLength(1);
    expect(result.outcomes[2]).toMatchObject({
      status: 'unconfirmed',
      errorMessage: expect.stringContaining('before the deadline (DeadlineExceeded'),
    });
  });

  test('a write cut short by the deadline is failed with the deadline as its cause', async () => {
    const reason = deadlineError();
    iamMock.on(UpdateAccountPasswordPolicyCommand).rejects(aborted(reason));
    const result = await applyPlan(clients, PLAN, noWait);
    expect(result.outcomes[0]).toMatchObject({
      status: 'failed',
      errorCode: 'DeadlineExceeded',
      errorMessage: reason.message,
    });
  });
});

test('never creates a password policy weaker than AWS default, whatever the plan asks', async () => {
  const weak = {
    MinimumPasswordLength: 8,
    RequireSymbols: true,
    RequireNumbers: false,
    RequireUppercaseCharacters: false,
    RequireLowercaseCharacters: false,
    AllowUsersToChangePassword: false,
    MaxPasswordAge: 90,
    HardExpiry: false,
  };
  const plan: RemediationPlan = {
    changes: [
      { target: 'passwordPolicy', setting: 'minimumLength', from: null, to: 8 },
      { target: 'passwordPolicy', setting: 'maxAgeDays', from: null, to: 90 },
    ],
    requests: { passwordPolicy: weak, contacts: [] },
    blocked: [],
    manual: [],
  };
  const result = await applyPlan(clients, plan, noWait);
  expect(iamMock.commandCalls(UpdateAccountPasswordPolicyCommand)).toHaveLength(0);
  expect(result.outcomes).toEqual([
    expect.objectContaining({
      setting: 'minimumLength',
      status: 'failed',
      errorCode: 'WeakerThanAwsDefault',
      errorMessage: expect.stringContaining('only 1 character type(s) (requireSymbols)'),
    }),
    expect.objectContaining({ setting: 'maxAgeDays', status: 'failed', errorCode: 'WeakerThanAwsDefault' }),
  ]);
  expect(result.ok).toBe(false);
});
