import { mockClient } from 'aws-sdk-client-mock';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  ListOrganizationsFeaturesCommand,
  ListVirtualMFADevicesCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
import { collectAccountState, collectFullState } from '../../src/state/collect.js';
import type { DataSource } from '../../src/state/sources.js';
import { credentialReportCsv, rootAccountRow } from '../support/credential-report-csv.mjs';
import {
  accountAccessDenied,
  contactNotFound,
  iamAccessDenied,
  iamQueryError,
  noSuchEntity,
  testClients,
} from './aws-errors.js';

const ACCOUNT = '111122223333';
const NOW = new Date('2026-11-26T12:00:00Z');
const clients = testClients();
const iamMock = mockClient(clients.iam);
const stsMock = mockClient(clients.sts);
const accountMock = mockClient(clients.account);
const noWait = { sleep: () => Promise.resolve(), clock: () => 0 };

function collect(...sources: DataSource[]) {
  return collectAccountState(clients, { sources: new Set(sources), now: NOW, ...noWait });
}

const contacts = {
  BILLING: { Name: 'Billing Team', Title: 'Finance', EmailAddress: 'billing@example.com', PhoneNumber: '+1 555 0100' },
  OPERATIONS: { Name: 'Ops', Title: 'SRE', EmailAddress: 'ops@example.com', PhoneNumber: '+1 555 0101' },
  SECURITY: { Name: 'Sec', Title: 'CISO', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0102' },
};

/** A healthy account: every call answers. */
function healthyAccount(): void {
  stsMock
    .on(GetCallerIdentityCommand)
    .resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/ci`, UserId: 'AIDA' });
  iamMock.on(GetAccountPasswordPolicyCommand).resolves({
    PasswordPolicy: {
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: true,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 24,
      HardExpiry: false,
    },
  });
  iamMock
    .on(GetAccountSummaryCommand)
    .resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 3 } });
  iamMock.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: false });
  iamMock.on(GetCredentialReportCommand).resolves({
    Content: new TextEncoder().encode(credentialReportCsv([rootAccountRow(ACCOUNT)])),
    GeneratedTime: new Date('2026-11-26T11:00:00Z'),
  });
  for (const [type, contact] of Object.entries(contacts)) {
    accountMock.on(GetAlternateContactCommand, { AlternateContactType: type as keyof typeof contacts }).resolves({
      AlternateContact: { ...contact, AlternateContactType: type as keyof typeof contacts },
    });
  }
  accountMock.on(GetContactInformationCommand).resolves({
    ContactInformation: {
      FullName: 'Example Corp',
      PhoneNumber: '+1 555 0199',
      AddressLine1: '1 Main St',
      City: 'Seattle',
      CountryCode: 'US',
      PostalCode: '98101',
      StateOrRegion: 'WA',
    },
  });
  iamMock
    .on(ListOrganizationsFeaturesCommand)
    .resolves({ OrganizationId: 'o-abc123', EnabledFeatures: ['RootCredentialsManagement'] });
}

beforeEach(() => {
  iamMock.reset();
  stsMock.reset();
  accountMock.reset();
  healthyAccount();
});

describe('collectAccountState', () => {
  it('reads the identity and only the sources asked for', async () => {
    const state = await collect('passwordPolicy');
    expect(state.identity).toEqual({ ok: true, value: { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci` } });
    expect(state.passwordPolicy).toEqual({
      ok: true,
      value: {
        minimumPasswordLength: 14,
        requireSymbols: true,
        requireNumbers: true,
        requireUppercaseCharacters: true,
        requireLowercaseCharacters: false,
        allowUsersToChangePassword: true,
        expirePasswords: true,
        maxPasswordAge: 90,
        passwordReusePrevention: 24,
        hardExpiry: false,
      },
    });
    expect(Object.keys(state).sort()).toEqual(['collectedAt', 'identity', 'passwordPolicy', 'version']);
    expect(iamMock.calls()).toHaveLength(1);
    expect(accountMock.calls()).toHaveLength(0);
  });

  it('starts every call before any answer arrives (one round trip on the critical path)', async () => {
    const started: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held =
      <T>(name: string, value: T) =>
      async () => {
        started.push(name);
        await gate;
        return value;
      };
    stsMock.on(GetCallerIdentityCommand).callsFake(held('identity', { Account: ACCOUNT, Arn: 'arn' }));
    iamMock
      .on(GetAccountSummaryCommand)
      .callsFake(held('summary', { SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } }));
    iamMock.on(GetCredentialReportCommand).callsFake(
      held('report', {
        Content: new TextEncoder().encode(credentialReportCsv([rootAccountRow(ACCOUNT)])),
        GeneratedTime: NOW,
      }),
    );
    accountMock.on(GetAlternateContactCommand).callsFake(held('contact', { AlternateContact: contacts.BILLING }));
    const collecting = collect('accountSummary', 'credentialReport', 'alternateContacts');
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.sort()).toEqual(['contact', 'contact', 'contact', 'identity', 'report', 'summary']);
    release();
    expect((await collecting).accountSummary?.ok).toBe(true);
  });

  it('reads every source of a healthy account (collectFullState)', async () => {
    const state = await collectFullState(clients, NOW, noWait);
    expect(state.version).toBe(1);
    expect(state.collectedAt).toBe(NOW.toISOString());
    expect(state.accountSummary).toEqual({
      ok: true,
      value: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 3 },
    });
    expect(state.virtualMfaDevices).toEqual({ ok: true, value: [] });
    expect(state.credentialReport?.ok && state.credentialReport.value.generatedAt).toBe('2026-11-26T11:00:00.000Z');
    expect(state.alternateContacts?.SECURITY).toEqual({
      ok: true,
      value: { name: 'Sec', title: 'CISO', email: 'security@example.com', phone: '+1 555 0102' },
    });
    expect(state.alternateContacts?.BILLING?.ok && state.alternateContacts.BILLING.value?.email).toBe(
      'billing@example.com',
    );
    expect(state.contactInformation).toEqual({
      ok: true,
      value: {
        fullName: 'Example Corp',
        phoneNumber: '+1 555 0199',
        addressLine1: '1 Main St',
        city: 'Seattle',
        countryCode: 'US',
        postalCode: '98101',
        stateOrRegion: 'WA',
      },
    });
    expect(state.organizationsFeatures).toEqual({
      ok: true,
      value: { organizationId: 'o-abc123', enabledFeatures: ['RootCredentialsManagement'] },
    });
  });

  it('reads NoSuchEntity on GetAccountPasswordPolicy as "no policy" (null)', async () => {
    iamMock.on(GetAccountPasswordPolicyCommand).rejects(noSuchEntity());
    expect((await collect('passwordPolicy')).passwordPolicy).toEqual({ ok: true, value: null });
  });

  it('reads a password policy without expiry, reuse prevention and hard expiry (AWS leaves them out when off)', async () => {
    iamMock.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: {
        MinimumPasswordLength: 8,
        RequireSymbols: false,
        RequireNumbers: true,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: false,
        AllowUsersToChangePassword: false,
      },
    });
    const policy = (await collect('passwordPolicy')).passwordPolicy;
    expect(policy?.ok && policy.value).toEqual({
      minimumPasswordLength: 8,
      requireSymbols: false,
      requireNumbers: true,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: false,
      expirePasswords: false,
      hardExpiry: false,
    });
  });

  it('reads a password policy missing a field AWS always sends as unreadable, never as "off"', async () => {
    iamMock
      .on(GetAccountPasswordPolicyCommand)
      .resolves({ PasswordPolicy: { MinimumPasswordLength: 14, ExpirePasswords: false } });
    expect((await collect('passwordPolicy')).passwordPolicy).toEqual({
      ok: false,
      error: {
        code: 'MalformedResponse',
        message:
          'iam:GetAccountPasswordPolicy answered a PasswordPolicy without RequireSymbols, RequireNumbers, RequireUppercaseCharacters, RequireLowercaseCharacters, AllowUsersToChangePassword, which AWS always sends',
        action: 'iam:GetAccountPasswordPolicy',
      },
    });
  });

  it('reads a 200 with an empty body (parsed to an empty output) as unreadable for every source', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({});
    iamMock.on(GetAccountPasswordPolicyCommand).resolves({});
    iamMock.on(GetAccountSummaryCommand).resolves({});
    iamMock.on(ListVirtualMFADevicesCommand).resolves({});
    iamMock.on(GetCredentialReportCommand).resolves({});
    iamMock.on(ListOrganizationsFeaturesCommand).resolves({});
    accountMock.on(GetAlternateContactCommand).resolves({});
    accountMock.on(GetContactInformationCommand).resolves({});
    const state = await collectFullState(clients, NOW, noWait);
    const codes = {
      identity: state.identity,
      passwordPolicy: state.passwordPolicy,
      accountSummary: state.accountSummary,
      virtualMfaDevices: state.virtualMfaDevices,
      credentialReport: state.credentialReport,
      BILLING: state.alternateContacts?.BILLING,
      contactInformation: state.contactInformation,
      organizationsFeatures: state.organizationsFeatures,
    };
    for (const [source, readable] of Object.entries(codes)) {
      expect([source, readable?.ok === false && readable.error.code]).toEqual([source, 'MalformedResponse']);
    }
  });

  it('reads ResourceNotFoundException per contact type as unset (null), the others intact', async () => {
    accountMock.on(GetAlternateContactCommand, { AlternateContactType: 'OPERATIONS' }).rejects(contactNotFound());
    const state = await collect('alternateContacts');
    expect(state.alternateContacts?.OPERATIONS).toEqual({ ok: true, value: null });
    expect(state.alternateContacts?.BILLING?.ok).toBe(true);
    expect(state.alternateContacts?.SECURITY?.ok).toBe(true);
  });

  it('reads a missing primary contact as null', async () => {
    accountMock.on(GetContactInformationCommand).rejects(contactNotFound());
    expect((await collect('contactInformation')).contactInformation).toEqual({ ok: true, value: null });
  });

  it('follows every page of ListVirtualMFADevices', async () => {
    iamMock
      .on(ListVirtualMFADevicesCommand)
      .resolvesOnce({
        VirtualMFADevices: [
          {
            SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`,
            User: {
              Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
              UserName: 'alice',
              UserId: 'A',
              Path: '/',
              CreateDate: NOW,
            },
          },
        ],
        IsTruncated: true,
        Marker: 'page-2',
      })
      .resolvesOnce({
        VirtualMFADevices: [
          {
            SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
            User: {
              Arn: `arn:aws:iam::${ACCOUNT}:root`,
              UserName: 'root',
              UserId: ACCOUNT,
              Path: '/',
              CreateDate: NOW,
            },
            EnableDate: new Date('2025-01-02T03:04:05Z'),
          },
          { SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/spare` },
        ],
        IsTruncated: false,
      });
    const state = await collect('virtualMfaDevices');
    expect(state.virtualMfaDevices).toEqual({
      ok: true,
      value: [
        { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, userArn: `arn:aws:iam::${ACCOUNT}:user/alice` },
        {
          serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`,
          userArn: `arn:aws:iam::${ACCOUNT}:root`,
          enableDate: '2025-01-02T03:04:05.000Z',
        },
        { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/spare` },
      ],
    });
    const calls = iamMock.commandCalls(ListVirtualMFADevicesCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([{ AssignmentStatus: 'Any' }, { AssignmentStatus: 'Any', Marker: 'page-2' }]);
  });

  it('reads IsTruncated = true without a Marker as unreadable: the rest of the list is unknown', async () => {
    iamMock.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: true });
    expect((await collect('virtualMfaDevices')).virtualMfaDevices).toEqual({
      ok: false,
      error: {
        code: 'MalformedResponse',
        message:
          'iam:ListVirtualMFADevices answered IsTruncated = true without a Marker: the rest of the list cannot be read',
        action: 'iam:ListVirtualMFADevices',
      },
    });
  });

  it('stops a list whose Marker comes back again instead of looping', async () => {
    iamMock.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [], IsTruncated: true, Marker: 'same' });
    const devices = (await collect('virtualMfaDevices')).virtualMfaDevices;
    expect(devices?.ok === false && devices.error.message).toBe(
      'iam:ListVirtualMFADevices answered a Marker it had already given: the list does not end',
    );
    expect(iamMock.commandCalls(ListVirtualMFADevicesCommand)).toHaveLength(2);
  });

  it.each<[DataSource, string, (denied: Error) => void]>([
    [
      'passwordPolicy',
      'iam:GetAccountPasswordPolicy',
      (denied) => iamMock.on(GetAccountPasswordPolicyCommand).rejects(denied),
    ],
    ['accountSummary', 'iam:GetAccountSummary', (denied) => iamMock.on(GetAccountSummaryCommand).rejects(denied)],
    [
      'virtualMfaDevices',
      'iam:ListVirtualMFADevices',
      (denied) => iamMock.on(ListVirtualMFADevicesCommand).rejects(denied),
    ],
    ['credentialReport', 'iam:GetCredentialReport', (denied) => iamMock.on(GetCredentialReportCommand).rejects(denied)],
    [
      'organizationsFeatures',
      'iam:ListOrganizationsFeatures',
      (denied) => iamMock.on(ListOrganizationsFeaturesCommand).rejects(denied),
    ],
    [
      'contactInformation',
      'account:GetContactInformation',
      (denied) => accountMock.on(GetContactInformationCommand).rejects(denied),
    ],
  ])('confines AccessDenied on %s to that source, naming %s', async (source, action, deny) => {
    deny(action.startsWith('iam:') ? iamAccessDenied(action) : accountAccessDenied(action));
    const state = await collectFullState(clients, NOW, noWait);
    expect(state[source]).toEqual({
      ok: false,
      error: {
        code: 'AccessDenied',
        message: `User: arn:aws:iam::111122223333:user/ci is not authorized to perform: ${action}`,
        action,
      },
    });
    const others = (
      [
        'passwordPolicy',
        'accountSummary',
        'virtualMfaDevices',
        'credentialReport',
        'contactInformation',
        'organizationsFeatures',
      ] as const
    ).filter((other) => other !== source);
    for (const other of others) expect(state[other]?.ok).toBe(true);
    expect(state.identity.ok).toBe(true);
  });

  it('confines AccessDeniedException on one alternate contact to that contact', async () => {
    accountMock
      .on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' })
      .rejects(accountAccessDenied('account:GetAlternateContact'));
    const state = await collect('alternateContacts');
    expect(state.alternateContacts?.SECURITY).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'AccessDenied', action: 'account:GetAlternateContact' }),
    });
    expect(state.alternateContacts?.BILLING?.ok).toBe(true);
  });

  it('keeps AccessDenied on GetCallerIdentity in the identity, other sources still read', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejects(iamQueryError('AccessDenied', 'not authorized to perform sts:GetCallerIdentity', 403));
    const state = await collect('accountSummary');
    expect(state.identity).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'AccessDenied', action: 'sts:GetCallerIdentity' }),
    });
    expect(state.accountSummary?.ok).toBe(true);
  });

  it('reads only the alternate contacts named in parts, each in its own call', async () => {
    const state = await collectAccountState(clients, {
      sources: new Set<DataSource>(['alternateContacts']),
      parts: { alternateContacts: ['SECURITY'] },
      now: NOW,
      ...noWait,
    });
    expect(Object.keys(state.alternateContacts ?? {})).toEqual(['SECURITY']);
    expect(state.alternateContacts?.SECURITY?.ok).toBe(true);
    expect(
      accountMock.commandCalls(GetAlternateContactCommand).map((call) => call.args[0].input.AlternateContactType),
    ).toEqual(['SECURITY']);
  });

  it('takes an identity already known (a member, from AssumeRole) and does not call GetCallerIdentity', async () => {
    const identity = {
      ok: true as const,
      value: { accountId: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ro/s` },
    };
    const state = await collectAccountState(clients, {
      sources: new Set<DataSource>(['accountSummary']),
      now: NOW,
      identity,
      ...noWait,
    });
    expect(state.identity).toEqual(identity);
    expect(stsMock.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
    expect(state.accountSummary?.ok).toBe(true);
  });

  it('surfaces throttling that outlasted the SDK retries as a ReadError', async () => {
    iamMock.on(GetAccountSummaryCommand).rejects(iamQueryError('Throttling', 'Rate exceeded', 400, 4));
    const state = await collect('accountSummary', 'passwordPolicy');
    expect(state.accountSummary).toEqual({
      ok: false,
      error: {
        code: 'Throttling',
        message: 'Rate exceeded (gave up after 4 attempts)',
        action: 'iam:GetAccountSummary',
      },
    });
    expect(state.passwordPolicy?.ok).toBe(true);
  });

  it('surfaces a timeout as TimeoutError', async () => {
    const timeout = Object.assign(new Error('a request has exceeded the configured 10000 ms requestTimeout.'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    });
    accountMock.on(GetContactInformationCommand).rejects(timeout);
    const state = await collect('contactInformation');
    expect(state.contactInformation).toEqual({
      ok: false,
      error: {
        code: 'TimeoutError',
        message: 'a request has exceeded the configured 10000 ms requestTimeout.',
        action: 'account:GetContactInformation',
      },
    });
  });

  it('reads a report in progress after the deadline as a ReportInProgress error', async () => {
    iamMock.on(GetCredentialReportCommand).rejects(iamQueryError('ReportInProgress', 'in progress', 404));
    const state = await collectAccountState(clients, {
      sources: new Set(['credentialReport']),
      now: NOW,
      credentialReportDeadlineMs: 3_000,
      ...(() => {
        let elapsed = 0;
        return {
          clock: () => elapsed,
          sleep: (ms: number) => {
            elapsed += ms;
            return Promise.resolve();
          },
        };
      })(),
    });
    expect(state.credentialReport).toEqual({
      ok: false,
      error: {
        code: 'ReportInProgress',
        message: expect.stringContaining('did not finish within 3 s'),
        action: 'iam:GetCredentialReport',
      },
    });
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(0);
  });

  it('reuses a fresh report without generating one', async () => {
    await collect('credentialReport');
    expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(0);
  });

  it('turns an aborted run into errors instead of hanging', async () => {
    const controller = new AbortController();
    controller.abort();
    const abort = Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    iamMock.on(GetAccountSummaryCommand).rejects(abort);
    const state = await collectAccountState(clients, {
      sources: new Set(['accountSummary']),
      now: NOW,
      abortSignal: controller.signal,
    });
    expect(state.accountSummary).toEqual({
      ok: false,
      error: { code: 'AbortError', message: 'Request aborted', action: 'iam:GetAccountSummary' },
    });
    expect((iamMock.commandCalls(GetAccountSummaryCommand)[0]?.args as unknown[] | undefined)?.[1]).toEqual({
      abortSignal: controller.signal,
    });
  });
});
