/**
 * The built action (dist/index.js) over every area at once (issue 4 acceptance 3, issue 8 acceptance 1 and 4):
 * the bundled baseline with overrides, contact matchers, attestations and a waiver, against the local AWS server
 * speaking IAM and STS (query + XML) and Account (REST-JSON). Asserts the exact workflow commands, the job summary
 * (snapshot), the SARIF file (official 2.1.0 schema), the outputs, fault confinement and masking.
 *
 * The action reads the real clock, so credential-report dates are set relative to the test's start and the
 * snapshots replace each such date by a label (`<today-400d>`); the day counts next to them stay literal.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startAwsServer,
  awsEnv,
  type AccountFixture,
  type AwsOperation,
  type CredentialReportCsvRow,
  type RecordedRequest,
} from '../support/aws-server.mjs';
import { iamUserRow, rootAccountRow } from '../support/credential-report-csv.mjs';
import { annotationCommands, runAction, type ActionRun } from '../support/run-dist.js';
import { sarifSchemaErrors } from '../report/sarif-schema.js';
import { expectFixture } from '../report/expect-fixture.js';
import type { Finding, Report } from '../../src/findings.js';
import { strongPasswordPolicy } from '../support/builders.js';

const POLICY = 'test/e2e/fixtures/all-areas.yml';
const ACCOUNT = '111122223333';
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Test start. Fixture instants sit 6 hours before a whole number of days ago, so the run's day counts are exact. */
const T0 = Date.now();

/** Every relative day used by the fixtures, for the snapshot labels. */
const RELATIVE_DAYS = [1, 2, 3, 5, 10, 20, 30, 50, 120, 200, 400] as const;
type RelativeDay = (typeof RELATIVE_DAYS)[number];

function ago(days: RelativeDay): Date {
  return new Date(T0 - days * DAY_MS - 6 * HOUR_MS);
}

