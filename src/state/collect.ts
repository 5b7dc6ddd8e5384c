/**
 * Live collection: one function per AWS call, all started at once (the critical path is a single round trip
 * when the credential report is fresh). Each call's failure stays in its own source as `{ ok: false, error }`.
 */
import {
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  ListOrganizationsFeaturesCommand,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient,
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
  type AuthorizationDetails,
  type ContactInformation,
  type PasswordPolicyState,
  type Readable,
  type ServerCertificate,
  type VirtualMfaDevice,
} from './types.js';
import type { AwsClients } from './aws-clients.js';
import { ALTERNATE_CONTACT_TYPES, DATA_SOURCES, type DataSource, type SourceParts } from './sources.js';
import { isAwsError, toReadError } from './read-error.js';
import { readCredentialReport, type Sleep } from './credential-report.js';
import {
  accountSummaryFromAnswer,
  alternateContactFromAnswer,
  contactInformationFromAnswer,
  identityFromAnswer,
  malformed,
  organizationsFeaturesFromAnswer,
  passwordPolicyFromAnswer,
  virtualMfaPageFromAnswer,
} from './answers.js';
import { appendAuthorizationPage } from './authorization-details.js';

export interface CollectOptions {
  sources: ReadonlySet<DataSource>;
  /** Of the sources read in parts, the parts to read (the declared contact types); others are read whole. */
  parts?: SourceParts;
  now: Date;
  /** Reuse an existing credential report younger than this (default 4 hours). */
  credentialReportMaxAgeMs?: number;
  /** Give up waiting for a credential report being generated after this long (default 60 s). */
  credentialReportDeadlineMs?: number;
  /** The identity when it is already known (a member's, from AssumeRole): then no `sts:GetCallerIdentity`. */
  identity?: AccountState['identity'];
  /** Aborts every call still running (the run's overall deadline); aborted calls become errors. */
  abortSignal?: AbortSignal;
  /** Injectable waits for the credential report poll (tests). */
  sleep?: Sleep;
  clock?: () => number;
}

export { SOURCE_ACTIONS } from './sources.js';

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

function readIdentity(clients: AwsClients, options: CollectOptions): Promise<AccountState['identity']> {
  return readSource('sts:GetCallerIdentity', async () =>
    identityFromAnswer(await clients.sts.send(new GetCallerIdentityCommand({}), sendOptions(options))),
  );
}

function readPasswordPolicy(iam: IAMClient, options: CollectOptions): Promise<Readable<PasswordPolicyState | null>> {
  return readSource(
    'iam:GetAccountPasswordPolicy',
    async () => passwordPolicyFromAnswer(await iam.send(new GetAccountPasswordPolicyCommand({}), sendOptions(options))),
    ['NoSuchEntity', 'NoSuchEntityException'],
  );
}

function readAccountSummary(iam: IAMClient, options: CollectOptions): Promise<Readable<AccountSummary>> {
  return readSource('iam:GetAccountSummary', async () =>
    accountSummaryFromAnswer(await iam.send(new GetAccountSummaryCommand({}), sendOptions(options))),
  );
}

/** A list longer than this many pages (100 devices each) is taken for an endpoint that never ends the list. */
const MAX_MFA_PAGES = 1_000;

/** Every page: the root's device may be on any of them. Only a list read to its end proves "no virtual device". */
function readVirtualMfaDevices(iam: IAMClient, options: CollectOptions): Promise<Readable<VirtualMfaDevice[]>> {
  const action = 'iam:ListVirtualMFADevices';
  return readSource(action, async () => {
    const devices: VirtualMfaDevice[] = [];
    const seen = new Set<string>();
    let marker: string | undefined;
    do {
      if (seen.size >= MAX_MFA_PAGES) throw malformed(action, `more than ${MAX_MFA_PAGES} pages`);
      const output = await iam.send(
        new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Any', ...(marker ? { Marker: marker } : {}) }),
        sendOptions(options),
      );
      const page = virtualMfaPageFromAnswer(output);
      devices.push(...page.devices);
      marker = page.marker;
      if (marker !== undefined && seen.has(marker))
        throw malformed(action, 'a Marker it had already given: the list does not end');
      if (marker !== undefined) seen.add(marker);
    } while (marker !== undefined);
    return devices;
  });
}

const CONTACT_NOT_FOUND = ['ResourceNotFoundException'];

async function readAlternateContacts(
  account: AccountClient,
  options: CollectOptions,
): Promise<AccountState['alternateContacts']> {
  const read = (type: AlternateContactType): Promise<Readable<AlternateContact | null>> =>
    readSource(
      'account:GetAlternateContact',
      async () =>
        alternateContactFromAnswer(
          await account.send(new GetAlternateContactCommand({ AlternateContactType: type }), sendOptions(options)),
          type,
        ),
      CONTACT_NOT_FOUND,
    );
  // Only the types the policy declares: each is a call of its own.
  const wanted = options.parts?.alternateContacts;
  const types = wanted ? ALTERNATE_CONTACT_TYPES.filter((type) => wanted.includes(type)) : ALTERNATE_CONTACT_TYPES;
  const results = await Promise.all(types.map(read));
  return Object.fromEntries(types.map((type, index) => [type, results[index]]));
}

