/** JSON Schema (draft-07) of the snapshot file: the AccountState of src/state/types.ts, version 1. */

const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const marker = { enum: ['N/A', 'no_information', 'not_supported'] } as const;

const readError = {
  type: 'object',
  required: ['code', 'message', 'action'],
  additionalProperties: false,
  properties: { code: string, message: string, action: string },
} as const;

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
  userCreationTime: string,
  passwordEnabled: { anyOf: [boolean, marker] },
  passwordLastUsed: string,
  passwordLastChanged: string,
  passwordNextRotation: string,
  mfaActive: boolean,
  accessKey1Active: boolean,
  accessKey1LastRotated: string,
  accessKey1LastUsedDate: string,
  accessKey1LastUsedRegion: string,
  accessKey1LastUsedService: string,
  accessKey2Active: boolean,
  accessKey2LastRotated: string,
  accessKey2LastUsedDate: string,
  accessKey2LastUsedRegion: string,
  accessKey2LastUsedService: string,
  cert1Active: boolean,
  cert1LastRotated: string,
  cert2Active: boolean,
  cert2LastRotated: string,
});

const alternateContact = { anyOf: [{ type: 'null' }, object({ name: string, title: string, email: string, phone: string })] };

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

export const snapshotSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'aws-account-baseline account snapshot',
  type: 'object',
  required: ['version', 'collectedAt', 'identity'],
  additionalProperties: false,
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
  },
} as const;