/** A credential report cell as AWS writes it (`2025-10-22T09:14:33+00:00`). */
function cell(days: RelativeDay): string {
  return ago(days)
    .toISOString()
    .replace(/\.\d{3}Z$/, '+00:00');
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const REPORT_GENERATED = new Date(T0 - HOUR_MS).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** The contact e-mails and phone numbers of the account: never in clear anywhere unless `redact: false`. */
const CONTACT_VALUES = [
  'billing.team@example.com',
  '+1 206 555 0100',
  'soc@corp.example.org',
  '+44 20 7946 0958',
  '+1 206 555 0199',
];

interface Names {
  /** The user with a console password and no MFA. */
  noMfaUser: string;
  /** The primary contact's full name (does not match `Example*`). */
  primaryName: string;
}

const PLAIN: Names = { noMfaUser: 'bob', primaryName: 'Plain Contact' };

function credentialRows(names: Names): CredentialReportCsvRow[] {
  return [
    rootAccountRow(ACCOUNT, {
      password_enabled: 'TRUE',
      password_last_used: cell(200),
      password_last_changed: cell(400),
      mfa_active: 'TRUE',
      access_key_1_active: 'true',
      access_key_1_last_rotated: cell(400),
      access_key_1_last_used_date: cell(10),
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 'iam',
    }),
    iamUserRow(ACCOUNT, 'alice', {
      password_last_used: cell(1),
      access_key_1_active: 'true',
      access_key_1_last_rotated: cell(30),
      access_key_1_last_used_date: cell(1),
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 's3',
    }),
    iamUserRow(ACCOUNT, names.noMfaUser, { password_last_used: cell(3), mfa_active: 'false' }),
    iamUserRow(ACCOUNT, 'break-glass', { password_last_used: cell(5), mfa_active: 'false' }),
    iamUserRow(ACCOUNT, 'old-key-bot', {
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_1_last_rotated: cell(120),
      access_key_1_last_used_date: cell(2),
      access_key_1_last_used_region: 'eu-west-1',
      access_key_1_last_used_service: 'sts',
      access_key_2_active: 'true',
      access_key_2_last_rotated: cell(20),
      access_key_2_last_used_date: cell(1),
      access_key_2_last_used_region: 'eu-west-1',
      access_key_2_last_used_service: 'sts',
    }),
    iamUserRow(ACCOUNT, 'never-used-bot', {
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_1_last_rotated: cell(50),
    }),
  ];
}

function accountFixture(names: Names = PLAIN): AccountFixture {
  return {
    accountId: ACCOUNT,
    passwordPolicy: strongPasswordPolicy({ minimumPasswordLength: 8 }),
    accountSummary: {
      AccountMFAEnabled: 1,
      AccountAccessKeysPresent: 1,
      AccountSigningCertificatesPresent: 0,
      Users: 5,
      MFADevices: 2,
      MFADevicesInUse: 2,
    },
    virtualMfaDevices: [
      { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, userArn: `arn:aws:iam::${ACCOUNT}:root` },
      { serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/alice`, userArn: `arn:aws:iam::${ACCOUNT}:user/alice` },
    ],
    credentialReport: { generatedAt: REPORT_GENERATED, rows: credentialRows(names) },
    alternateContacts: {
      BILLING: { name: 'Billing Team', title: 'Finance', email: 'billing.team@example.com', phone: '+1 206 555 0100' },
      // OPERATIONS unset: ResourceNotFoundException.
      SECURITY: {
        name: 'Security Operations',
        title: 'CISO',
        email: 'soc@corp.example.org',
        phone: '+44 20 7946 0958',
      },
    },
    contactInformation: {
      fullName: names.primaryName,
      phoneNumber: '+1 206 555 0199',
      addressLine1: '1 Main Street',
      city: 'Seattle',
      countryCode: 'US',
      postalCode: '98101',
    },
  };
}

interface Scenario {
  names?: Names;
  deny?: AwsOperation;
  inputs?: Record<string, string>;
}

interface ScenarioRun {
  run: ActionRun;
  report: Report;
  /** The run's clock, read back from the report. */
  now: Date;
  requests: RecordedRequest[];
}

async function runScenario({ names = PLAIN, deny, inputs = {} }: Scenario): Promise<ScenarioRun> {
  const server = await startAwsServer({
    accounts: [
      {
        ...accountFixture(names),
        ...(deny !== undefined && { faults: [{ operation: deny, kind: 'accessDenied' as const }] }),
      },
    ],
  });
  try {
    const run = await runAction({ policy: POLICY, 'fail-on': 'medium', ...inputs }, awsEnv(server));
    const reportPath = run.outputs.report;
    if (reportPath === undefined) throw new Error(`no report output; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
    return { run, report, now: new Date(report.generatedAt), requests: [...server.requests] };
  } finally {
    await server.close();
  }
}

/** Calendar days between a policy date and the run (as attestations count them). */
function calendarDaysSince(day: string, now: Date): number {
  const start = Date.parse(`${day}T00:00:00Z`);
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((end - start) / DAY_MS);
}

/** Dates written in the policy file: they stay as they are (only the age next to them depends on the day). */
const STATIC_DAYS = ['2026-10-01', '2020-01-15', '2030-12-31'];

/** Replaces what depends on the day the test runs by labels; anything else unexpected stays and fails the snapshot. */
function normalise(text: string, now: Date): string {
  let result = text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/g, (stamp) =>
    Date.parse(stamp) === Date.parse(REPORT_GENERATED) ? '<credential-report-time>' : '<timestamp>',
  );
  // Policy dates first, behind tokens: a relative fixture day may fall on one of them.
  STATIC_DAYS.forEach((day, index) => {
    const age = calendarDaysSince(day, now);
    result = result
      .replaceAll(`${day} (${age} days ago)`, `@static${index}@ (<age> days ago)`)
      .replaceAll(`${day}, ${age} days ago`, `@static${index}@, <age> days ago`)
      .replaceAll(day, `@static${index}@`);
  });
  for (const days of RELATIVE_DAYS) result = result.replaceAll(isoDay(ago(days)), `<today-${days}d>`);
  STATIC_DAYS.forEach((day, index) => (result = result.replaceAll(`@static${index}@`, day)));
  return result;
}

/** Annotation snapshots live next to the policy they point into; `UPDATE_FIXTURES=1` rewrites them. */
function expectTextSnapshot(path: string, actual: string): void {
  if (process.env['UPDATE_FIXTURES'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** Summary text as a reader sees it: the numeric character references the escaping wrote, decoded. */
function decodeReferences(markdown: string): string {
  return markdown.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** stdout without the `::add-mask::` commands, which are how a value is registered (the runner never shows them). */
function withoutMaskCommands(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
}

function maskCommands(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length));
}

/** Every line the runner would read as a workflow command. */
function commandLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('::'));
}

function without(findings: readonly Finding[], controls: readonly string[]): Finding[] {
  return findings.filter((finding) => !controls.includes(finding.control));
}

let full: ScenarioRun;
let sarifPath: string;

beforeAll(async () => {
  sarifPath = join(mkdtempSync(join(tmpdir(), 'aab-e2e-sarif-')), 'results.sarif');
  full = await runScenario({ inputs: { 'sarif-file': sarifPath } });
});

describe('action over every area (dist/index.js)', () => {
  it('reads IAM and STS (query + XML) and Account (REST-JSON) over the wire, read-only', () => {
    expect(new Set(full.requests.map((request) => request.service))).toEqual(new Set(['sts', 'iam', 'account']));
    expect(full.requests.map((request) => request.operation).sort()).toEqual([
      'GetAccountPasswordPolicy',
      'GetAccountSummary',
      'GetAlternateContact',
      'GetAlternateContact',
      'GetAlternateContact',
      'GetCallerIdentity',
      'GetContactInformation',
      'GetCredentialReport',
      'ListOrganizationsFeatures',
      'ListVirtualMFADevices',
    ]);
    const contactTypes = full.requests
      .filter((r) => r.operation === 'GetAlternateContact')
      .map((r) => r.params['AlternateContactType']);
    expect(contactTypes.sort()).toEqual(['BILLING', 'OPERATIONS', 'SECURITY']);
  });

  it('gives every control its real result', () => {
    const statuses = full.report.findings.map((f) => `${f.control} ${f.resource} ${f.status}`);
    expect(statuses).toEqual([
      'account.id account pass',
      'passwordPolicy.exists account pass',
      'passwordPolicy.minimumLength account fail',
      'passwordPolicy.requireSymbols account pass',
      'passwordPolicy.requireNumbers account pass',
      'passwordPolicy.requireUppercase account pass',
      'passwordPolicy.requireLowercase account pass',
      'passwordPolicy.allowUsersToChangePassword account pass',
      'passwordPolicy.maxAgeDays account pass',
      'passwordPolicy.reusePrevention account pass',
      'root.mfa root fail',
      'root.accessKeys root fail',
      'root.signingCertificates root pass',
      'root.maxDaysSinceLastUse root fail',
      'contacts.billing contact:BILLING pass',
      'contacts.operations contact:OPERATIONS fail',
      'contacts.security contact:SECURITY fail',
      'contacts.primary contact:PRIMARY fail',
      'iamUsers.consoleMfa bob fail',
      'iamUsers.consoleMfa break-glass waived',
      'iamUsers.consoleMfa iam-users pass',
      'iamUsers.maxActiveAccessKeys old-key-bot fail',
      'iamUsers.maxActiveAccessKeys iam-users pass',
      'iamUsers.maxAccessKeyAgeDays old-key-bot fail',
      'iamUsers.maxAccessKeyAgeDays iam-users pass',
      'iamUsers.maxUnusedCredentialDays never-used-bot fail',
      'iamUsers.maxUnusedCredentialDays iam-users pass',
      'attestations.root-password-rotated root pass',
      'attestations.root-mfa-backup root fail',
      'attestations.security-questions account fail',
      'attestations.credential-report-reviewed account fail',
    ]);
    expect(full.report.summary).toEqual({ pass: 16, fail: 14, error: 0, waived: 1, manual: 0, skipped: 0 });
    expect(full.report.account).toEqual({ id: ACCOUNT });
    expect(Date.parse(full.report.credentialReportGeneratedAt ?? '')).toBe(Date.parse(REPORT_GENERATED));
  });

  it('prints exactly one annotation command per failing finding, most severe first, at the line of its expectation', () => {
    const at = (line: number, col: number): string => `file=${POLICY},line=${line},col=${col}`;
    // Values set by the bundled baseline point at the `extends` entry that pulled it in (line 4, column 11).
    const extendsEntry = at(4, 11);
    const heads = annotationCommands(full.run.stdout).map((line) => line.slice(0, line.indexOf('::', 2)));
    expect(heads).toEqual([
      `::error title=root.mfa,${at(8, 3)}`,
      `::error title=root.accessKeys,${extendsEntry}`,
      `::error title=root.maxDaysSinceLastUse,${extendsEntry}`,
      `::error title=contacts.security,${at(12, 31)}`,
      `::error title=iamUsers.consoleMfa,${extendsEntry}`,
      `::warning title=passwordPolicy.minimumLength,${extendsEntry}`,
      `::warning title=contacts.operations,${at(11, 17)}`,
      `::warning title=iamUsers.maxActiveAccessKeys,${extendsEntry}`,
      `::warning title=iamUsers.maxAccessKeyAgeDays,${extendsEntry}`,
      `::warning title=iamUsers.maxUnusedCredentialDays,${extendsEntry}`,
      `::warning title=attestations.root-mfa-backup,${at(16, 22)}`,
      `::warning title=attestations.security-questions,${extendsEntry}`,
      `::warning title=attestations.credential-report-reviewed,${extendsEntry}`,
      `::notice title=contacts.primary,${at(13, 30)}`,
      '::error',
    ]);
    // One command per line: a finding's newlines are %0A inside its message.
    expect(annotationCommands(full.run.stdout)[4]).toBe(
      `::error title=iamUsers.consoleMfa,${extendsEntry}::IAM user bob has a console password (last used ${isoDay(ago(3))}) and no MFA device.` +
        '%0AResource: bob%0AExpected: MFA for every user with a console password%0AActual: console password, no MFA' +
        '%0AFix: IAM console > Users > USER > Security credentials > Multi-factor authentication (MFA) > Assign MFA device, or remove console access if the user does not need it. CLI: aws iam list-mfa-devices --user-name USER; aws iam delete-login-profile --user-name USER.',
    );
    expect(commandLines(full.run.stdout).at(-1)).toBe(
      '::error::13 findings at or above "medium" severity failed or could not be checked.',
    );
    // Every command line, in order, byte for byte (dates relative to the test's start are labelled).
    expectTextSnapshot(
      'test/e2e/fixtures/all-areas.annotations.txt',
      normalise(commandLines(full.run.stdout).join('\n') + '\n', full.now),
    );
  });

  it('writes the job summary (snapshot: test/fixtures/reports/e2e-summary.md)', () => {
    expect(full.run.summary).toContain('## aws-account-baseline: ❌ Not compliant');
    expectFixture('e2e-summary.md', normalise(full.run.summary, full.now));
  });

  it('writes a SARIF file valid against the official 2.1.0 schema: one result per failing finding, waivers suppressed', () => {
    interface SarifResult {
      ruleId: string;
      level: string;
      locations: unknown[];
      suppressions?: unknown[];
      properties: { status: string; resource: string };
    }
    const sarif = JSON.parse(readFileSync(sarifPath, 'utf8')) as {
      runs: Array<{ results: SarifResult[]; tool: { driver: { rules: Array<{ id: string }> } } }>;
    };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const [run] = sarif.runs;
    const results = run?.results ?? [];
    const reported = full.report.findings.filter(
      (f) => f.status === 'fail' || f.status === 'error' || f.status === 'waived',
    );
    expect(results.map((r) => `${r.ruleId} ${r.properties.resource} ${r.properties.status}`).sort()).toEqual(
      reported.map((f) => `${f.control} ${f.resource} ${f.status}`).sort(),
    );
    expect(results.filter((r) => r.suppressions !== undefined).map((r) => r.properties.resource)).toEqual([
      'break-glass',
    ]);
    expect(results.find((r) => r.properties.resource === 'break-glass')?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'token in the safe (until 2030-12-31)' },
    ]);
    const ruleIds = new Set(run?.tool.driver.rules.map((rule) => rule.id));
    for (const finding of reported) expect(ruleIds.has(finding.control)).toBe(true);
    expect(results.find((r) => r.ruleId === 'contacts.security')).toMatchObject({
      level: 'error',
      locations: [
        { physicalLocation: { artifactLocation: { uri: POLICY }, region: { startLine: 12, startColumn: 31 } } },
      ],
    });
  });

  it('sets the outputs: compliant, failed, errors, report, sarif', () => {
    expect(full.run.code).toBe(1);
    expect(full.run.outputs).toEqual({
      report: join(full.run.workspace, 'aws-account-baseline-report.json'),
      sarif: sarifPath,
      compliant: 'false',
      failed: '14',
      errors: '0',
    });
    expect(existsSync(sarifPath)).toBe(true);
  });

  it.each([
    [
      'GetAlternateContact',
      'account:GetAlternateContact',
      ['contacts.billing', 'contacts.operations', 'contacts.security'],
    ],
    ['GetAccountSummary', 'iam:GetAccountSummary', ['root.mfa']],
    ['ListVirtualMFADevices', 'iam:ListVirtualMFADevices', ['root.mfa']],
    ['GetContactInformation', 'account:GetContactInformation', ['contacts.primary']],
  ] as const)(
    'AccessDenied on %s: exactly the controls that need it are `error` naming %s; the rest keep their result',
    async (operation, action, controls) => {
      const denied = await runScenario({ deny: operation });
      const errors = denied.report.findings.filter((f) => f.status === 'error');
      expect(errors.map((f) => f.control)).toEqual(controls);
      for (const finding of errors) {
        expect(finding.message).toMatch(
          new RegExp(`^Could not read .+: AccessDenied: .+\\(the role needs ${action}\\)\\.$`),
        );
        expect(finding.actual).toBe('unknown');
      }
      expect(without(denied.report.findings, controls)).toEqual(without(full.report.findings, controls));
      expect(denied.run.outputs).toMatchObject({ compliant: 'false', errors: String(controls.length) });
      // Fail closed: the job fails, and each error is annotated with the missing permission.
      expect(denied.run.code).toBe(1);
      for (const control of controls) {
        expect(annotationCommands(denied.run.stdout).find((line) => line.includes(`title=${control},`))).toContain(
          `(the role needs ${action})`,
        );
      }
    },
  );
});

