import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSnapshot, readSnapshot, serializeSnapshot } from '../../src/state/snapshot.js';
import { parseCredentialReportCsv } from '../../src/state/credential-report.js';
import { positionOf } from '../../src/input-position.js';
import { scanJson } from '../../src/state/json-locate.js';
import { InputError } from '../../src/errors.js';
import type { AccountState } from '../../src/state/types.js';
import { credentialReportCsv, iamUserRow, rootAccountRow } from '../support/credential-report-csv.mjs';

const ACCOUNT = '111122223333';

function fullState(): AccountState {
  return {
    version: 1,
    collectedAt: '2026-11-26T12:00:00.000Z',
    identity: { ok: true, value: { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ci` } },
    passwordPolicy: { ok: true, value: null },
    accountSummary: { ok: true, value: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } },
    virtualMfaDevices: {
      ok: true,
      value: [
        {
          serialNumber: 'arn:aws:iam::111122223333:mfa/root',
          userArn: `arn:aws:iam::${ACCOUNT}:root`,
          enableDate: '2025-01-01T00:00:00.000Z',
        },
      ],
    },
    credentialReport: {
      ok: true,
      value: {
        generatedAt: '2026-11-26T11:00:00.000Z',
        rows: parseCredentialReportCsv(
          credentialReportCsv([rootAccountRow(ACCOUNT), iamUserRow(ACCOUNT, 'alice', { access_key_1_active: 'TRUE' })]),
        ),
      },
    },
    alternateContacts: {
      BILLING: { ok: true, value: null },
      OPERATIONS: {
        ok: false,
        error: { code: 'AccessDenied', message: 'denied', action: 'account:GetAlternateContact' },
      },
      SECURITY: {
        ok: true,
        value: { name: 'Sec', title: 'CISO', email: 'security@example.com', phone: '+1 555 0102' },
      },
    },
    contactInformation: {
      ok: true,
      value: {
        fullName: 'Example',
        phoneNumber: '+1',
        addressLine1: '1 Main',
        city: 'Seattle',
        countryCode: 'US',
        postalCode: '98101',
      },
    },
    organizationsFeatures: {
      ok: false,
      error: {
        code: 'OrganizationNotFoundException',
        message: 'not in an organization',
        action: 'iam:ListOrganizationsFeatures',
      },
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aab-snapshot-'));
});

async function writeSnapshot(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

function issuesOf(text: string): string[] {
  try {
    parseSnapshot(text, 'snap.json');
  } catch (error) {
    if (error instanceof InputError)
      return error.issues.map((issue) => `${issue.file}:${issue.line}:${issue.column} ${issue.message}`);
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('snapshot round trip', () => {
  it('reads back exactly what it wrote', async () => {
    const state = fullState();
    const file = await writeSnapshot('full.json', serializeSnapshot(state));
    expect(await readSnapshot(file)).toEqual(state);
  });

  it('reads a minimal snapshot (identity only)', () => {
    const state: AccountState = {
      version: 1,
      collectedAt: 'x',
      identity: { ok: false, error: { code: 'ExpiredToken', message: 'm', action: 'sts:GetCallerIdentity' } },
    };
    expect(parseSnapshot(serializeSnapshot(state), 'f')).toEqual(state);
  });

  it('reads a credential report without the <root_account> row as malformed, as a live read would', () => {
    const state = fullState();
    const userRows = parseCredentialReportCsv(credentialReportCsv([iamUserRow(ACCOUNT, 'alice')]));
    state.credentialReport = { ok: true, value: { generatedAt: '2026-11-26T11:00:00.000Z', rows: userRows } };
    expect(parseSnapshot(serializeSnapshot(state), 'f').credentialReport).toEqual({
      ok: false,
      error: {
        code: 'MalformedCredentialReport',
        message: 'the credential report has no <root_account> row, which every report has',
        action: 'iam:GetCredentialReport',
      },
    });
  });

  it('ignores a $schema hint for editors', () => {
    const text = JSON.stringify({ $schema: './snapshot.schema.json', ...fullState() });
    expect(parseSnapshot(text, 'f')).toEqual(fullState());
  });
});

describe('bad snapshots', () => {
  it('points at a JSON syntax error', () => {
    expect(issuesOf('{\n  "version": 1,\n  "identity": }\n')).toEqual([
      'snap.json:3:15 invalid snapshot JSON: unexpected "}", expected a value',
    ]);
  });

  it('points at a trailing comma', () => {
    expect(issuesOf('{\n  "version": 1,\n}')).toEqual([
      'snap.json:3:1 invalid snapshot JSON: unexpected "}", expected a double-quoted property name',
    ]);
  });

  it('points at truncated JSON', () => {
    expect(issuesOf('{"version": 1, "identity": {"ok": tr')).toEqual([
      'snap.json:1:35 invalid snapshot JSON: unexpected "t", expected a value',
    ]);
  });

  it('reports every shape problem at its line and column', () => {
    const state = fullState() as unknown as Record<string, unknown>;
    const text = serializeSnapshot({
      ...state,
      version: 2,
      accountSumary: {},
      identity: { ok: true, value: { accountId: 'abc', arn: 'x' } },
    } as unknown as AccountState);
    const lines = text.split('\n');
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
    expect(issuesOf(text)).toEqual(
      expect.arrayContaining([
        `snap.json:${lineOf('"version"')}:14 invalid snapshot: version must be 1`,
        `snap.json:${lineOf('"accountSumary"')}:3 invalid snapshot: unknown property "accountSumary"`,
        `snap.json:${lineOf('"accountId"')}:20 invalid snapshot: identity.value.accountId must match pattern "^\\d{12}$"`,
      ]),
    );
  });

  it('names a wrong credential report cell by its path', () => {
    const state = fullState();
    const text = serializeSnapshot(state).replace('"mfaActive": true', '"mfaActive": "yes"');
    expect(issuesOf(text)).toEqual([
      expect.stringMatching(
        /^snap\.json:\d+:\d+ invalid snapshot: credentialReport\.value\.rows\[0\]\.mfaActive must be boolean$/,
      ),
    ]);
  });

  it('merges the alternatives of a value that may take several forms', () => {
    const text = serializeSnapshot(fullState()).replace(
      '"passwordEnabled": "not_supported"',
      '"passwordEnabled": "maybe"',
    );
    expect(issuesOf(text)).toEqual([
      expect.stringContaining(
        'credentialReport.value.rows[0].passwordEnabled must be boolean or must be one of "N/A", "no_information", "not_supported"',
      ),
    ]);
  });

  it('refuses a credential report date that is neither a date-time nor a marker (it would read as never used)', () => {
    const text = serializeSnapshot(fullState()).replace(
      '"passwordLastUsed": "no_information"',
      '"passwordLastUsed": "last week"',
    );
    expect(issuesOf(text)).toEqual([
      expect.stringContaining(
        'credentialReport.value.rows[0].passwordLastUsed must be one of "N/A", "no_information", "not_supported" or must match pattern',
      ),
    ]);
  });

  it('requires the error of an unread source', () => {
    const text = JSON.stringify({ version: 1, collectedAt: 'x', identity: { ok: false } });
    expect(issuesOf(text)).toEqual(["snap.json:1:43 invalid snapshot: identity must have required property 'error'"]);
  });

  it('turns a missing file into an InputError', async () => {
    await expect(readSnapshot(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json:1:1 cannot read the snapshot file: file not found/,
    );
  });
});

describe('json-locate', () => {
  it('records value and key offsets by JSON pointer', () => {
    const scan = scanJson('{"a": [1, {"b~/c": "x"}]}');
    expect(scan.ok && scan.values.get('/a/1/b~0~1c')).toBe(19);
    expect(scan.ok && scan.keys.get('/a')).toBe(1);
  });

  it('rejects what JSON.parse rejects', () => {
    for (const text of ['', '{', '[1,]', '{"a" 1}', '"\\x"', '01', '{"a":1} x', '"\u0001"']) {
      expect((): unknown => JSON.parse(text)).toThrow();
      expect(scanJson(text).ok).toBe(false);
    }
  });

  it('computes 1-based lines and columns', () => {
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(positionOf('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('IAM policy and server certificate sources in snapshots', () => {
  const withPolicies = (expiration: string): AccountState => ({
    version: 1,
    collectedAt: '2026-11-26T12:00:00Z',
    identity: { ok: true, value: { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:role/check' } },
    authorizationDetails: {
      ok: true,
      value: {
        users: [
          {
            name: 'u',
            arn: 'arn:aws:iam::111122223333:user/u',
            attachedPolicies: [],
            inlinePolicies: [{ name: 'p', document: { Statement: [] } }],
          },
        ],
        groups: [],
        roles: [],
        policies: [
          {
            name: 'm',
            arn: 'arn:aws:iam::111122223333:policy/m',
            attachmentCount: 1,
            document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
          },
        ],
      },
    },
    serverCertificates: {
      ok: true,
      value: [{ name: 'c', arn: 'arn:aws:iam::111122223333:server-certificate/c', expiration }],
    },
  });

  it('reads back the authorization details and certificates', () => {
    const state = withPolicies('2027-01-01T00:00:00.000Z');
    expect(parseSnapshot(serializeSnapshot(state), 'f')).toEqual(state);
  });

  it('refuses a certificate expiry that is not a date-time (it would never expire)', () => {
    expect(() => parseSnapshot(serializeSnapshot(withPolicies('next year')), 'snap.json')).toThrow(
      /serverCertificates\.value\[0\]\.expiration must match pattern/,
    );
  });
});
