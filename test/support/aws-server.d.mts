// Types for aws-server.mjs (the local AWS-protocol server used by e2e tests and benchmarks).
import type { PasswordPolicyState } from '../../src/state/types.js';

/** One credential report row keyed by AWS's CSV column names (`user`, `arn`, `mfa_active`, ...). Missing cells: `N/A` / `false`. */
export type CredentialReportCsvRow = Partial<Record<string, string | boolean | number>>;

export interface CredentialReportFixture {
  /** Rows (see credential-report-csv.mjs); ignored when `csv` is given. */
  rows?: CredentialReportCsvRow[];
  /** Raw CSV text, served byte for byte (for malformed or unusual reports). */
  csv?: string;
  /**
   * When AWS generated it (ISO 8601). Without it the report is not present (ReportNotPresent) until
   * GenerateCredentialReport runs; the generated report then carries these rows.
   */
  generatedAt?: string;
  /** GetCredentialReport answers ReportExpired (410) until a new report is generated. */
  expired?: boolean;
}

export interface AlternateContactFixture {
  name: string;
  title: string;
  email: string;
  phone: string;
}

export interface ContactInformationFixture {
  fullName: string;
  phoneNumber: string;
  addressLine1: string;
  city: string;
  countryCode: string;
  postalCode: string;
  companyName?: string;
  addressLine2?: string;
  addressLine3?: string;
  stateOrRegion?: string;
  districtOrCounty?: string;
  websiteUrl?: string;
}

export interface VirtualMfaDeviceFixture {
  serialNumber: string;
  /** `arn:aws:iam::ID:root` for the root user; absent = unassigned. */
  userArn?: string;
  /** ISO 8601; defaults to 2024-01-01 for assigned devices. */
  enableDate?: string;
}

export type AwsOperation =
  // Account (regions) and Access Analyzer (regional)
  | 'ListRegions'
  | 'ListAnalyzers'
  // IAM
  | 'GetAccountPasswordPolicy'
  | 'UpdateAccountPasswordPolicy'
  | 'DeleteAccountPasswordPolicy'
  | 'GetAccountSummary'
  | 'ListVirtualMFADevices'
  | 'GetAccountAuthorizationDetails'
  | 'ListServerCertificates'
  | 'GenerateCredentialReport'
  | 'GetCredentialReport'
  | 'ListOrganizationsFeatures'
  // STS
  | 'GetCallerIdentity'
  | 'AssumeRole'
  | 'AssumeRoleWithWebIdentity'
  // Account
  | 'GetAlternateContact'
  | 'PutAlternateContact'
  | 'DeleteAlternateContact'
  | 'GetContactInformation'
  | 'PutContactInformation'
  // Organizations
  | 'DescribeOrganization'
  | 'ListRoots'
  | 'ListAccounts'
  | 'ListAccountsForParent'
  | 'ListOrganizationalUnitsForParent'
  | 'ListParents';

export type FaultKind =
  /** IAM/STS: 400 `Throttling` XML; Account/Organizations: 429 `TooManyRequestsException` JSON. */
  | 'throttle'
  /** HTTP 429 (`Throttling` XML / `ThrottlingException` JSON). */
  | 'http429'
  /** HTTP 500 (`ServiceFailure` for IAM, `InternalFailure` STS, `InternalServerException` Account, `ServiceException` Organizations). */
  | 'http500'
  /** HTTP 503 `ServiceUnavailable`. */
  | 'http503'
  /** The socket is destroyed without an answer. */
  | 'reset'
  /** Answers normally after `delayMs` (default 5000, at most 120000). */
  | 'slow'
  /** HTTP 200 with a cut-off XML/JSON body. */
  | 'malformed'
  /** 403 `SignatureDoesNotMatch` quoting the canonical request, session token (`x-amz-security-token`) and key id included, as AWS does. */
  | 'signatureMismatch'
  /** HTTP 200 with an empty body (the query protocol's SDK parses it to an empty output, without an error). */
  | 'emptyBody'
  /** HTTP 200 with an HTML page (`text/html`), as a captive portal or a misconfigured proxy answers. */
  | 'html'
  /** The normal answer without `field`: every XML element of that name, SummaryMap entry with that key, or JSON key. */
  | 'missingField'
  /** An IAM list answer with `IsTruncated` true and no `Marker`. */
  | 'truncatedNoMarker'
  /** A 200 GetCredentialReport-shaped answer of `bytes` bytes, streamed lazily (see `chunked`, RecordedRequest.responseBytes). */
  | 'oversized'
  /** The service's real AccessDenied shape (`AccessDenied` 403 XML, `AccessDeniedException` 403 JSON), naming the action. */
  | 'accessDenied'
  /** Credential report generation stays in progress (Generate: INPROGRESS, Get: ReportInProgress) while the fault applies. */
  | 'reportNeverFinishes';