describe('masking of contact values', () => {
  it('by default, no contact e-mail or phone number is in clear in stdout, the summary, the JSON report or SARIF', () => {
    const places = {
      stdout: withoutMaskCommands(full.run.stdout),
      stderr: full.run.stderr,
      summary: decodeReferences(full.run.summary),
      json: readFileSync(full.run.outputs.report ?? '', 'utf8'),
      sarif: readFileSync(sarifPath, 'utf8'),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const value of CONTACT_VALUES)
        expect({ place, value, found: text.includes(value) }).toEqual({ place, value, found: false });
    }
    // The masked hints are there instead, and the runner is told the values are secrets.
    expect(places.summary).toContain('email: s***@c***.org, phone: +44 ** **** **58');
    expect(places.sarif).toContain('s***@c***.org');
    expect(maskCommands(full.run.stdout).sort()).toEqual([...CONTACT_VALUES].sort());
  });

  it('with `redact: false` they are shown as they are', async () => {
    const plainRun = await runScenario({
      inputs: { redact: 'false', 'sarif-file': join(mkdtempSync(join(tmpdir(), 'aab-e2e-sarif-')), 'plain.sarif') },
    });
    const places = {
      stdout: plainRun.run.stdout,
      summary: decodeReferences(plainRun.run.summary),
      json: readFileSync(plainRun.run.outputs.report ?? '', 'utf8'),
      sarif: readFileSync(plainRun.run.outputs.sarif ?? '', 'utf8'),
    };
    for (const [place, text] of Object.entries(places)) {
      for (const value of ['soc@corp.example.org', '+44 20 7946 0958']) {
        expect({ place, value, found: text.includes(value) }).toEqual({ place, value, found: true });
      }
    }
    expect(maskCommands(plainRun.run.stdout)).toEqual([]);
  });
});

