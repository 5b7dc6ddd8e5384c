import { mockClient } from 'aws-sdk-client-mock';
import { GenerateCredentialReportCommand, GetCredentialReportCommand, IAMClient } from '@aws-sdk/client-iam';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import {
  csvRecords,
  parseCredentialReportCsv,
  readCredentialReport,
  type Sleep,
} from '../../src/state/credential-report.js';
import { credentialReportCsv, iamUserRow, rootAccountRow } from '../support/credential-report-csv.mjs';
import { PROPERTY_RUNS } from '../support/property-runs.js';
import { iamAccessDenied, iamQueryError, reportExpired, reportInProgress, reportNotPresent } from './aws-errors.js';

const ACCOUNT = '111122223333';
const NOW = new Date('2026-11-26T12:00:00Z');
const HOUR = 3_600_000;

/** A fake clock that only moves when the code sleeps: no real timers, no assertions on wall time. */
function fakeTime(): { clock: () => number; sleep: Sleep; sleeps: number[] } {
  let elapsed = 0;
  const sleeps: number[] = [];
  return {
    clock: () => elapsed,
    sleep: (ms) => {
      sleeps.push(ms);
      elapsed += ms;
      return Promise.resolve();
    },
    sleeps,
  };
}

function reportOutput(generatedAt: Date, rows = [rootAccountRow(ACCOUNT)]) {
  return {
    Content: new TextEncoder().encode(credentialReportCsv(rows)),
    ReportFormat: 'text/csv' as const,
    GeneratedTime: generatedAt,
  };
}

