/**
 * Live collection: one function per AWS call, all started at once (the critical path is a single round trip
 * when the credential report is fresh). Each call's failure stays in its own source as `{ ok: false, error }`.
 */
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  ListOrganizationsFeaturesCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient,
  type PasswordPolicy,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { GetAlternateContactCommand, GetContactInformationCommand, type AccountClient } from '@aws-sdk/client-account';
import type { HttpHandlerOptions } from '@smithy/types';
import {
  SNAPSHOT_VERSION,
  type AccountState,
  type AccountSummary,
  type AlternateContact,
  type AlternateContactType,
  type ContactInformation,
  type PasswordPolicyState,
  type Readable,
  type VirtualMfaDevice,
} from './types.js';
import type { AwsClients } from './aws-clients.js';
import { DATA_SOURCES, type DataSource } from './sources.js';
import { isAwsError, toReadError } from './read-error.js';
import { readCredentialReport, type Sleep } from './credential-report.js';

export interface CollectOptions {
  sources: ReadonlySet<DataSource>;
  now: Date;
  /** Reuse an existing credential report younger than this (default 4 hours). */
  credentialReportMaxAgeMs?: number;
  /** Give up waiting for a credential report being generated after this long (default 60 s). */
  credentialReportDeadlineMs?: number;
  /** Aborts every call still running (the run's overall deadline); aborted calls become errors. */
  abortSignal?: AbortSignal;
  /** Injectable waits for the credential report poll (tests). */
  sleep?: Sleep;
  clock?: () => number;
}

export { SOURCE_ACTIONS } from './sources.js';

export const ALTERNATE_CONTACT_TYPES: readonly AlternateContactType[] = ['BILLING', 'OPERATIONS', 'SECURITY'];

/** Runs one call; its failure becomes the source's ReadError. `absent` maps "not found" answers to `null`. */
async function readSource<T>(action: string, read: () => Promise<T>, absentCodes: string[] = []): Promise<Readable<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (absentCodes.length > 0 && isAwsError(error, ...absentCodes)) return { ok: true, value: null as T };
    return { ok: false, error: toReadError(error, action) };
  }
}

function sendOptions(options: CollectOptions): HttpHandlerOptions {
  return options.abortSignal ? { abortSignal: options.abortSignal } : {};
}

function malformed(action: string, what: string): Error {
  return Object.assign(new Error(`${action} answered without ${what}`), { name: 'MalformedResponse' });
}

function readIdentity(clients: AwsClients, options: CollectOptions): Promise<AccountState['identity']> {
  return readSource('sts:GetCallerIdentity', async () => {
    const output = await clients.sts.send(new GetCallerIdentityCommand({}), sendOptions(options));
    if (!output.Account || !output.Arn) throw malformed('sts:GetCallerIdentity', 'Account and Arn');
    return { accountId: output.Account, arn: output.Arn };
  });
}

/** Absent booleans read as false and an absent length as 0: the strict reading, so a gap never passes. */
export function toPasswordPolicyState(policy: PasswordPolicy): PasswordPolicyState {
  const maxAge = policy.MaxPasswordAge;
  return {
    minimumPasswordLength: policy.MinimumPasswordLength ?? 0,
    requireSymbols: policy.RequireSymbols ?? false,
    requireNumbers: policy.RequireNumbers ?? false,
    requireUppercaseCharacters: policy.RequireUppercaseCharacters ?? false,
    requireLowercaseCharacters: policy.RequireLowercaseCharacters ?? false,
    allowUsersToChangePassword: policy.AllowUsersToChangePassword ?? false,
    expirePasswords: policy.ExpirePasswords ?? (maxAge !== undefined && maxAge > 0),
    ...(maxAge !== undefined && maxAge > 0 ? { maxPasswordAge: maxAge } : {}),
    ...(policy.PasswordReusePrevention !== undefined ? { passwordReusePrevention: policy.PasswordReusePrevention } : {}),
    hardExpiry: policy.HardExpiry ?? false,
  };
}

function readPasswordPolicy(iam: IAMClient, options: CollectOptions): Promise<Readable<PasswordPolicyState | null>> {
  return readSource(
    'iam:GetAccountPasswordPolicy',
    async () => {
      const output = await iam.send(new GetAccountPasswordPolicyCommand({}), sendOptions(options));
      if (!output.PasswordPolicy) throw malformed('iam:GetAccountPasswordPolicy', 'PasswordPolicy');
      return toPasswordPolicyState(output.PasswordPolicy);
    },
    ['NoSuchEntity', 'NoSuchEntityException'],
  );
}

function readAccountSummary(iam: IAMClient, options: CollectOptions): Promise<Readable<AccountSummary>> {
  return readSource('iam:GetAccountSummary', async () => {
    const output = await iam.send(new GetAccountSummaryCommand({}), sendOptions(options));
    const summary: AccountSummary = {};
    for (const [key, value] of Object.entries(output.SummaryMap ?? {})) {
      if (typeof value === 'number') summary[key] = value;
    }
    return summary;
  });
}