function readContactInformation(
  account: AccountClient,
  options: CollectOptions,
): Promise<Readable<ContactInformation | null>> {
  return readSource(
    'account:GetContactInformation',
    async () =>
      contactInformationFromAnswer(await account.send(new GetContactInformationCommand({}), sendOptions(options))),
    CONTACT_NOT_FOUND,
  );
}

function readOrganizationsFeatures(
  iam: IAMClient,
  options: CollectOptions,
): Promise<AccountState['organizationsFeatures']> {
  return readSource('iam:ListOrganizationsFeatures', async () =>
    organizationsFeaturesFromAnswer(await iam.send(new ListOrganizationsFeaturesCommand({}), sendOptions(options))),
  );
}

/** Every page of iam:GetAccountAuthorizationDetails (users, groups, roles, customer-managed policies). */
function readAuthorizationDetails(iam: IAMClient, options: CollectOptions): Promise<Readable<AuthorizationDetails>> {
  return readSource('iam:GetAccountAuthorizationDetails', async () => {
    const details: AuthorizationDetails = { users: [], groups: [], roles: [], policies: [] };
    let marker: string | undefined;
    do {
      const output = await iam.send(
        new GetAccountAuthorizationDetailsCommand({
          Filter: ['User', 'Group', 'Role', 'LocalManagedPolicy'],
          MaxItems: 1000,
          ...(marker ? { Marker: marker } : {}),
        }),
        sendOptions(options),
      );
      // An empty or foreign 200 parses into an empty output: without IsTruncated, "no users" would be believed.
      if (typeof output.IsTruncated !== 'boolean')
        throw malformed('iam:GetAccountAuthorizationDetails', 'without IsTruncated');
      appendAuthorizationPage(details, output);
      marker = output.IsTruncated ? output.Marker : undefined;
      if (output.IsTruncated && !marker)
        throw malformed('iam:GetAccountAuthorizationDetails', 'a truncated page without a Marker');
    } while (marker);
    return details;
  });
}

function readServerCertificates(iam: IAMClient, options: CollectOptions): Promise<Readable<ServerCertificate[]>> {
  return readSource('iam:ListServerCertificates', async () => {
    const certificates: ServerCertificate[] = [];
    let marker: string | undefined;
    do {
      const output = await iam.send(
        new ListServerCertificatesCommand({ ...(marker ? { Marker: marker } : {}) }),
        sendOptions(options),
      );
      if (typeof output.IsTruncated !== 'boolean' || output.ServerCertificateMetadataList === undefined) {
        throw malformed('iam:ListServerCertificates', 'without ServerCertificateMetadataList and IsTruncated');
      }
      for (const metadata of output.ServerCertificateMetadataList) {
        if (
          !metadata.ServerCertificateName ||
          !metadata.Arn ||
          !metadata.Expiration ||
          Number.isNaN(metadata.Expiration.getTime())
        ) {
          throw malformed('iam:ListServerCertificates', 'a certificate without its name, ARN or Expiration');
        }
        certificates.push({
          name: metadata.ServerCertificateName,
          arn: metadata.Arn,
          expiration: metadata.Expiration.toISOString(),
        });
      }
      marker = output.IsTruncated ? output.Marker : undefined;
      if (output.IsTruncated && !marker)
        throw malformed('iam:ListServerCertificates', 'a truncated page without a Marker');
    } while (marker);
    return certificates;
  });
}

/** The enabled regions, then (when asked for) the analyzers of each: the one source that needs another first. */
function regional(
  clients: AwsClients,
  options: CollectOptions,
): Pick<Partial<Record<keyof AccountState, Promise<unknown>>>, 'enabledRegions' | 'accessAnalyzers'> {
  const { sources } = options;
  if (!sources.has('enabledRegions') && !sources.has('accessAnalyzers')) return {};
  // Its module holds the Access Analyzer commands: loaded only by a policy that asks for regions or analyzers.
  const readers = import(/* webpackChunkName: "access-analyzer" */ './access-analyzers.js');
  const regions = readers.then(({ readEnabledRegions }) => readEnabledRegions(clients.account, sendOptions(options)));
  const analyzers = sources.has('accessAnalyzers')
    ? Promise.all([regions, readers]).then(([read, { readAccessAnalyzers }]) =>
        read.ok ? readAccessAnalyzers(clients.accessAnalyzer, read.value, sendOptions(options)) : undefined,
      )
    : undefined;
  return { enabledRegions: regions, ...(analyzers && { accessAnalyzers: analyzers }) };
}

/** Reads the account. Never throws for a failed AWS call: that source becomes `{ ok: false, error }`. */
export async function collectAccountState(clients: AwsClients, options: CollectOptions): Promise<AccountState> {
  const { sources, now } = options;
  const wanted = <T>(source: DataSource, read: () => Promise<T>): Promise<T> | undefined =>
    sources.has(source) ? read() : undefined;
  // Everything starts before anything is awaited: independent calls run in parallel.
  const identity = options.identity ?? readIdentity(clients, options);
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
    authorizationDetails: wanted('authorizationDetails', () => readAuthorizationDetails(clients.iam, options)),
    serverCertificates: wanted('serverCertificates', () => readServerCertificates(clients.iam, options)),
    ...regional(clients, options),
  };
  const state: AccountState = { version: SNAPSHOT_VERSION, collectedAt: now.toISOString(), identity: await identity };
  const entries = await Promise.all(
    Object.entries(pending).map(
      async ([source, promise]) => [source, promise === undefined ? undefined : await promise] as const,
    ),
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