describe('parseCredentialReportCsv', () => {
  it('keeps the markers of the <root_account> row and reads upper-case booleans', () => {
    const csv = credentialReportCsv([
      rootAccountRow(ACCOUNT, {
        password_enabled: 'not_supported',
        password_last_used: 'no_information',
        mfa_active: 'TRUE',
        access_key_1_active: 'FALSE',
        access_key_1_last_rotated: 'N/A',
        cert_1_active: 'False',
      }),
    ]);
    const [root] = parseCredentialReportCsv(csv);
    expect(root).toEqual({
      user: '<root_account>',
      arn: `arn:aws:iam::${ACCOUNT}:root`,
      userCreationTime: '2020-01-01T00:00:00.000Z',
      passwordEnabled: 'not_supported',
      passwordLastUsed: 'no_information',
      passwordLastChanged: 'not_supported',
      passwordNextRotation: 'not_supported',
      mfaActive: true,
      accessKey1Active: false,
      accessKey1LastRotated: 'N/A',
      accessKey1LastUsedDate: 'N/A',
      accessKey1LastUsedRegion: 'N/A',
      accessKey1LastUsedService: 'N/A',
      accessKey2Active: false,
      accessKey2LastRotated: 'N/A',
      accessKey2LastUsedDate: 'N/A',
      accessKey2LastUsedRegion: 'N/A',
      accessKey2LastUsedService: 'N/A',
      cert1Active: false,
      cert1LastRotated: 'N/A',
      cert2Active: false,
      cert2LastRotated: 'N/A',
    });
  });

  it('reads dates with offsets as ISO strings and password_enabled TRUE/false as booleans', () => {
    const csv = credentialReportCsv([
      iamUserRow(ACCOUNT, 'alice', {
        password_enabled: 'TRUE',
        access_key_1_active: 'true',
        access_key_1_last_rotated: '2026-08-27T09:30:00+02:00',
        access_key_1_last_used_date: 'N/A',
      }),
      iamUserRow(ACCOUNT, 'bob', { password_enabled: 'false' }),
    ]);
    const [alice, bob] = parseCredentialReportCsv(csv);
    expect(alice?.passwordEnabled).toBe(true);
    expect(alice?.accessKey1Active).toBe(true);
    expect(alice?.accessKey1LastRotated).toBe('2026-08-27T07:30:00.000Z');
    expect(alice?.accessKey1LastUsedDate).toBe('N/A');
    expect(bob?.passwordEnabled).toBe(false);
  });

  it('parses a 5,000-user report', () => {
    const rows = [rootAccountRow(ACCOUNT)];
    for (let index = 0; index < 5000; index++)
      rows.push(iamUserRow(ACCOUNT, `user-${index}`, { access_key_1_active: index % 2 === 0 }));
    const parsed = parseCredentialReportCsv(credentialReportCsv(rows));
    expect(parsed).toHaveLength(5001);
    expect(parsed[5000]?.user).toBe('user-4999');
    expect(parsed[5000]?.accessKey1Active).toBe(false);
    expect(parsed[4999]?.accessKey1Active).toBe(true);
  });

  it('names the record and column of a cell that is neither a boolean nor a marker', () => {
    const csv = credentialReportCsv([rootAccountRow(ACCOUNT), iamUserRow(ACCOUNT, 'alice', { mfa_active: 'yes' })]);
    expect(() => parseCredentialReportCsv(csv)).toThrow(
      'credential report record 3: mfa_active: expected true or false, got "yes"',
    );
  });

  it('reads a quoted user name holding a comma, and CRLF line ends', () => {
    const csv = credentialReportCsv([iamUserRow(ACCOUNT, 'ops,admin')]).replace(/\n/g, '\r\n');
    expect(csv).toContain('"ops,admin"');
    expect(parseCredentialReportCsv(csv)[0]?.user).toBe('ops,admin');
  });

  it('splits quote-free CSV exactly as csv-parse does', () => {
    const field = fc.stringMatching(/^[a-zA-Z0-9 <>:+._@=/-]{0,12}$/);
    const record = fc.array(field, { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), fc.boolean(), (records, trailingNewline) => {
        const text = records.map((cells) => cells.join(',')).join('\n') + (trailingNewline ? '\n' : '');
        expect(csvRecords(text)).toEqual(parse(text, { skip_empty_lines: true, relax_column_count: true }));
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('rejects a record with a missing field', () => {
    const csv = `${credentialReportCsv([rootAccountRow(ACCOUNT)])}\nalice,arn:aws:iam::${ACCOUNT}:user/alice`;
    expect(() => parseCredentialReportCsv(csv)).toThrow('credential report record 3: expected 22 fields, found 2');
  });

  it('rejects a report without a required column', () => {
    expect(() => parseCredentialReportCsv('user,arn\n<root_account>,arn:aws:iam::1:root')).toThrow(
      /lacks the column\(s\) user_creation_time/,
    );
  });

  it('rejects a date it cannot read', () => {
    const csv = credentialReportCsv([iamUserRow(ACCOUNT, 'alice', { password_last_used: 'yesterday' })]);
    expect(() => parseCredentialReportCsv(csv)).toThrow(/password_last_used: expected a date/);
  });
});

describe('readCredentialReport', () => {
  const iam = new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIATEST', secretAccessKey: 'x' } });
  const iamMock = mockClient(iam);
  beforeEach(() => iamMock.reset());

  it('reuses a fresh report without GenerateCredentialReport', async () => {
    iamMock.on(GetCredentialReportCommand).resolves(reportOutput(new Date(NOW.getTime() - HOUR)));
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result).toEqual({
      ok: true,
      value: { generatedAt: '2026-11-26T11:00:00.000Z', rows: [expect.objectContaining({ user: '<root_account>' })] },
    });
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(0);
    expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
  });

  it('regenerates a report older than the maximum age and waits for the new one', async () => {
    const stale = reportOutput(new Date(NOW.getTime() - 5 * HOUR));
    const fresh = reportOutput(NOW, [rootAccountRow(ACCOUNT), iamUserRow(ACCOUNT, 'alice')]);
    iamMock
      .on(GetCredentialReportCommand)
      .resolvesOnce(stale)
      .rejectsOnce(reportInProgress())
      .resolvesOnce(stale)
      .resolves(fresh);
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    const time = fakeTime();
    const result = await readCredentialReport(iam, { now: NOW, ...time });
    expect(result.ok && result.value.generatedAt).toBe(NOW.toISOString());
    expect(result.ok && result.value.rows.map((row) => row.user)).toEqual(['<root_account>', 'alice']);
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(4);
    expect(time.sleeps).toEqual([250, 375, 562.5]);
  });

  it('honours a shorter maximum age', async () => {
    iamMock
      .on(GetCredentialReportCommand)
      .resolvesOnce(reportOutput(new Date(NOW.getTime() - 2 * HOUR)))
      .resolves(reportOutput(NOW));
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    const result = await readCredentialReport(iam, { now: NOW, maxAgeMs: HOUR, ...fakeTime() });
    expect(result.ok && result.value.generatedAt).toBe(NOW.toISOString());
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
  });

  it('takes the current report when AWS answers COMPLETE (it regenerates at most every 4 hours)', async () => {
    const twoHoursOld = reportOutput(new Date(NOW.getTime() - 2 * HOUR));
    iamMock.on(GetCredentialReportCommand).resolves(twoHoursOld);
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
    const time = fakeTime();
    const result = await readCredentialReport(iam, { now: NOW, maxAgeMs: HOUR, ...time });
    expect(result.ok && result.value.generatedAt).toBe('2026-11-26T10:00:00.000Z');
    expect(time.sleeps).toEqual([]);
  });

  it.each([
    ['ReportNotPresent', reportNotPresent],
    ['ReportExpired', reportExpired],
  ])('generates the report on %s, then polls until it is there', async (_code, firstError) => {
    iamMock
      .on(GetCredentialReportCommand)
      .rejectsOnce(firstError())
      .rejectsOnce(reportInProgress())
      .resolves(reportOutput(NOW));
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result.ok).toBe(true);
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(3);
  });

  it('waits for a report already in progress without asking for another', async () => {
    iamMock.on(GetCredentialReportCommand).rejectsOnce(reportInProgress()).resolves(reportOutput(NOW));
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result.ok).toBe(true);
    expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(0);
  });

  it('gives up with ReportInProgress when the report is still in progress after the deadline', async () => {
    iamMock.on(GetCredentialReportCommand).rejectsOnce(reportNotPresent()).rejects(reportInProgress());
    iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const time = fakeTime();
    const result = await readCredentialReport(iam, { now: NOW, deadlineMs: 10_000, ...time });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'ReportInProgress',
        message: 'the credential report did not finish within 10 s; run again later or raise the deadline',
        action: 'iam:GetCredentialReport',
      },
    });
    // Backoff grows by 1.5, is capped at 2 s, and the last wait is trimmed to the deadline.
    expect(time.sleeps.slice(0, 7)).toEqual([250, 375, 562.5, 843.75, 1265.625, 1898.4375, 2000]);
    expect(time.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
  });

  it('reports AccessDenied on GetCredentialReport with its action', async () => {
    iamMock.on(GetCredentialReportCommand).rejects(iamAccessDenied('iam:GetCredentialReport'));
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'AccessDenied', action: 'iam:GetCredentialReport' }),
    });
  });

  it('reports AccessDenied on GenerateCredentialReport with its action', async () => {
    iamMock.on(GetCredentialReportCommand).rejects(reportNotPresent());
    iamMock.on(GenerateCredentialReportCommand).rejects(iamAccessDenied('iam:GenerateCredentialReport'));
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'AccessDenied', action: 'iam:GenerateCredentialReport' }),
    });
  });

  it('surfaces throttling that outlasted the retries', async () => {
    iamMock.on(GetCredentialReportCommand).rejects(iamQueryError('Throttling', 'Rate exceeded', 400, 4));
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'Throttling',
        message: 'Rate exceeded (gave up after 4 attempts)',
        action: 'iam:GetCredentialReport',
      },
    });
  });

  it('reads a report without the <root_account> row (a header alone) as malformed: no zero-user pass', async () => {
    iamMock.on(GetCredentialReportCommand).resolves(reportOutput(NOW, []));
    expect(await readCredentialReport(iam, { now: NOW, ...fakeTime() })).toEqual({
      ok: false,
      error: {
        code: 'MalformedCredentialReport',
        message: 'the credential report has no <root_account> row, which every report has',
        action: 'iam:GetCredentialReport',
      },
    });
    iamMock.on(GetCredentialReportCommand).resolves(reportOutput(NOW, [iamUserRow(ACCOUNT, 'alice')]));
    expect((await readCredentialReport(iam, { now: NOW, ...fakeTime() })).ok).toBe(false);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'no Content',
      { Content: undefined },
      'iam:GetCredentialReport answered a report without Content, which AWS always sends',
    ],
    [
      'no GeneratedTime',
      { GeneratedTime: undefined },
      'iam:GetCredentialReport answered a report without GeneratedTime, which AWS always sends',
    ],
    [
      'an unknown format',
      { ReportFormat: 'application/pdf' },
      'iam:GetCredentialReport answered a report in an unknown format "application/pdf"',
    ],
  ])('reads a report with %s as malformed', async (_name, change, message) => {
    iamMock.on(GetCredentialReportCommand).resolves({ ...reportOutput(NOW), ...change });
    expect(await readCredentialReport(iam, { now: NOW, ...fakeTime() })).toEqual({
      ok: false,
      error: { code: 'MalformedResponse', message, action: 'iam:GetCredentialReport' },
    });
  });

  it('reads a GenerateCredentialReport answer without a State as malformed, and does not poll on it', async () => {
    iamMock.on(GetCredentialReportCommand).rejects(reportNotPresent());
    iamMock.on(GenerateCredentialReportCommand).resolves({});
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'MalformedResponse',
        message: 'iam:GenerateCredentialReport answered a report status without State, which AWS always sends',
        action: 'iam:GenerateCredentialReport',
      },
    });
    expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
  });

  it('turns an unreadable CSV into MalformedCredentialReport', async () => {
    iamMock
      .on(GetCredentialReportCommand)
      .resolves({ Content: new TextEncoder().encode('user,arn\nx,y'), GeneratedTime: NOW });
    const result = await readCredentialReport(iam, { now: NOW, ...fakeTime() });
    expect(result.ok === false && result.error.code).toBe('MalformedCredentialReport');
  });
});
