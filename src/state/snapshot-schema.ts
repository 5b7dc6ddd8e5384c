/** JSON Schema (draft-07) of the snapshot file: the AccountState of src/state/types.ts, version 1. */

const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const marker = { enum: ['N/A', 'no_information', 'not_supported'] } as const;
/**
 * A credential report date cell: an ISO 8601 date-time or a marker. Anything else is refused here, because the
 * controls read an unparsable date as "no date" and a root "last used" cell would then pass as never used.
 */
const reportDateSchema = {
  anyOf: [
    marker,
    { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' },
  ],
} as const;

const readErrorSchema = {
  type: 'object',
  required: ['code', 'message', 'action'],
  additionalProperties: false,
  properties: { code: string, message: string, action: string },
} as const;

/*
 * Shapes used many times are referenced, not repeated: the validator is generated at build time
 * (scripts/gen-snapshot-validator.mjs) and a reference compiles to one function called from each place.
 */
const reportDate = { $ref: '#/definitions/reportDate' } as const;
const readError = { $ref: '#/definitions/readError' } as const;

/** Readable<T>: `{ ok: true, value }` or `{ ok: false, error }`, told apart by `ok`. */
function readable(value: object): object {
  return {
    type: 'object',
    required: ['ok'],
    properties: { ok: boolean },
    if: { properties: { ok: { const: true } } },
    then: { required: ['ok', 'value'], additionalProperties: false, properties: { ok: boolean, value } },
    else: { required: ['ok', 'error'], additionalProperties: false, properties: { ok: boolean, error: readError } },
  };
}

function object(properties: Record<string, object>, optional: string[] = []): object {
  return {
    type: 'object',
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    additionalProperties: false,
    properties,
  };
}

const nonNegativeInteger = { type: 'integer', minimum: 0 } as const;

const passwordPolicy = object(
  {
    minimumPasswordLength: nonNegativeInteger,
    requireSymbols: boolean,
    requireNumbers: boolean,
    requireUppercaseCharacters: boolean,
    requireLowercaseCharacters: boolean,
    allowUsersToChangePassword: boolean,
    expirePasswords: boolean,
    maxPasswordAge: nonNegativeInteger,
    passwordReusePrevention: nonNegativeInteger,
    hardExpiry: boolean,
  },
  ['maxPasswordAge', 'passwordReusePrevention'],
);

const credentialReportRow = object({
  user: string,
  arn: string,
  userCreationTime: reportDate,
  passwordEnabled: { anyOf: [boolean, marker] },
  passwordLastUsed: reportDate,
  passwordLastChanged: reportDate,
  passwordNextRotation: reportDate,
  mfaActive: boolean,
  accessKey1Active: boolean,
  accessKey1LastRotated: reportDate,
  accessKey1LastUsedDate: reportDate,
  accessKey1LastUsedRegion: string,
  accessKey1LastUsedService: string,
  accessKey2Active: boolean,
  accessKey2LastRotated: reportDate,
  accessKey2LastUsedDate: reportDate,
  accessKey2LastUsedRegion: string,
  accessKey2LastUsedService: string,
  cert1Active: boolean,
  cert1LastRotated: reportDate,
  cert2Active: boolean,
  cert2LastRotated: reportDate,
});

const alternateContact = {
  anyOf: [{ type: 'null' }, object({ name: string, title: string, email: string, phone: string })],
};

const contactInformation = {
  anyOf: [
    { type: 'null' },
    object(
      {
        fullName: string,
        phoneNumber: string,
        companyName: string,
        addressLine1: string,
        city: string,
        countryCode: string,
        postalCode: string,
        stateOrRegion: string,
        websiteUrl: string,
      },
      ['companyName', 'stateOrRegion', 'websiteUrl'],
    ),
  ],
};

const inlinePolicy = object({ name: string, document: {} });
const iamPrincipal = object({
  name: string,
  arn: string,
  attachedPolicies: { type: 'array', items: string },
  inlinePolicies: { type: 'array', items: inlinePolicy },
});
const authorizationDetails = object({
  users: { type: 'array', items: iamPrincipal },
  groups: { type: 'array', items: iamPrincipal },
  roles: { type: 'array', items: iamPrincipal },
  policies: {
    type: 'array',
    items: object({ name: string, arn: string, attachmentCount: nonNegativeInteger, document: {} }),
  },
});
const serverCertificate = object({
  name: string,
  arn: string,
  expiration: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$' },
});

export const snapshotSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'aws-account-baseline account snapshot',
  type: 'object',
  required: ['version', 'collectedAt', 'identity'],
  additionalProperties: false,
  definitions: { reportDate: reportDateSchema, readError: readErrorSchema },
  properties: {
    $schema: string,
    version: { const: 1 },
    collectedAt: string,
    identity: readable(object({ accountId: { type: 'string', pattern: '^\\d{12}$' }, arn: string })),
    passwordPolicy: readable({ anyOf: [{ type: 'null' }, passwordPolicy] }),
    accountSummary: readable({ type: 'object', additionalProperties: { type: 'number' } }),
    virtualMfaDevices: readable({
      type: 'array',
      items: object({ serialNumber: string, userArn: string, enableDate: string }, ['userArn', 'enableDate']),
    }),
    credentialReport: readable(object({ generatedAt: string, rows: { type: 'array', items: credentialReportRow } })),
    alternateContacts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        BILLING: readable(alternateContact),
        OPERATIONS: readable(alternateContact),
        SECURITY: readable(alternateContact),
      },
    },
    contactInformation: readable(contactInformation),
    organizationsFeatures: readable(
      object({ organizationId: string, enabledFeatures: { type: 'array', items: string } }, ['organizationId']),
    ),
    authorizationDetails: readable(authorizationDetails),
    serverCertificates: readable({ type: 'array', items: serverCertificate }),
    enabledRegions: readable({ type: 'array', items: string }),
    accessAnalyzers: {
      type: 'object',
      propertyNames: { pattern: '^[a-z0-9-]{1,32}$' },
      additionalProperties: readable({ type: 'array', items: object({ name: string, type: string, status: string }) }),
    },
  },
} as const;