export interface Fault {
  /** The operation it hits; `'*'` = every operation. */
  operation: AwsOperation | '*';
  /** Only requests answered as this account (default: any; inside an AccountFixture: that account). */
  accountId?: string;
  kind: FaultKind;
  /** Hits the first N matching requests, then the operation behaves normally. Default: every request. */
  times?: number;
  /** Lets the first N matching requests through untouched before the fault applies (e.g. hit only a read-back). */
  skip?: number;
  /** For `slow`. */
  delayMs?: number;
  /** For `missingField`: the wire name, e.g. `RequireSymbols`, `AccountMFAEnabled`, `EmailAddress`. */
  field?: string;
  /** For `oversized`: the body's size in bytes (default 64 MiB). */
  bytes?: number;
  /** For `oversized`: no Content-Length (chunked transfer), so only counting the body can stop it. */
  chunked?: boolean;
}

/** An inline policy or managed policy document: `document` is JSON-encoded (a string as is) then URL-encoded; `rawDocument` is sent verbatim. */
export interface PolicyDocumentFixture {
  document?: unknown;
  rawDocument?: string;
}

export interface InlinePolicyFixture extends PolicyDocumentFixture {
  name: string;
}

export interface PrincipalFixture {
  name: string;
  path?: string;
  /** Overrides the ARN built from the account, path and name. */
  arn?: string;
  /** Managed policy ARNs. */
  attachedPolicies?: string[];
  inlinePolicies?: InlinePolicyFixture[];
  /** Users only: group names. */
  groups?: string[];
}

export interface ManagedPolicyFixture extends PolicyDocumentFixture {
  name: string;
  path?: string;
  arn?: string;
  attachmentCount?: number;
}

/** GetAccountAuthorizationDetails data. */
export interface AuthorizationFixture {
  users?: PrincipalFixture[];
  groups?: PrincipalFixture[];
  roles?: PrincipalFixture[];
  /** Customer-managed policies (served for the LocalManagedPolicy filter). */
  policies?: ManagedPolicyFixture[];
}

export interface ServerCertificateFixture {
  name: string;
  path?: string;
  /** ISO 8601; absent = the member is left out (a malformed answer). */
  expiration?: string;
  uploadDate?: string;
}

export interface AccountFixture {
  accountId: string;
  /** `false`: AssumeRole / AssumeRoleWithWebIdentity into this account answers AccessDenied. */
  assumable?: boolean;
  /** ARN GetCallerIdentity returns for ambient credentials (default `arn:aws:iam::ID:user/baseline-ci`). */
  callerArn?: string;
  /** `null` or absent = no policy (NoSuchEntity). */
  passwordPolicy?: PasswordPolicyState | null;
  /** GetAccountSummary SummaryMap; absent = a typical map with AccountMFAEnabled 1, AccountAccessKeysPresent 0. */
  accountSummary?: Record<string, number>;
  virtualMfaDevices?: VirtualMfaDeviceFixture[];
  /** GetAccountAuthorizationDetails; absent = no users, groups, roles or customer-managed policies. */
  authorization?: AuthorizationFixture;
  /** ListServerCertificates; absent = none. */
  serverCertificates?: ServerCertificateFixture[];
  /** Absent = ReportNotPresent until generated (the generated report then holds only a root row). */
  credentialReport?: CredentialReportFixture;
  /** Unset types answer ResourceNotFoundException. */
  alternateContacts?: Partial<Record<'BILLING' | 'OPERATIONS' | 'SECURITY', AlternateContactFixture>>;
  /** account:ListRegions; default us-east-1 and eu-west-1, both ENABLED_BY_DEFAULT. */
  regions?: Array<{ name: string; status: 'ENABLED' | 'ENABLED_BY_DEFAULT' | 'ENABLING' | 'DISABLING' | 'DISABLED' }>;
  /** Access Analyzer ListAnalyzers per region (status defaults to ACTIVE). */
  analyzers?: Record<string, Array<{ name: string; type: string; status?: string; createdAt?: string }>>;
  /** Absent or null = ResourceNotFoundException. */
  contactInformation?: ContactInformationFixture | null;
  /** For Organizations ListAccounts. */
  name?: string;
  email?: string;
  status?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  joinedAt?: string;
  faults?: Fault[];
}

export interface OrganizationalUnitFixture {
  /** `ou-xxxx-yyyyyyyy` */
  id: string;
  name: string;
  accounts?: string[];
  organizationalUnits?: OrganizationalUnitFixture[];
}