describe('untrusted text from the account (issue 8 acceptance 4)', () => {
  const HOSTILE: Names = {
    noMfaUser: 'bob|<img src=x onerror=alert(1)>`x`**b**\n::error::injected',
    primaryName: 'Eve | <script>alert(1)</script> [l](http://x) `c` _e_\n::warning title=x::injected\n## Heading',
  };

  it('changes nothing but its own cells in the summary and adds no workflow command', async () => {
    const [plain, hostile] = await Promise.all([runScenario({}), runScenario({ names: HOSTILE })]);
    const plainLines = normalise(plain.run.summary, plain.now).split('\n');
    const hostileLines = normalise(hostile.run.summary, hostile.now).split('\n');
    expect(hostileLines).toHaveLength(plainLines.length);
    const changed = hostileLines.flatMap((line, index) => (line === plainLines[index] ? [] : [index]));
    expect(changed.map((index) => hostileLines[index]?.split(' | ')[1])).toEqual([
      '<code>contacts.primary</code><br>CIS 5.0.0 1.1',
      '<code>iamUsers.consoleMfa</code><br>CIS 5.0.0 1.9',
    ]);
    for (const index of changed) {
      const before = (plainLines[index] ?? '').split('|');
      const after = (hostileLines[index] ?? '').split('|');
      expect(after).toHaveLength(before.length);
      const changedCells = after.flatMap((cell, column) => (cell === before[column] ? [] : [column]));
      // Columns: 1 status, 2 control, 3 expected, 4 actual, 5 resource, 6 details.
      expect(changedCells).toEqual(after[2]?.includes('contacts.primary') ? [4, 6] : [5, 6]);
      expect(hostileLines[index]).not.toMatch(/<(img|script)|\]\(|\*\*b|`/);
    }
    expect(decodeReferences(hostile.run.summary)).toContain('bob|<img src=x onerror=alert(1)>`x`**b**');

    const commands = (run: ActionRun): string[] =>
      commandLines(run.stdout).map((line) => line.slice(0, line.indexOf('::', 2)));
    expect(commands(hostile.run)).toEqual(commands(plain.run));
    expect(hostile.run.stdout).not.toMatch(/^(::error::injected|::warning title=x::injected|## Heading)/m);
    expect(hostile.run.outputs).toEqual({ ...plain.run.outputs, report: hostile.run.outputs.report });
  });
});
