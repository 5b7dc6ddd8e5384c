// A local HTTP server that speaks the real AWS wire protocols (IAM and STS: query + XML; Account: REST-JSON;
// Organizations: JSON 1.1) for end-to-end tests and benchmarks. Shapes and error codes follow the AWS API
// reference and the SDK's own deserializers, so the real SDK clients can be pointed at it unchanged.
// Plain ESM JavaScript on purpose: jest (TypeScript) tests and plain-node bench scripts import the same file.
import { createServer } from 'node:http';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { credentialReportCsv, rootAccountRow } from './credential-report-csv.mjs';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ORG_TARGET_PREFIX = 'AWSOrganizationsV20161128.';
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_DELAY_MS = 120_000;
const CONTACT_TYPES = ['BILLING', 'OPERATIONS', 'SECURITY'];
/** AWS regenerates a credential report only when the last one is older than this. */
const REPORT_FRESH_MS = 4 * 60 * 60 * 1000;
const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

const DEFAULT_SUMMARY = Object.freeze({
  AccountMFAEnabled: 1,
  AccountAccessKeysPresent: 0,
  AccountSigningCertificatesPresent: 0,
  Users: 0,
  UsersQuota: 5000,
  Groups: 0,
  GroupsQuota: 300,
  Roles: 3,
  RolesQuota: 1000,
  Policies: 0,
  PoliciesQuota: 1500,
  MFADevices: 1,
  MFADevicesInUse: 1,
  ServerCertificates: 0,
  ServerCertificatesQuota: 20,
  InstanceProfiles: 0,
  InstanceProfilesQuota: 1000,
  Providers: 1,
  AccessKeysPerUserQuota: 2,
  SigningCertificatesPerUserQuota: 2,
  GroupsPerUserQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  PolicySizeQuota: 6144,
  PolicyVersionsInUse: 0,
  PolicyVersionsInUseQuota: 10000,
  VersionsPerPolicyQuota: 5,
  GlobalEndpointTokenVersion: 1,
});

/** A service error, rendered in the protocol of the service that raised it. */
class ApiError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }
}

// ---------------------------------------------------------------------------------------------- helpers

function xmlEscape(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** `<name>value</name>`, or nothing when the value is absent (AWS omits unset members). */
function el(name, value) {
  return value === undefined || value === null ? '' : `<${name}>${value}</${name}>`;
}
function text(name, value) {
  return value === undefined || value === null ? '' : el(name, xmlEscape(value));
}

/** AWS XML timestamps: ISO 8601 without milliseconds. */
function isoSeconds(ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function randomAlnum(length) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

function base64url(value) {
  return Buffer.from(value).toString('base64url');
}

function sleep(ms) {
  const bounded = Math.max(0, Math.min(Number(ms) || 0, MAX_DELAY_MS));
  return bounded === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, bounded).unref());
}