/** Every page: the root's device may be on any of them. */
function readVirtualMfaDevices(iam: IAMClient, options: CollectOptions): Promise<Readable<VirtualMfaDevice[]>> {
  return readSource('iam:ListVirtualMFADevices', async () => {
    const devices: VirtualMfaDevice[] = [];
    let marker: string | undefined;
    do {
      const output = await iam.send(
        new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Any', ...(marker ? { Marker: marker } : {}) }),
        sendOptions(options),
      );
      for (const device of output.VirtualMFADevices ?? []) {
        devices.push({
          serialNumber: device.SerialNumber ?? '',
          ...(device.User?.Arn ? { userArn: device.User.Arn } : {}),
          ...(device.EnableDate ? { enableDate: device.EnableDate.toISOString() } : {}),
        });
      }
      marker = output.IsTruncated ? output.Marker : undefined;
    } while (marker);
    return devices;
  });
}

const CONTACT_NOT_FOUND = ['ResourceNotFoundException'];

async function readAlternateContacts(account: AccountClient, options: CollectOptions): Promise<AccountState['alternateContacts']> {
  const read = (type: AlternateContactType): Promise<Readable<AlternateContact | null>> =>
    readSource(
      'account:GetAlternateContact',
      async () => {
        const output = await account.send(new GetAlternateContactCommand({ AlternateContactType: type }), sendOptions(options));
        const contact = output.AlternateContact;
        if (!contact) throw malformed('account:GetAlternateContact', 'AlternateContact');
        return {
          name: contact.Name ?? '',
          title: contact.Title ?? '',
          email: contact.EmailAddress ?? '',
          phone: contact.PhoneNumber ?? '',
        };
      },
      CONTACT_NOT_FOUND,
    );
  const results = await Promise.all(ALTERNATE_CONTACT_TYPES.map(read));
  return Object.fromEntries(ALTERNATE_CONTACT_TYPES.map((type, index) => [type, results[index]]));
}

function readContactInformation(account: AccountClient, options: CollectOptions): Promise<Readable<ContactInformation | null>> {
  return readSource(
    'account:GetContactInformation',
    async () => {
      const output = await account.send(new GetContactInformationCommand({}), sendOptions(options));
      const info = output.ContactInformation;
      if (!info) return null;
      return {
        fullName: info.FullName ?? '',
        phoneNumber: info.PhoneNumber ?? '',
        ...(info.CompanyName ? { companyName: info.CompanyName } : {}),
        addressLine1: info.AddressLine1 ?? '',
        city: info.City ?? '',
        countryCode: info.CountryCode ?? '',
        postalCode: info.PostalCode ?? '',
        ...(info.StateOrRegion ? { stateOrRegion: info.StateOrRegion } : {}),
        ...(info.WebsiteUrl ? { websiteUrl: info.WebsiteUrl } : {}),
      };
    },
    CONTACT_NOT_FOUND,
  );
}

function readOrganizationsFeatures(iam: IAMClient, options: CollectOptions): Promise<AccountState['organizationsFeatures']> {
  return readSource('iam:ListOrganizationsFeatures', async () => {
    const output = await iam.send(new ListOrganizationsFeaturesCommand({}), sendOptions(options));
    return {
      ...(output.OrganizationId ? { organizationId: output.OrganizationId } : {}),
      enabledFeatures: [...(output.EnabledFeatures ?? [])],
    };
  });
}

/** Reads the account. Never throws for a failed AWS call: that source becomes `{ ok: false, error }`. */
export async function collectAccountState(clients: AwsClients, options: CollectOptions): Promise<AccountState> {
  const { sources, now } = options;
  const wanted = <T>(source: DataSource, read: () => Promise<T>): Promise<T> | undefined =>
    sources.has(source) ? read() : undefined;
  // Everything starts before anything is awaited: independent calls run in parallel.
  const identity = readIdentity(clients, options);
  const pending = {
    passwordPolicy: wanted('passwordPolicy', () => readPasswordPolicy(clients.iam, options)),
    accountSummary: wanted('accountSummary', () => readAccountSummary(clients.iam, options)),
    virtualMfaDevices: wanted('virtualMfaDevices', () => readVirtualMfaDevices(clients.iam, options)),
    credentialReport: wanted('credentialReport', () =>
      readCredentialReport(clients.iam, {
        now,
        ...(options.credentialReportMaxAgeMs !== undefined ? { maxAgeMs: options.credentialReportMaxAgeMs } : {}),
        ...(options.credentialReportDeadlineMs !== undefined ? { deadlineMs: options.credentialReportDeadlineMs } : {}),
        ...(options.sleep ? { sleep: options.sleep } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
      }),
    ),
    alternateContacts: wanted('alternateContacts', () => readAlternateContacts(clients.account, options)),
    contactInformation: wanted('contactInformation', () => readContactInformation(clients.account, options)),
    organizationsFeatures: wanted('organizationsFeatures', () => readOrganizationsFeatures(clients.iam, options)),
  };
  const state: AccountState = { version: SNAPSHOT_VERSION, collectedAt: now.toISOString(), identity: await identity };
  const entries = await Promise.all(
    Object.entries(pending).map(async ([source, promise]) => [source, promise === undefined ? undefined : await promise] as const),
  );
  for (const [source, value] of entries) {
    if (value !== undefined) Object.assign(state, { [source]: value });
  }
  return state;
}

/** Every source (the `snapshot` command). */
export function collectFullState(
  clients: AwsClients,
  now: Date,
  options: Omit<CollectOptions, 'sources' | 'now'> = {},
): Promise<AccountState> {
  return collectAccountState(clients, { ...options, sources: new Set(DATA_SOURCES), now });
}