export interface OrganizationRootFixture {
  /** `r-xxxx` */
  id: string;
  name?: string;
  accounts?: string[];
  organizationalUnits?: OrganizationalUnitFixture[];
}

export interface OrganizationFixture {
  /** `o-xxxxxxxxxx` */
  id: string;
  masterAccountId: string;
  featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
  /** iam:ListOrganizationsFeatures EnabledFeatures (`RootCredentialsManagement`, `RootSessions`). */
  rootFeatures?: string[];
  /** The tree; accounts listed here are the organization's members (the master is added if missing). */
  roots: OrganizationRootFixture[];
}

export interface OidcOptions {
  /** The bearer the runner token endpoint expects (ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
  requestToken: string;
  /** The audience STS accepts (default `sts.amazonaws.com`); any other gives InvalidIdentityToken. */
  acceptedAudience?: string;
  /** `true`, or the role ARNs whose trust policy rejects the token: AccessDenied. */
  trustRejects?: boolean | string[];
  /** `owner/repo` for the `sub` and `repository` claims (default octo-org/octo-repo). */
  repository?: string;
  subject?: string;
  tokenLifetimeSeconds?: number;
}

export interface AwsServerOptions {
  /** The first is the ambient account: requests signed with any key not issued by AssumeRole answer as it. */
  accounts: AccountFixture[];
  organization?: OrganizationFixture;
  /** Added before every response. */
  latencyMs?: number;
  faults?: Fault[];
  oidc?: OidcOptions;
  /** How long a credential report takes to generate (default 0: done by the next call). */
  credentialReportGenerationMs?: number;
  /** Account eventual consistency: after a put/delete, this many gets still see the old value (default 0). */
  accountReadsBeforeVisible?: number;
}

export type AwsService = 'iam' | 'sts' | 'account' | 'organizations';

export interface RecordedRequest {
  service: AwsService;
  operation: string;
  /** The account the request was answered as. */
  accountId: string;
  /** Query parameters (IAM/STS, all strings) or the JSON body (Account/Organizations). */
  params: Record<string, unknown>;
  /** Date.now() on arrival. */
  at: number;
  /** `oversized` only: the bytes written before the client hung up (or all of them). */
  responseBytes?: number;
}

/** Live state of an account: the fixture, with the server's writes applied. */
export interface LiveAccount extends AccountFixture {
  passwordPolicy: PasswordPolicyState | null;
  accountSummary: Record<string, number>;
  virtualMfaDevices: VirtualMfaDeviceFixture[];
  alternateContacts: Partial<Record<'BILLING' | 'OPERATIONS' | 'SECURITY', AlternateContactFixture>>;
  contactInformation: ContactInformationFixture | null;
}

export interface AwsServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `${url}/_oidc/token?api-version=2.0` (ACTIONS_ID_TOKEN_REQUEST_URL). */
  readonly oidcRequestUrl: string;
  /** Every request, in arrival order (cleared by reset()). */
  readonly requests: RecordedRequest[];
  /** Every credential set AssumeRole / AssumeRoleWithWebIdentity handed out since the last reset (leak tests). */
  readonly issuedCredentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string }[];
  /** TCP connections accepted since the start (never reset): how well clients reuse keep-alive connections. */
  readonly connections: number;
  /** Live state by account id: mutate it to change answers; writes (UpdateAccountPasswordPolicy, Put*) land here. */
  readonly accounts: Record<string, LiveAccount>;
  /** The live state of one account; throws for an unknown id. */
  account(accountId: string): LiveAccount;
  /** A token as the OIDC endpoint would issue it (claims can be overridden, e.g. `{ exp: 0 }`). */
  issueIdToken(audience: string, overrides?: Record<string, unknown>): string;
  /** Back to the fixtures: state, recorded requests, fault counters, issued keys. */
  reset(): void;
  close(): Promise<void>;
}

export function startAwsServer(options: AwsServerOptions): Promise<AwsServer>;

/**
 * Only the AWS variables a child process needs (no AWS_PROFILE; merge into an env without AWS_* keys):
 * AWS_ENDPOINT_URL=server.url, dummy AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_REGION=us-east-1,
 * AWS_EC2_METADATA_DISABLED=true, AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE=/dev/null; then `extra`.
 */
export function awsEnv(server: Pick<AwsServer, 'url'>, extra?: Record<string, string>): Record<string, string>;

/** ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN as a runner sets them for `id-token: write`. */
export function githubOidcEnv(
  server: Pick<AwsServer, 'oidcRequestUrl'>,
  requestToken: string,
): { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string };