function encodeToken(offset) {
  return base64url(JSON.stringify({ o: offset }));
}
/** Offset from a pagination token, or undefined when the token is not one we issued. */
function decodeToken(token) {
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
    return Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

function lastSegment(arn) {
  const parts = String(arn).split('/');
  return parts[parts.length - 1] ?? '';
}

/** A stable fake unique id (AIDA..., AROA...) derived from a name. */
function stableId(prefix, name) {
  const digest = createHmac('sha256', 'aws-server').update(name).digest();
  let out = prefix;
  for (let index = 0; out.length < 21; index += 1) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[digest[index] % 32];
  return out;
}

// ------------------------------------------------------------------------------------- request parsing

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'RequestEntityTooLarge', 'Request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Access key and service from a SigV4 `Authorization` header, or undefined when the request is unsigned. */
function parseSigV4(header) {
  if (typeof header !== 'string') return undefined;
  const match = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/.exec(header);
  if (!match) return undefined;
  return { accessKeyId: match[1], region: match[3], service: match[4] };
}

/** Which service and protocol a request is for, judged by its shape (as AWS's front ends do). */
function classify(req, rawBody) {
  const target = req.headers['x-amz-target'];
  const path = (req.url ?? '/').split('?')[0];
  if (typeof target === 'string') {
    const operation = target.startsWith(ORG_TARGET_PREFIX) ? target.slice(ORG_TARGET_PREFIX.length) : target;
    let params;
    try {
      params = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
    } catch {
      throw Object.assign(new ApiError(400, 'SerializationException', 'Unable to parse request body'), {
        protocol: 'json',
      });
    }
    return {
      service: 'organizations',
      protocol: 'json',
      operation,
      params,
      knownTarget: target.startsWith(ORG_TARGET_PREFIX),
    };
  }
  const contentType = String(req.headers['content-type'] ?? '');
  if (
    contentType.includes('application/x-www-form-urlencoded') ||
    (req.method === 'POST' && path === '/' && rawBody.includes('Action='))
  ) {
    const params = Object.fromEntries(new URLSearchParams(rawBody));
    const scope = parseSigV4(req.headers.authorization)?.service;
    const service =
      params.Version === '2011-06-15'
        ? 'sts'
        : params.Version === '2010-05-08'
          ? 'iam'
          : scope === 'sts'
            ? 'sts'
            : 'iam';
    return { service, protocol: 'query', operation: params.Action ?? '', params };
  }
  const scope = parseSigV4(req.headers.authorization);
  if (scope?.service === 'access-analyzer') {
    // REST-JSON with its input in the query string: GET /analyzer?type=...&nextToken=...
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
    const operation = req.method === 'GET' && path === '/analyzer' ? 'ListAnalyzers' : `${req.method} ${path}`;
    return { service: 'access-analyzer', protocol: 'restJson', operation, params: { ...query, region: scope.region } };
  }
  const operation = path.replace(/^\//, '');
  let params;
  try {
    params = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
  } catch {
    throw Object.assign(new ApiError(400, 'SerializationException', 'Unable to parse request body'), {
      protocol: 'restJson',
    });
  }
  const name = operation.charAt(0).toUpperCase() + operation.slice(1);
  return { service: 'account', protocol: 'restJson', operation: name, params };
}

// ------------------------------------------------------------------------------------------ rendering

function queryResponse(operation, namespace, resultXml, requestId) {
  const result = resultXml === undefined ? '' : `<${operation}Result>${resultXml}</${operation}Result>`;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<${operation}Response xmlns="${namespace}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

function renderError(protocol, service, error, requestId) {
  if (protocol === 'query') {
    const namespace = service === 'sts' ? STS_NS : IAM_NS;
    const type = error.status >= 500 ? 'Receiver' : 'Sender';
    return {
      status: error.status,
      headers: { 'content-type': 'text/xml' },
      body: `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    };
  }
  if (protocol === 'json') {
    return {
      status: error.status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: error.code, Message: error.message, ...error.extra }),
    };
  }
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code },
    body: JSON.stringify({ message: error.message, ...error.extra }),
  };
}

function jsonResponse(protocol, value) {
  return {
    status: 200,
    headers: { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json' },
    body: JSON.stringify(value),
  };
}

/** A 200 whose body is cut off mid-document, for the 'malformed' fault. */
function malformedResponse(protocol, operation) {
  if (protocol === 'query') {
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: `<${operation}Response xmlns="${IAM_NS}"><${operation}Result><SummaryMap><entry><key>Users`,
    };
  }
  return {
    status: 200,
    headers: { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json' },
    body: '{"Accounts": [{"Id": "1111',
  };
}

/** A 200 with no body at all, in the protocol's content type: the query protocol's SDK parses it to `{}`. */
function emptyResponse(protocol) {
  const contentType =
    protocol === 'query' ? 'text/xml' : protocol === 'json' ? 'application/x-amz-json-1.1' : 'application/json';
  return { status: 200, headers: { 'content-type': contentType }, body: '' };
}

/** A 200 with an HTML page, as a captive portal or a misconfigured proxy answers. */
function htmlResponse() {
  return {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: '<!DOCTYPE html>\n<html><head><title>Sign in to the network</title></head><body><h1>Welcome</h1><p>Accept the terms to continue.</p></body></html>',
  };
}

/** The answer without every `field` element (XML), map entry (`<entry><key>field</key>`) or key (JSON). */
function withoutField(protocol, response, field) {
  if (typeof field !== 'string' || !/^\w+$/.test(field))
    throw new Error(`missingField needs a field name, got ${JSON.stringify(field)}`);
  let body;
  if (protocol === 'query') {
    const pattern = new RegExp(
      `<entry><key>${field}</key><value>[^<]*</value></entry>|<${field}>[\\s\\S]*?</${field}>|<${field}/>`,
      'g',
    );
    body = response.body.replace(pattern, '');
  } else {
    const drop = (value) => {
      if (Array.isArray(value)) return value.map(drop);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value)
          .filter(([key]) => key !== field)
          .map(([key, inner]) => [key, drop(inner)]),
      );
    };
    body = JSON.stringify(drop(JSON.parse(response.body)));
  }
  // A field the answer never had would make the test prove nothing: say so loudly.
  if (body === response.body) throw new Error(`missingField: the answer has no ${field}`);
  return { ...response, body };
}

/** A list answer that says there is more but gives no Marker to ask for it. */
function truncatedWithoutMarker(protocol, response) {
  if (protocol !== 'query' || !response.body.includes('<IsTruncated>'))
    throw new Error('truncatedNoMarker applies to IAM list answers only');
  const body = response.body
    .replace(/<IsTruncated>\w*<\/IsTruncated>/, '<IsTruncated>true</IsTruncated>')
    .replace(/<Marker>[^<]*<\/Marker>/, '');
  return { ...response, body };
}

/** The error each service answers for the fault kinds that are plain errors. */
function faultError(kind, service, protocol, action, caller) {
  switch (kind) {
    case 'throttle':
      return protocol === 'query'
        ? new ApiError(400, 'Throttling', 'Rate exceeded')
        : new ApiError(
            429,
            'TooManyRequestsException',
            'Rate exceeded',
            protocol === 'json' ? { Type: 'ApiCallsPerSecond' } : {},
          );
    case 'http429':
      return protocol === 'query'
        ? new ApiError(429, 'Throttling', 'Rate exceeded')
        : new ApiError(429, 'ThrottlingException', 'Rate exceeded');
    case 'http500':
      return protocol === 'query'
        ? new ApiError(
            500,
            service === 'iam' ? 'ServiceFailure' : 'InternalFailure',
            'We encountered an internal error. Please try again.',
          )
        : new ApiError(
            500,
            protocol === 'json' ? 'ServiceException' : 'InternalServerException',
            'We encountered an internal error. Please try again.',
          );
    case 'http503':
      return new ApiError(503, 'ServiceUnavailable', 'Service is unavailable. Please try again later.');
    case 'accessDenied':
      return accessDenied(service, protocol, action, caller);
    default:
      return undefined;
  }
}

/** What AWS answers to a bad signature: the canonical request it expected, headers (the session token) and all. */
function signatureMismatch(protocol, req) {
  const token = req.headers['x-amz-security-token'] ?? '';
  const credential = /Credential=([^,\s]+)/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  const message =
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\n\n' +
    `The Canonical String for this request should have been\n'POST\n/\n\nhost:${req.headers.host}\nx-amz-date:${req.headers['x-amz-date'] ?? ''}\n` +
    `x-amz-security-token:${token}\n\nhost;x-amz-date;x-amz-security-token\n'\n\n` +
    `Authorization seen: Credential=${credential}; query form X-Amz-Security-Token=${encodeURIComponent(String(token))}`;
  return protocol === 'query'
    ? new ApiError(403, 'SignatureDoesNotMatch', message)
    : new ApiError(403, 'InvalidSignatureException', message);
}

function accessDenied(service, protocol, operation, caller) {
  const resource = service === 'account' ? `arn:aws:account::${caller.accountId}:account` : '*';
  const message = `User: ${caller.arn} is not authorized to perform: ${service}:${operation} on resource: ${resource} because no identity-based policy allows the ${service}:${operation} action`;
  if (protocol === 'query') return new ApiError(403, 'AccessDenied', message);
  return new ApiError(403, 'AccessDeniedException', message);
}

// --------------------------------------------------------------------------------------- the server

/** Deep copy of fixture data, so writes never reach the caller's objects and reset() can restore them. */
function clone(value) {
  return value === undefined ? undefined : structuredClone(value);
}

/** What ListRegions answers when a fixture names no regions: a short list keeps per-region tests small. */
const DEFAULT_REGIONS = ['us-east-1', 'eu-west-1'];
const ANALYZER_TYPES = [
  'ACCOUNT',
  'ORGANIZATION',
  'ACCOUNT_UNUSED_ACCESS',
  'ORGANIZATION_UNUSED_ACCESS',
  'ACCOUNT_INTERNAL_ACCESS',
  'ORGANIZATION_INTERNAL_ACCESS',
];

function buildAccountState(fixture) {
  return {
    ...clone(fixture),
    passwordPolicy: fixture.passwordPolicy === undefined ? null : clone(fixture.passwordPolicy),
    accountSummary: clone(fixture.accountSummary) ?? { ...DEFAULT_SUMMARY },
    virtualMfaDevices: clone(fixture.virtualMfaDevices) ?? [],
    alternateContacts: clone(fixture.alternateContacts) ?? {},
    regions: clone(fixture.regions) ?? DEFAULT_REGIONS.map((name) => ({ name, status: 'ENABLED_BY_DEFAULT' })),
    analyzers: clone(fixture.analyzers) ?? {},
    contactInformation: fixture.contactInformation === undefined ? null : clone(fixture.contactInformation),
  };
}

function indexOrganization(organization) {
  if (!organization) return undefined;
  const parents = new Map(); // child id -> { Id, Type }
  const children = new Map(); // parent id -> { accounts: [], ous: [] }
  const accountIds = [];
  const walk = (node, parentId, type, depth) => {
    if (depth > 10) throw new Error('organization tree deeper than 10 levels');
    const entry = { accounts: [...(node.accounts ?? [])], ous: [...(node.organizationalUnits ?? [])] };
    children.set(node.id, entry);
    if (parentId) parents.set(node.id, { Id: parentId, Type: type });
    for (const accountId of entry.accounts) {
      parents.set(accountId, { Id: node.id, Type: depth === 0 ? 'ROOT' : 'ORGANIZATIONAL_UNIT' });
      accountIds.push(accountId);
    }
    for (const ou of entry.ous) walk(ou, node.id, depth === 0 ? 'ROOT' : 'ORGANIZATIONAL_UNIT', depth + 1);
  };
  for (const root of organization.roots ?? []) walk(root, undefined, 'ROOT', 0);
  if (!accountIds.includes(organization.masterAccountId)) {
    accountIds.unshift(organization.masterAccountId);
    const firstRoot = organization.roots?.[0];
    if (firstRoot) parents.set(organization.masterAccountId, { Id: firstRoot.id, Type: 'ROOT' });
  }
  return { parents, children, accountIds };
}

/**
 * Starts the server on 127.0.0.1 and an ephemeral port.
 * @param {import('./aws-server.d.mts').AwsServerOptions} options
 * @returns {Promise<import('./aws-server.d.mts').AwsServer>}
 */
export async function startAwsServer(options) {
  if (!options || !Array.isArray(options.accounts) || options.accounts.length === 0) {
    throw new Error('startAwsServer: options.accounts must list at least one account');
  }
  const tokenSecret = randomBytes(32);
  const state = {
    accounts: {},
    requests: [],
    faultUses: new Map(),
    faultSkips: new Map(),
    runtime: new Map(),
    issuedKeys: new Map(),
    issuedCredentials: [],
  };
  const org = indexOrganization(options.organization);

  function resetState() {
    for (const key of Object.keys(state.accounts)) delete state.accounts[key];
    for (const fixture of options.accounts) state.accounts[fixture.accountId] = buildAccountState(fixture);
    state.requests.length = 0;
    state.faultUses.clear();
    state.faultSkips.clear();
    state.runtime.clear();
    state.issuedKeys.clear();
    state.issuedCredentials.length = 0;
  }
  resetState();

  const defaultAccountId = options.accounts[0].accountId;
  const runtimeOf = (accountId) => {
    let runtime = state.runtime.get(accountId);
    if (!runtime) {
      runtime = { generationStartedAt: undefined, staleReads: new Map() };
      state.runtime.set(accountId, runtime);
    }
    return runtime;
  };

  // ---- identity

  /** Who signed the request: an issued (assumed-role) key answers as its account, any other key as the default. */
  function resolveCaller(req, service) {
    const sig = parseSigV4(req.headers.authorization);
    if (!sig) return undefined;
    const issued = state.issuedKeys.get(sig.accessKeyId);
    if (issued) return { ...issued, accessKeyId: sig.accessKeyId };
    const encoded = /^ASIA(\d{12})/.exec(sig.accessKeyId);
    if (encoded) {
      const accountId = encoded[1];
      if (!state.accounts[accountId]) {
        throw new ApiError(
          403,
          service === 'account' || service === 'organizations' ? 'UnrecognizedClientException' : 'InvalidClientTokenId',
          'The security token included in the request is invalid.',
        );
      }
      return {
        accountId,
        arn: `arn:aws:sts::${accountId}:assumed-role/assumed-role/session`,
        userId: `${stableId('AROA', `${accountId}/assumed-role`)}:session`,
        accessKeyId: sig.accessKeyId,
      };
    }
    const account = state.accounts[defaultAccountId];
    const arn = account.callerArn ?? `arn:aws:iam::${defaultAccountId}:user/baseline-ci`;
    return { accountId: defaultAccountId, arn, userId: stableId('AIDA', arn), accessKeyId: sig.accessKeyId };
  }

  // ---- faults

  function allFaults() {
    const perAccount = options.accounts.flatMap((fixture) =>
      (fixture.faults ?? []).map((fault) => ({ fault, accountId: fault.accountId ?? fixture.accountId })),
    );
    return [...(options.faults ?? []).map((fault) => ({ fault, accountId: fault.accountId })), ...perAccount];
  }

  /** The first fault that matches and still has uses left; consumes one use. */
  function takeFault(operation, accountId) {
    for (const { fault, accountId: faultAccount } of allFaults()) {
      if (fault.operation !== operation && fault.operation !== '*') continue;
      if (faultAccount !== undefined && faultAccount !== accountId) continue;
      const passed = state.faultSkips.get(fault) ?? 0;
      if (fault.skip !== undefined && passed < fault.skip) {
        state.faultSkips.set(fault, passed + 1);
        continue;
      }
      const used = state.faultUses.get(fault) ?? 0;
      if (fault.times !== undefined && used >= fault.times) continue;
      state.faultUses.set(fault, used + 1);
      return fault;
    }
    return undefined;
  }

  // ---- IAM

  function iam(ctx) {
    const { operation, params, account, accountId, requestId } = ctx;
    const ok = (resultXml) => queryResponse(operation, IAM_NS, resultXml, requestId);
    switch (operation) {
      case 'GetAccountPasswordPolicy': {
        const policy = account.passwordPolicy;
        if (!policy)
          throw new ApiError(404, 'NoSuchEntity', `The Password Policy with domain name ${accountId} cannot be found.`);
        return ok(el('PasswordPolicy', passwordPolicyXml(policy)));
      }
      case 'UpdateAccountPasswordPolicy':
        account.passwordPolicy = parsePasswordPolicyUpdate(params);
        return ok(undefined);
      case 'DeleteAccountPasswordPolicy':
        if (!account.passwordPolicy)
          throw new ApiError(404, 'NoSuchEntity', `The account policy with name PasswordPolicy cannot be found.`);
        account.passwordPolicy = null;
        return ok(undefined);
      case 'GetAccountSummary': {
        const entries = Object.entries(account.accountSummary)
          .map(([key, value]) => `<entry><key>${xmlEscape(key)}</key><value>${Number(value)}</value></entry>`)
          .join('');
        return ok(el('SummaryMap', entries));
      }
      case 'ListVirtualMFADevices':
        return ok(listVirtualMfaDevices(account, accountId, params));
      case 'GenerateCredentialReport':
        return ok(generateCredentialReport(ctx));
      case 'GetCredentialReport':
        return ok(getCredentialReport(ctx));
      case 'ListOrganizationsFeatures':
        return ok(listOrganizationsFeatures(accountId));
      case 'GetAccountAuthorizationDetails':
        return ok(getAccountAuthorizationDetails(account, accountId, params));
      case 'ListServerCertificates':
        return ok(listServerCertificates(account, accountId, params));
      default:
        throw new ApiError(400, 'InvalidAction', `Could not find operation ${operation} for version 2010-05-08`);
    }
  }

  function passwordPolicyXml(policy) {
    const expires = policy.maxPasswordAge !== undefined && policy.maxPasswordAge > 0;
    return [
      el('MinimumPasswordLength', policy.minimumPasswordLength),
      el('RequireSymbols', Boolean(policy.requireSymbols)),
      el('RequireNumbers', Boolean(policy.requireNumbers)),
      el('RequireUppercaseCharacters', Boolean(policy.requireUppercaseCharacters)),
      el('RequireLowercaseCharacters', Boolean(policy.requireLowercaseCharacters)),
      el('AllowUsersToChangePassword', Boolean(policy.allowUsersToChangePassword)),
      el('ExpirePasswords', expires),
      expires ? el('MaxPasswordAge', policy.maxPasswordAge) : '',
      policy.passwordReusePrevention ? el('PasswordReusePrevention', policy.passwordReusePrevention) : '',
      el('HardExpiry', Boolean(policy.hardExpiry)),
    ].join('');
  }

  /** UpdateAccountPasswordPolicy replaces the whole policy: omitted fields take their defaults, as in AWS. */
  function parsePasswordPolicyUpdate(params) {
    const errors = [];
    const int = (name, member, min, max) => {
      if (params[name] === undefined) return undefined;
      const value = Number(params[name]);
      if (!Number.isInteger(value)) {
        errors.push(`Value '${params[name]}' at '${member}' failed to satisfy constraint: Member must be an integer`);
      } else if (value < min) {
        errors.push(
          `Value '${value}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
        );
      } else if (value > max) {
        errors.push(
          `Value '${value}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
        );
      }
      return value;
    };
    const bool = (name) => params[name] === 'true';
    const minimumPasswordLength = int('MinimumPasswordLength', 'minimumPasswordLength', 6, 128) ?? 8;
    const maxPasswordAge = int('MaxPasswordAge', 'maxPasswordAge', 1, 1095);
    const passwordReusePrevention = int('PasswordReusePrevention', 'passwordReusePrevention', 1, 24);
    if (errors.length > 0) {
      const noun = errors.length === 1 ? 'error' : 'errors';
      throw new ApiError(400, 'ValidationError', `${errors.length} validation ${noun} detected: ${errors.join('; ')}`);
    }
    const policy = {
      minimumPasswordLength,
      requireSymbols: bool('RequireSymbols'),
      requireNumbers: bool('RequireNumbers'),
      requireUppercaseCharacters: bool('RequireUppercaseCharacters'),
      requireLowercaseCharacters: bool('RequireLowercaseCharacters'),
      allowUsersToChangePassword: bool('AllowUsersToChangePassword'),
      expirePasswords: maxPasswordAge !== undefined,
      hardExpiry: bool('HardExpiry'),
    };
    if (maxPasswordAge !== undefined) policy.maxPasswordAge = maxPasswordAge;
    if (passwordReusePrevention !== undefined) policy.passwordReusePrevention = passwordReusePrevention;
    return policy;
  }

  /** MaxItems (1-1000, default 100) and the offset a Marker stands for, validated as IAM does. */
  function pageWindow(params) {
    const maxItems = params.MaxItems === undefined ? 100 : Number(params.MaxItems);
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
      throw new ApiError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${params.MaxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
      );
    }
    const start = params.Marker === undefined ? 0 : decodeToken(params.Marker);
    if (start === undefined) throw new ApiError(400, 'InvalidInput', 'Invalid Marker.');
    return { start, maxItems };
  }

  /** IAM's URL encoding of policy documents (RFC 3986: also !'()*). `rawDocument` is sent exactly as given. */
  function encodedDocument(entry) {
    if (entry.rawDocument !== undefined) return entry.rawDocument;
    const json = typeof entry.document === 'string' ? entry.document : JSON.stringify(entry.document);
    return encodeURIComponent(json).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  }

  function policyListXml(name, policies) {
    const members = (policies ?? [])
      .map(
        (policy) =>
          `<member>${text('PolicyName', policy.name)}${text('PolicyDocument', encodedDocument(policy))}</member>`,
      )
      .join('');
    return `<${name}>${members}</${name}>`;
  }

  function attachedXml(arns) {
    const members = (arns ?? [])
      .map((arn) => `<member>${text('PolicyName', lastSegment(arn))}${text('PolicyArn', arn)}</member>`)
      .join('');
    return `<AttachedManagedPolicies>${members}</AttachedManagedPolicies>`;
  }

  const CREATED = isoSeconds(Date.parse('2024-01-01T00:00:00Z'));
  const TRUST = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };

  function authorizationEntities(authorization, accountId, filters) {
    const arn = (kind, entry) => entry.arn ?? `arn:aws:iam::${accountId}:${kind}${entry.path ?? '/'}${entry.name}`;
    const wants = (filter) => filters.length === 0 || filters.includes(filter);
    const entities = [];
    if (wants('User')) {
      for (const user of authorization.users ?? []) {
        const groups = (user.groups ?? []).map((group) => `<member>${xmlEscape(group)}</member>`).join('');
        entities.push({
          list: 'UserDetailList',
          xml: `${text('Path', user.path ?? '/')}${text('UserName', user.name)}${text('UserId', stableId('AIDA', user.name))}${text('Arn', arn('user/', user).replace('user//', 'user/'))}${el('CreateDate', CREATED)}${policyListXml('UserPolicyList', user.inlinePolicies)}<GroupList>${groups}</GroupList>${attachedXml(user.attachedPolicies)}<Tags/>`,
        });
      }
    }
    if (wants('Group')) {
      for (const group of authorization.groups ?? []) {
        entities.push({
          list: 'GroupDetailList',
          xml: `${text('Path', group.path ?? '/')}${text('GroupName', group.name)}${text('GroupId', stableId('AGPA', group.name))}${text('Arn', arn('group/', group).replace('group//', 'group/'))}${el('CreateDate', CREATED)}${policyListXml('GroupPolicyList', group.inlinePolicies)}${attachedXml(group.attachedPolicies)}`,
        });
      }
    }
    if (wants('Role')) {
      for (const role of authorization.roles ?? []) {
        entities.push({
          list: 'RoleDetailList',
          xml: `${text('Path', role.path ?? '/')}${text('RoleName', role.name)}${text('RoleId', stableId('AROA', role.name))}${text('Arn', arn('role/', role).replace('role//', 'role/'))}${el('CreateDate', CREATED)}${text('AssumeRolePolicyDocument', encodedDocument({ document: TRUST }))}<InstanceProfileList/>${policyListXml('RolePolicyList', role.inlinePolicies)}${attachedXml(role.attachedPolicies)}<Tags/><RoleLastUsed/>`,
        });
      }
    }
    if (wants('LocalManagedPolicy')) {
      for (const policy of authorization.policies ?? []) {
        const policyArn = policy.arn ?? `arn:aws:iam::${accountId}:policy${policy.path ?? '/'}${policy.name}`;
        const version = `<member>${text('Document', encodedDocument(policy))}${text('VersionId', 'v2')}${el('IsDefaultVersion', true)}${el('CreateDate', CREATED)}</member>`;
        const old = `<member>${text('Document', encodedDocument({ document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }))}${text('VersionId', 'v1')}${el('IsDefaultVersion', false)}${el('CreateDate', CREATED)}</member>`;
        entities.push({
          list: 'Policies',
          xml: `${text('PolicyName', policy.name)}${text('PolicyId', stableId('ANPA', policy.name))}${text('Arn', policyArn)}${text('Path', policy.path ?? '/')}${text('DefaultVersionId', 'v2')}${el('AttachmentCount', policy.attachmentCount ?? 0)}${el('PermissionsBoundaryUsageCount', 0)}${el('IsAttachable', true)}${el('CreateDate', CREATED)}${el('UpdateDate', CREATED)}<PolicyVersionList>${old}${version}</PolicyVersionList>`,
        });
      }
    }
    return entities;
  }

  /** One page of every entity (users, then groups, roles, local policies), MaxItems entities per page in all. */
  function getAccountAuthorizationDetails(account, accountId, params) {
    const filters = Object.keys(params)
      .filter((key) => /^Filter\.member\.\d+$/.test(key))
      .map((key) => params[key]);
    const known = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];
    for (const filter of filters) {
      if (!known.includes(filter)) {
        throw new ApiError(
          400,
          'ValidationError',
          `1 validation error detected: Value '[${filter}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${known.join(', ')}]]`,
        );
      }
    }
    const { start, maxItems } = pageWindow(params);
    const entities = authorizationEntities(account.authorization ?? {}, accountId, filters);
    const page = entities.slice(start, start + maxItems);
    const truncated = start + maxItems < entities.length;
    const lists = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies']
      .map(
        (list) =>
          `<${list}>${page
            .filter((entity) => entity.list === list)
            .map((entity) => `<member>${entity.xml}</member>`)
            .join('')}</${list}>`,
      )
      .join('');
    return `${lists}${el('IsTruncated', truncated)}${truncated ? text('Marker', encodeToken(start + maxItems)) : ''}`;
  }

  function listServerCertificates(account, accountId, params) {
    const { start, maxItems } = pageWindow(params);
    const certificates = account.serverCertificates ?? [];
    const page = certificates.slice(start, start + maxItems);
    const truncated = start + maxItems < certificates.length;
    const members = page
      .map((certificate) => {
        const path = certificate.path ?? '/';
        const expiration = certificate.expiration === undefined ? '' : el('Expiration', certificate.expiration);
        return `<member>${text('Path', path)}${text('ServerCertificateName', certificate.name)}${text('ServerCertificateId', stableId('ASCA', certificate.name))}${text('Arn', `arn:aws:iam::${accountId}:server-certificate${path}${certificate.name}`)}${el('UploadDate', certificate.uploadDate ?? CREATED)}${expiration}</member>`;
      })
      .join('');
    return `<ServerCertificateMetadataList>${members}</ServerCertificateMetadataList>${el('IsTruncated', truncated)}${truncated ? text('Marker', encodeToken(start + maxItems)) : ''}`;
  }

  function listVirtualMfaDevices(account, accountId, params) {
    const status = params.AssignmentStatus ?? 'Any';
    if (!['Assigned', 'Unassigned', 'Any'].includes(status)) {
      throw new ApiError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${status}' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Unassigned, Any, Assigned]`,
      );
    }
    const maxItems = params.MaxItems === undefined ? 100 : Number(params.MaxItems);
    if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
      throw new ApiError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${params.MaxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
      );
    }
    const start = params.Marker === undefined ? 0 : decodeToken(params.Marker);
    if (start === undefined) throw new ApiError(400, 'InvalidInput', 'Invalid Marker.');
    const devices = account.virtualMfaDevices.filter((device) =>
      status === 'Any' ? true : status === 'Assigned' ? Boolean(device.userArn) : !device.userArn,
    );
    const page = devices.slice(start, start + maxItems);
    const truncated = start + maxItems < devices.length;
    const members = page.map((device) => `<member>${virtualMfaDeviceXml(device, accountId)}</member>`).join('');
    return `<VirtualMFADevices>${members}</VirtualMFADevices>${el('IsTruncated', truncated)}${truncated ? text('Marker', encodeToken(start + maxItems)) : ''}`;
  }

  function virtualMfaDeviceXml(device, accountId) {
    let user = '';
    if (device.userArn) {
      const isRoot = /:root$/.test(device.userArn);
      const created = isoSeconds(Date.parse('2020-01-01T00:00:00Z'));
      user = isRoot
        ? `<User>${text('UserId', accountId)}${text('Arn', device.userArn)}${el('CreateDate', created)}</User>`
        : `<User>${text('Path', '/')}${text('UserName', lastSegment(device.userArn))}${text('UserId', stableId('AIDA', device.userArn))}${text('Arn', device.userArn)}${el('CreateDate', created)}</User>`;
    }
    const enableDate = device.userArn ? (device.enableDate ?? '2024-01-01T00:00:00Z') : undefined;
    return `${text('SerialNumber', device.serialNumber)}${user}${text('EnableDate', enableDate)}`;
  }

  // ---- credential report: generation completes lazily once credentialReportGenerationMs has passed

  function reportIsPresent(account) {
    return Boolean(account.credentialReport?.generatedAt);
  }

  /** Completes a running generation whose time is up (unless a reportNeverFinishes fault holds it). */
  function settleGeneration(ctx) {
    const runtime = runtimeOf(ctx.accountId);
    if (runtime.generationStartedAt === undefined || ctx.reportNeverFinishes) return;
    const generationMs = options.credentialReportGenerationMs ?? 0;
    if (Date.now() - runtime.generationStartedAt < generationMs) return;
    const previous = ctx.account.credentialReport ?? {};
    const content =
      previous.csv !== undefined ? { csv: previous.csv } : { rows: previous.rows ?? [rootAccountRow(ctx.accountId)] };
    ctx.account.credentialReport = { ...content, generatedAt: isoSeconds(Date.now()) };
    runtime.generationStartedAt = undefined;
  }

  function generateCredentialReport(ctx) {
    const runtime = runtimeOf(ctx.accountId);
    settleGeneration(ctx);
    const status = (state, description) => `${el('State', state)}${text('Description', description)}`;
    if (runtime.generationStartedAt !== undefined) return status('INPROGRESS', 'Report generation in progress');
    const report = ctx.account.credentialReport;
    const fresh =
      reportIsPresent(ctx.account) && !report.expired && Date.now() - Date.parse(report.generatedAt) < REPORT_FRESH_MS;
    if (fresh) return status('COMPLETE', undefined);
    runtime.generationStartedAt = Date.now();
    return status('STARTED', 'No report exists. Starting a new report generation task');
  }

  function getCredentialReport(ctx) {
    const runtime = runtimeOf(ctx.accountId);
    settleGeneration(ctx);
    if (runtime.generationStartedAt !== undefined) {
      throw new ApiError(404, 'ReportInProgress', 'Report generation in progress');
    }
    const report = ctx.account.credentialReport;
    if (!reportIsPresent(ctx.account)) {
      throw new ApiError(
        410,
        'ReportNotPresent',
        'Credential report not present. Use GenerateCredentialReport to generate a new report.',
      );
    }
    if (report.expired) {
      throw new ApiError(
        410,
        'ReportExpired',
        'Credential report has expired. Use GenerateCredentialReport to generate a new report.',
      );
    }
    const csv = report.csv ?? credentialReportCsv(report.rows ?? []);
    return `${el('Content', Buffer.from(csv, 'utf8').toString('base64'))}${el('ReportFormat', 'text/csv')}${el('GeneratedTime', isoSeconds(Date.parse(report.generatedAt)))}`;
  }

  function listOrganizationsFeatures(accountId) {
    const organization = options.organization;
    if (!organization || !org.accountIds.includes(accountId)) {
      throw new ApiError(
        400,
        'OrganizationNotFoundException',
        'The request was rejected because no organization is associated with your account.',
      );
    }
    if (accountId !== organization.masterAccountId) {
      throw new ApiError(
        400,
        'AccountNotManagementOrDelegatedAdministratorException',
        'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.',
      );
    }
    if (organization.featureSet === 'CONSOLIDATED_BILLING') {
      throw new ApiError(
        400,
        'OrganizationNotInAllFeaturesModeException',
        'The request was rejected because your organization does not have All features enabled.',
      );
    }
    const features = (organization.rootFeatures ?? [])
      .map((feature) => `<member>${xmlEscape(feature)}</member>`)
      .join('');
    return `${text('OrganizationId', organization.id)}<EnabledFeatures>${features}</EnabledFeatures>`;
  }

  // ---- STS

  function sts(ctx) {
    const { operation, params, caller, requestId } = ctx;
    const ok = (resultXml) => queryResponse(operation, STS_NS, resultXml, requestId);
    switch (operation) {
      case 'GetCallerIdentity':
        return ok(`${text('Arn', caller.arn)}${text('UserId', caller.userId)}${text('Account', caller.accountId)}`);
      case 'AssumeRole': {
        const target = parseRoleArn(params.RoleArn);
        const durationSeconds = parseDuration(params.DurationSeconds);
        const sessionName = parseSessionName(params.RoleSessionName);
        const account = state.accounts[target.accountId];
        if (!account || account.assumable === false) {
          throw new ApiError(
            403,
            'AccessDenied',
            `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${params.RoleArn}`,
          );
        }
        return ok(issueCredentials(target, sessionName, durationSeconds));
      }
      case 'AssumeRoleWithWebIdentity':
        return ok(assumeRoleWithWebIdentity(params));
      default:
        throw new ApiError(400, 'InvalidAction', `Could not find operation ${operation} for version 2011-06-15`);
    }
  }

  function parseRoleArn(roleArn) {
    const match = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/.exec(
      String(roleArn ?? ''),
    );
    if (!match) {
      throw new ApiError(400, 'ValidationError', `${roleArn ?? ''} is invalid`);
    }
    return { accountId: match[1], roleName: match[2], roleArn };
  }

  function parseDuration(value) {
    if (value === undefined) return 3600;
    const seconds = Number(value);
    if (!Number.isInteger(seconds) || seconds < 900) {
      throw new ApiError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
      );
    }
    if (seconds > 43200) {
      throw new ApiError(
        400,
        'ValidationError',
        `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
      );
    }
    return seconds;
  }

  function parseSessionName(value) {
    if (typeof value !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(value)) {
      throw new ApiError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${value ?? 'null'}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    }
    return value;
  }

  /** Assumed-role keys carry their account (`ASIA` + account id + 4 random), so later calls answer as it. */
  function issueCredentials(target, sessionName, durationSeconds) {
    const accessKeyId = `ASIA${target.accountId}${randomAlnum(4)}`;
    const arn = `arn:aws:sts::${target.accountId}:assumed-role/${target.roleName}/${sessionName}`;
    const userId = `${stableId('AROA', `${target.accountId}/${target.roleName}`)}:${sessionName}`;
    state.issuedKeys.set(accessKeyId, { accountId: target.accountId, arn, userId });
    const secretAccessKey = randomBytes(30).toString('base64');
    const sessionToken = randomBytes(96).toString('base64');
    state.issuedCredentials.push({ accessKeyId, secretAccessKey, sessionToken });
    const credentials = [
      text('AccessKeyId', accessKeyId),
      text('SecretAccessKey', secretAccessKey),
      text('SessionToken', sessionToken),
      el('Expiration', isoSeconds(Date.now() + durationSeconds * 1000)),
    ].join('');
    return `<Credentials>${credentials}</Credentials><AssumedRoleUser>${text('AssumedRoleId', userId)}${text('Arn', arn)}</AssumedRoleUser>`;
  }

  function assumeRoleWithWebIdentity(params) {
    const target = parseRoleArn(params.RoleArn);
    const sessionName = parseSessionName(params.RoleSessionName);
    const durationSeconds = parseDuration(params.DurationSeconds);
    const claims = verifyIdToken(params.WebIdentityToken);
    const oidc = options.oidc ?? {};
    const acceptedAudience = oidc.acceptedAudience ?? 'sts.amazonaws.com';
    if (claims.aud !== acceptedAudience) throw new ApiError(400, 'InvalidIdentityToken', 'Incorrect token audience');
    const account = state.accounts[target.accountId];
    const rejects =
      oidc.trustRejects === true || (Array.isArray(oidc.trustRejects) && oidc.trustRejects.includes(target.roleArn));
    if (!account || account.assumable === false || rejects) {
      throw new ApiError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    }
    return `${issueCredentials(target, sessionName, durationSeconds)}${text('SubjectFromWebIdentityToken', claims.sub)}${text('Audience', claims.aud)}${text('Provider', `arn:aws:iam::${target.accountId}:oidc-provider/token.actions.githubusercontent.com`)}`;
  }

  function signToken(claims) {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'aws-server-local' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createHmac('sha256', tokenSecret).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${signature}`;
  }

  function verifyIdToken(token) {
    const parts = String(token ?? '').split('.');
    if (parts.length !== 3)
      throw new ApiError(
        400,
        'InvalidIdentityToken',
        'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)',
      );
    const expected = createHmac('sha256', tokenSecret).update(`${parts[0]}.${parts[1]}`).digest();
    const actual = Buffer.from(parts[2], 'base64url');
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new ApiError(400, 'InvalidIdentityToken', "Couldn't verify the signature of the ID token.");
    }
    let claims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      throw new ApiError(400, 'InvalidIdentityToken', 'The ID Token provided is not a valid JWT.');
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) {
      throw new ApiError(
        400,
        'ExpiredTokenException',
        'Token expired: current date/time must be before the expiration date/time.',
      );
    }
    return claims;
  }

  /** GitHub's runner token endpoint: `GET /_oidc/token?audience=X` with the request token as bearer. */
  function oidcToken(req) {
    const oidc = options.oidc;
    if (!oidc)
      return {
        status: 404,
        headers: { 'content-type': 'application/json' },
        body: '{"message":"OIDC is not configured"}',
      };
    if (req.headers.authorization !== `Bearer ${oidc.requestToken}`) {
      return { status: 401, headers: { 'content-type': 'application/json' }, body: '{"message":"Bad credentials"}' };
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const owner = oidc.repository?.split('/')[0] ?? 'octo-org';
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: OIDC_ISSUER,
      aud: url.searchParams.get('audience') ?? `https://github.com/${owner}`,
      sub: oidc.subject ?? `repo:${oidc.repository ?? 'octo-org/octo-repo'}:ref:refs/heads/main`,
      repository: oidc.repository ?? 'octo-org/octo-repo',
      iat: now,
      nbf: now - 5,
      exp: now + (oidc.tokenLifetimeSeconds ?? 300),
    };
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, value: signToken(claims) }),
    };
  }

  // ---- Account (REST-JSON)

  function accountService(ctx) {
    const { operation, params, caller } = ctx;
    const targetId = resolveAccountTarget(params.AccountId, caller, operation);
    const account = state.accounts[targetId];
    if (!account)
      throw new ApiError(
        403,
        'AccessDeniedException',
        `User: ${caller.arn} is not authorized to perform: account:${operation} on resource: arn:aws:account::${caller.accountId}:account/o-*/${targetId}`,
      );
    const runtime = runtimeOf(targetId);
    const lag = options.accountReadsBeforeVisible ?? 0;
    /** Reads a value, answering the pre-write value while the configured eventual-consistency lag lasts. */
    const read = (key, current) => {
      const stale = runtime.staleReads.get(key);
      if (stale && stale.remaining > 0) {
        stale.remaining -= 1;
        return stale.previous;
      }
      runtime.staleReads.delete(key);
      return current;
    };
    const wrote = (key, previous) => {
      if (lag > 0) runtime.staleReads.set(key, { previous: clone(previous), remaining: Math.min(lag, 1000) });
    };
    switch (operation) {
      case 'GetAlternateContact': {
        const type = contactType(params.AlternateContactType);
        const contact = read(type, account.alternateContacts[type]);
        if (!contact)
          throw new ApiError(
            404,
            'ResourceNotFoundException',
            'No contact of the inputted alternate contact type found.',
          );
        return jsonResponse('restJson', {
          AlternateContact: {
            AlternateContactType: type,
            EmailAddress: contact.email,
            Name: contact.name,
            PhoneNumber: contact.phone,
            Title: contact.title,
          },
        });
      }
      case 'PutAlternateContact': {
        const type = contactType(params.AlternateContactType);
        requireFields(params, ['EmailAddress', 'Name', 'PhoneNumber', 'Title']);
        wrote(type, account.alternateContacts[type]);
        account.alternateContacts[type] = {
          name: params.Name,
          title: params.Title,
          email: params.EmailAddress,
          phone: params.PhoneNumber,
        };
        return jsonResponse('restJson', {});
      }
      case 'DeleteAlternateContact': {
        const type = contactType(params.AlternateContactType);
        if (!account.alternateContacts[type])
          throw new ApiError(
            404,
            'ResourceNotFoundException',
            'No contact of the inputted alternate contact type found.',
          );
        wrote(type, account.alternateContacts[type]);
        delete account.alternateContacts[type];
        return jsonResponse('restJson', {});
      }
      case 'ListRegions': {
        // Pages of MaxResults (1-50, default 20); NextToken is the next index, opaque to the client.
        const size = params.MaxResults === undefined ? 20 : Number(params.MaxResults);
        if (!Number.isInteger(size) || size < 1 || size > 50)
          throw validation('maxResults', 'Member must have value between 1 and 50');
        const statuses = params.RegionOptStatusContains;
        const regions = account.regions.filter(
          (region) => !Array.isArray(statuses) || statuses.includes(region.status),
        );
        const start =
          params.NextToken === undefined ? 0 : Number.parseInt(String(params.NextToken).replace(/^r/, ''), 10);
        if (!Number.isInteger(start) || start < 0 || start > regions.length)
          throw validation('nextToken', 'Invalid NextToken');
        const page = regions.slice(start, start + size);
        const next = start + size < regions.length ? `r${start + size}` : undefined;
        return jsonResponse('restJson', {
          Regions: page.map((region) => ({ RegionName: region.name, RegionOptStatus: region.status })),
          ...(next === undefined ? {} : { NextToken: next }),
        });
      }
      case 'GetContactInformation': {
        const info = read('contactInformation', account.contactInformation);
        if (!info)
          throw new ApiError(404, 'ResourceNotFoundException', 'No contact information found for this account.');
        return jsonResponse('restJson', { ContactInformation: contactInformationJson(info) });
      }
      case 'PutContactInformation': {
        const info = params.ContactInformation;
        if (!info || typeof info !== 'object') throw validation('contactInformation', 'Member must not be null');
        requireFields(info, ['AddressLine1', 'City', 'CountryCode', 'FullName', 'PhoneNumber', 'PostalCode']);
        wrote('contactInformation', account.contactInformation);
        account.contactInformation = contactInformationState(info);
        return jsonResponse('restJson', {});
      }
      default:
        throw new ApiError(404, 'UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  // ---- Access Analyzer (REST-JSON, regional: the region comes from the request's SigV4 scope)

  function accessAnalyzerService(ctx) {
    const { operation, params, account, accountId } = ctx;
    if (operation !== 'ListAnalyzers')
      throw new ApiError(404, 'UnknownOperationException', `Unknown operation ${operation}`);
    if (params.type !== undefined && !ANALYZER_TYPES.includes(params.type)) {
      throw new ApiError(
        400,
        'ValidationException',
        `1 validation error detected: Value '${params.type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [${ANALYZER_TYPES.join(', ')}]`,
        { reason: 'fieldValidationFailed' },
      );
    }
    const region = params.region;
    const all = (account.analyzers[region] ?? []).filter(
      (analyzer) => params.type === undefined || analyzer.type === params.type,
    );
    const size = params.maxResults === undefined ? 10 : Number(params.maxResults);
    const start = params.nextToken === undefined ? 0 : Number.parseInt(String(params.nextToken).replace(/^a/, ''), 10);
    if (!Number.isInteger(start) || start < 0 || start > all.length)
      throw new ApiError(400, 'ValidationException', 'Invalid nextToken', { reason: 'other' });
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? `a${start + size}` : undefined;
    return jsonResponse('restJson', {
      analyzers: page.map((analyzer) => ({
        arn: `arn:aws:access-analyzer:${region}:${accountId}:analyzer/${analyzer.name}`,
        name: analyzer.name,
        type: analyzer.type,
        status: analyzer.status ?? 'ACTIVE',
        createdAt: analyzer.createdAt ?? '2025-01-01T00:00:00Z',
      })),
      ...(next === undefined ? {} : { nextToken: next }),
    });
  }

  /** Another account's contacts are reachable only from the organization's management account. */
  function resolveAccountTarget(requested, caller, operation) {
    if (requested === undefined || requested === caller.accountId) return caller.accountId;
    if (!/^\d{12}$/.test(String(requested)))
      throw validation('accountId', 'Member must satisfy regular expression pattern: ^\\d{12}$');
    const isManagement = options.organization?.masterAccountId === caller.accountId;
    if (!isManagement || !org.accountIds.includes(String(requested))) {
      throw new ApiError(
        403,
        'AccessDeniedException',
        `User: ${caller.arn} is not authorized to perform: account:${operation} on resource: arn:aws:account::${caller.accountId}:account/o-*/${requested}`,
      );
    }
    return String(requested);
  }

  function validation(field, constraint, value) {
    return new ApiError(
      400,
      'ValidationException',
      `1 validation error detected: Value ${value === undefined ? 'null' : `'${value}'`} at '${field}' failed to satisfy constraint: ${constraint}`,
      {
        reason: 'fieldValidationFailed',
        fieldList: [{ name: field, message: constraint }],
      },
    );
  }

  function contactType(value) {
    if (!CONTACT_TYPES.includes(value)) {
      throw validation(
        'alternateContactType',
        'Member must satisfy enum value set: [SECURITY, BILLING, OPERATIONS]',
        value,
      );
    }
    return value;
  }

  function requireFields(object, fields) {
    for (const field of fields) {
      if (typeof object[field] !== 'string' || object[field] === '') {
        throw validation(field.charAt(0).toLowerCase() + field.slice(1), 'Member must not be null');
      }
    }
  }

  function contactInformationJson(info) {
    const json = {
      AddressLine1: info.addressLine1,
      City: info.city,
      CompanyName: info.companyName,
      CountryCode: info.countryCode,
      FullName: info.fullName,
      PhoneNumber: info.phoneNumber,
      PostalCode: info.postalCode,
      StateOrRegion: info.stateOrRegion,
      WebsiteUrl: info.websiteUrl,
      AddressLine2: info.addressLine2,
      AddressLine3: info.addressLine3,
      DistrictOrCounty: info.districtOrCounty,
    };
    return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined));
  }

  function contactInformationState(json) {
    const info = {
      fullName: json.FullName,
      phoneNumber: json.PhoneNumber,
      companyName: json.CompanyName,
      addressLine1: json.AddressLine1,
      addressLine2: json.AddressLine2,
      addressLine3: json.AddressLine3,
      city: json.City,
      countryCode: json.CountryCode,
      postalCode: json.PostalCode,
      stateOrRegion: json.StateOrRegion,
      districtOrCounty: json.DistrictOrCounty,
      websiteUrl: json.WebsiteUrl,
    };
    return Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined));
  }

  // ---- Organizations (JSON 1.1)

  function organizations(ctx) {
    const { operation, params, caller, knownTarget } = ctx;
    const organization = options.organization;
    if (!knownTarget) throw new ApiError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
    if (!organization || !org.accountIds.includes(caller.accountId)) {
      throw new ApiError(404, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
    }
    const master = organization.masterAccountId;
    const arnBase = `arn:aws:organizations::${master}`;
    const managementOnly = () => {
      if (caller.accountId !== master) {
        throw new ApiError(403, 'AccessDeniedException', "You don't have permissions to access this resource.");
      }
    };
    const accountJson = (accountId) => {
      const fixture = state.accounts[accountId] ?? {};
      const status = fixture.status ?? 'ACTIVE';
      return {
        Id: accountId,
        Arn: `${arnBase}:account/${organization.id}/${accountId}`,
        Email: fixture.email ?? `aws+${accountId}@example.com`,
        Name: fixture.name ?? `account-${accountId}`,
        Status: status,
        State: status === 'PENDING_CLOSURE' ? 'PENDING_CLOSURE' : status,
        JoinedMethod: accountId === master ? 'CREATED' : 'INVITED',
        JoinedTimestamp: Date.parse(fixture.joinedAt ?? '2021-01-01T00:00:00Z') / 1000,
      };
    };
    const paginate = (items, key, maxLimit) => {
      const maxResults = params.MaxResults === undefined ? maxLimit : Number(params.MaxResults);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > maxLimit) {
        throw new ApiError(
          400,
          'InvalidInputException',
          `You provided a value that does not match the required pattern.`,
          { Reason: 'INVALID_INPUT' },
        );
      }
      const start = params.NextToken === undefined ? 0 : decodeToken(params.NextToken);
      if (start === undefined || start > items.length) {
        throw new ApiError(400, 'InvalidInputException', 'The specified pagination token is invalid.', {
          Reason: 'INVALID_PAGINATION_TOKEN',
        });
      }
      const page = items.slice(start, start + maxResults);
      const result = { [key]: page };
      if (start + maxResults < items.length) result.NextToken = encodeToken(start + maxResults);
      return jsonResponse('json', result);
    };
    const parentChildren = (parentId) => {
      const entry = org.children.get(String(parentId ?? ''));
      if (!entry)
        throw new ApiError(
          400,
          'ParentNotFoundException',
          "We can't find a root or OU with the ParentId that you specified.",
        );
      return entry;
    };
    switch (operation) {
      case 'DescribeOrganization':
        return jsonResponse('json', {
          Organization: {
            Id: organization.id,
            Arn: `${arnBase}:organization/${organization.id}`,
            FeatureSet: organization.featureSet ?? 'ALL',
            MasterAccountArn: `${arnBase}:account/${organization.id}/${master}`,
            MasterAccountId: master,
            MasterAccountEmail: state.accounts[master]?.email ?? `aws+${master}@example.com`,
            AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
          },
        });
      case 'ListRoots':
        managementOnly();
        return paginate(
          (organization.roots ?? []).map((root) => ({
            Id: root.id,
            Arn: `${arnBase}:root/${organization.id}/${root.id}`,
            Name: root.name ?? 'Root',
            PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
          })),
          'Roots',
          20,
        );
      case 'ListAccounts':
        managementOnly();
        return paginate(org.accountIds.map(accountJson), 'Accounts', 20);
      case 'ListAccountsForParent':
        managementOnly();
        return paginate(parentChildren(params.ParentId).accounts.map(accountJson), 'Accounts', 20);
      case 'ListOrganizationalUnitsForParent':
        managementOnly();
        return paginate(
          parentChildren(params.ParentId).ous.map((ou) => ({
            Id: ou.id,
            Arn: `${arnBase}:ou/${organization.id}/${ou.id}`,
            Name: ou.name,
          })),
          'OrganizationalUnits',
          20,
        );
      case 'ListParents': {
        managementOnly();
        const parent = org.parents.get(String(params.ChildId ?? ''));
        if (!parent)
          throw new ApiError(
            400,
            'ChildNotFoundException',
            "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
          );
        return paginate([parent], 'Parents', 20);
      }
      default:
        throw new ApiError(400, 'UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  // ---- dispatch

  async function handle(req, res) {
    const requestId = randomUUID();
    let classified = { service: 'iam', protocol: 'query', operation: '', params: {} };
    try {
      const rawBody = await readBody(req);
      if (req.method === 'GET' && (req.url ?? '').startsWith('/_oidc/token')) {
        await sleep(options.latencyMs);
        return send(res, oidcToken(req), requestId);
      }
      classified = classify(req, rawBody);
      const { service, protocol, operation } = classified;
      const caller = resolveCaller(req, service);
      const unsigned = service === 'sts' && operation === 'AssumeRoleWithWebIdentity';
      if (!caller && !unsigned) {
        throw protocol === 'query'
          ? new ApiError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
          : new ApiError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      const accountId = caller?.accountId ?? parseRoleArnLoose(classified.params.RoleArn) ?? defaultAccountId;
      const request = { service, operation, accountId, params: classified.params, at: Date.now() };
      state.requests.push(request);
      if (state.requests.length > 100_000) state.requests.splice(0, state.requests.length - 100_000);

      await sleep(options.latencyMs);
      const fault = takeFault(operation, accountId);
      const ctx = {
        ...classified,
        caller,
        accountId,
        account: state.accounts[accountId],
        requestId,
        reportNeverFinishes: fault?.kind === 'reportNeverFinishes',
      };
      if (fault) {
        if (fault.kind === 'reset') {
          req.socket.destroy();
          return undefined;
        }
        if (fault.kind === 'slow') await sleep(fault.delayMs ?? 5000);
        if (fault.kind === 'malformed') return send(res, malformedResponse(protocol, operation), requestId);
        if (fault.kind === 'signatureMismatch') throw signatureMismatch(protocol, req);
        if (fault.kind === 'emptyBody') return send(res, emptyResponse(protocol), requestId);
        if (fault.kind === 'html') return send(res, htmlResponse(), requestId);
        if (fault.kind === 'oversized') return streamOversized(res, request, fault, operation, requestId);
        const error = faultError(
          fault.kind,
          service,
          protocol,
          operation,
          caller ?? { accountId, arn: `arn:aws:iam::${accountId}:user/unknown` },
        );
        if (error) throw error;
      }
      const handler = { iam, sts, account: accountService, organizations, 'access-analyzer': accessAnalyzerService }[
        service
      ];
      let response = handler(ctx);
      try {
        if (fault?.kind === 'missingField') response = withoutField(protocol, response, fault.field);
        if (fault?.kind === 'truncatedNoMarker') response = truncatedWithoutMarker(protocol, response);
      } catch (problem) {
        throw new ApiError(500, 'InternalFailure', `aws-server fixture error: ${problem.message}`);
      }
      return send(res, response, requestId);
    } catch (caught) {
      if (!(caught instanceof ApiError)) {
        const internal = new ApiError(500, 'InternalFailure', `aws-server bug: ${caught?.message ?? caught}`);
        return send(res, renderError(classified.protocol, classified.service, internal, requestId), requestId);
      }
      const protocol = caught.protocol ?? classified.protocol;
      return send(res, renderError(protocol, classified.service, caught, requestId), requestId);
    }
  }

  function parseRoleArnLoose(roleArn) {
    return /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(String(roleArn ?? ''))?.[1];
  }

  /**
   * A 200 GetCredentialReport-shaped answer of `fault.bytes` bytes (default 64 MiB), written lazily in 64 KiB
   * chunks so the server never holds it; with Content-Length unless `fault.chunked`. Stops when the client
   * hangs up; `request.responseBytes` records how much was written by then.
   */
  async function streamOversized(res, request, fault, operation, requestId) {
    const total = fault.bytes ?? 64 * 1024 * 1024;
    const head = `<${operation}Response xmlns="${IAM_NS}"><${operation}Result><Content>`;
    const tailStart = `</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>${isoSeconds(Date.now())}</GeneratedTime></${operation}Result>`;
    const tailEnd = `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
    // Base64 comes in groups of 4; spaces between two elements make up the exact size.
    const room = Math.max(0, total - head.length - tailStart.length - tailEnd.length);
    const fill = room - (room % 4);
    const tail = `${tailStart}${' '.repeat(room % 4)}${tailEnd}`;
    const headers = {
      'content-type': 'text/xml',
      'x-amzn-requestid': requestId,
      ...(fault.chunked ? {} : { 'content-length': head.length + fill + tail.length }),
    };
    res.writeHead(200, headers);
    request.responseBytes = 0;
    const write = (chunk) => {
      request.responseBytes += chunk.length;
      return res.write(chunk)
        ? Promise.resolve()
        : new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    };
    const block = 'A'.repeat(64 * 1024);
    await write(head);
    for (let left = fill; left > 0 && !res.destroyed; left -= block.length)
      await write(left >= block.length ? block : block.slice(0, left));
    if (res.destroyed) return undefined;
    request.responseBytes += tail.length;
    res.end(tail);
    return undefined;
  }

  function send(res, response, requestId) {
    if (res.destroyed) return undefined;
    res.writeHead(response.status, {
      ...response.headers,
      'x-amzn-requestid': requestId,
      'content-length': Buffer.byteLength(response.body),
    });
    res.end(response.body);
    return undefined;
  }

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  const sockets = new Set();
  let connections = 0;
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${address.port}`;

  return {
    url,
    requests: state.requests,
    issuedCredentials: state.issuedCredentials,
    get connections() {
      return connections;
    },
    accounts: state.accounts,
    account(accountId) {
      const account = state.accounts[accountId];
      if (!account) throw new Error(`aws-server: no account ${accountId}`);
      return account;
    },
    oidcRequestUrl: `${url}/_oidc/token?api-version=2.0`,
    issueIdToken(audience, overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      return signToken({
        iss: OIDC_ISSUER,
        aud: audience,
        sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        iat: now,
        nbf: now - 5,
        exp: now + 300,
        ...overrides,
      });
    },
    reset() {
      resetState();
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve(undefined));
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/**
 * The AWS variables a child process (CLI, bundled action) needs to talk to the server: endpoint, dummy
 * ambient keys, region, no instance metadata lookups, no shared config files. Only these keys (no
 * AWS_PROFILE): merge them into an environment that has no AWS_* variables of its own.
 */
export function awsEnv(server, extra = {}) {
  return {
    AWS_ENDPOINT_URL: server.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    ...extra,
  };
}

/** The variables a GitHub runner gives a job with `id-token: write`, pointing at the server's OIDC stand-in. */
export function githubOidcEnv(server, requestToken) {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: server.oidcRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
  };
}

// CLI: `node test/support/aws-server.mjs scenario.json` prints the URL and serves until killed.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const scenarioPath = process.argv[2];
  if (!scenarioPath) {
    process.stderr.write('usage: node test/support/aws-server.mjs scenario.json\n');
    process.exit(2);
  }
  const scenario = JSON.parse(readFileSync(scenarioPath, 'utf8'));
  const server = await startAwsServer(scenario);
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
