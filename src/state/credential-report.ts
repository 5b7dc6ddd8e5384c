/**
 * The IAM credential report: reuse the current one when fresh enough, otherwise generate and poll under a
 * deadline; then parse its CSV into rows with every column modelled.
 */
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type GetCredentialReportCommandOutput,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import {
  type CredentialReport,
  type CredentialReportRow,
  type ReadError,
  type Readable,
  type ReportDate,
  type ReportMarker,
} from './types.js';
import { errorCode, isAwsError, toReadError } from './read-error.js';
import { malformed, reportStateFromAnswer, requireRootRow, type ReportState } from './answers.js';
import { capResponseSize, ResponseTooLargeError } from './response-cap.js';

/** AWS itself regenerates at most every 4 hours: a younger report is what GenerateCredentialReport returns anyway. */
export const DEFAULT_REPORT_MAX_AGE_MS = 4 * 60 * 60 * 1000;
export const DEFAULT_REPORT_DEADLINE_MS = 60_000;
/** Poll backoff: a small account's report is ready in about a second, a large one in tens of seconds. */
const FIRST_DELAY_MS = 250;
const BACKOFF_FACTOR = 1.5;
const MAX_DELAY_MS = 2_000;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface CredentialReportOptions {
  now: Date;
  maxAgeMs?: number;
  deadlineMs?: number;
  /** Injectable so tests do not wait on real timers. */
  sleep?: Sleep;
  /** Monotonic milliseconds, for the deadline; injectable together with `sleep`. */
  clock?: () => number;
  abortSignal?: AbortSignal;
}

/** What an aborted wait rejects with: the signal's reason (an Error from AbortController or the deadline). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal === undefined ? new Error('aborted') : abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The largest GetCredentialReport answer read. IAM allows at most 5,000 users per account (a fixed quota), and a
 * row stays near 1 KB even with a 512-character path and a 64-character name: about 5 MB of CSV, 7 MB as the
 * base64 of the XML answer. 32 MiB leaves more than four times that and keeps a broken or hostile endpoint
 * from filling memory (the SDK buffers a whole answer before parsing it).
 */
export const MAX_REPORT_ANSWER_BYTES = 32 * 1024 * 1024;

/** The report is absent, expired or not finished: GetCredentialReport's three "not now" answers. */
const NOT_PRESENT = ['ReportNotPresent', 'CredentialReportNotPresentException'];
const EXPIRED = ['ReportExpired', 'CredentialReportExpiredException'];
const IN_PROGRESS = ['ReportInProgress', 'CredentialReportNotReadyException'];

interface FetchedReport {
  content: string;
  generatedAt: Date;
}

type Attempt =
  { kind: 'report'; report: FetchedReport } | { kind: 'notReady'; code: string } | { kind: 'failed'; error: ReadError };

function getReportCommand(): GetCredentialReportCommand {
  const command = new GetCredentialReportCommand({});
  capResponseSize(command.middlewareStack, MAX_REPORT_ANSWER_BYTES, 'the GetCredentialReport answer');
  return command;
}

/** Content and GeneratedTime are always sent with a report (absent, expired and unfinished reports are errors). */
function fetchedReport(output: GetCredentialReportCommandOutput): FetchedReport {
  const action = 'iam:GetCredentialReport';
  const missing = [
    output.Content === undefined && 'Content',
    output.GeneratedTime === undefined && 'GeneratedTime',
  ].filter((name) => name !== false);
  if (output.Content === undefined || output.GeneratedTime === undefined)
    throw malformed(action, `a report without ${missing.join(', ')}, which AWS always sends`);
  if (output.ReportFormat !== undefined && output.ReportFormat !== 'text/csv')
    throw malformed(action, `a report in an unknown format "${String(output.ReportFormat).slice(0, 40)}"`);
  return { content: Buffer.from(output.Content).toString('utf8'), generatedAt: output.GeneratedTime };
}

async function tryGetReport(iam: IAMClient, abortSignal: AbortSignal | undefined): Promise<Attempt> {
  try {
    const output = await iam.send(getReportCommand(), abortSignal ? { abortSignal } : {});
    return { kind: 'report', report: fetchedReport(output) };
  } catch (error) {
    if (isAwsError(error, ...NOT_PRESENT, ...EXPIRED, ...IN_PROGRESS))
      return { kind: 'notReady', code: errorCode(error) };
    return { kind: 'failed', error: reportReadError(error, 'iam:GetCredentialReport') };
  }
}

/** A refused oversized answer keeps its own code and words (the SDK may add a debugging hint to them). */
function reportReadError(error: unknown, action: string): ReadError {
  if (error instanceof ResponseTooLargeError)
    return { code: error.name, message: error.message.split('\n')[0] ?? error.message, action };
  return toReadError(error, action);
}

function isFresh(report: FetchedReport, now: Date, maxAgeMs: number): boolean {
  return now.getTime() - report.generatedAt.getTime() <= maxAgeMs;
}

function toCredentialReport(report: FetchedReport): Readable<CredentialReport> {
  try {
    const rows = parseCredentialReportCsv(report.content);
    return requireRootRow({ ok: true, value: { generatedAt: report.generatedAt.toISOString(), rows } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'MalformedCredentialReport', message, action: 'iam:GetCredentialReport' } };
  }
}

/**
 * GetCredentialReport first (one round trip when the report is fresh); only when it is absent, expired or older
 * than `maxAgeMs`: GenerateCredentialReport, then poll GetCredentialReport with backoff until a report newer
 * than the stale one arrives or the deadline passes. Never throws for an AWS failure.
 */
export async function readCredentialReport(
  iam: IAMClient,
  options: CredentialReportOptions,
): Promise<Readable<CredentialReport>> {
  const { now, abortSignal } = options;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_REPORT_MAX_AGE_MS;
  const first = await tryGetReport(iam, abortSignal);
  if (first.kind === 'failed') return { ok: false, error: first.error };
  if (first.kind === 'report' && isFresh(first.report, now, maxAgeMs)) return toCredentialReport(first.report);
  const stale = first.kind === 'report' ? first.report : undefined;
  // A report AWS is already generating needs no new request; otherwise ask for one.
  let generatedState: ReportState | undefined;
  if (!(first.kind === 'notReady' && IN_PROGRESS.includes(first.code))) {
    try {
      generatedState = reportStateFromAnswer(
        await iam.send(new GenerateCredentialReportCommand({}), abortSignal ? { abortSignal } : {}),
      );
    } catch (error) {
      return { ok: false, error: toReadError(error, 'iam:GenerateCredentialReport') };
    }
  }
  return pollForReport(iam, options, stale, generatedState);
}

async function pollForReport(
  iam: IAMClient,
  options: CredentialReportOptions,
  stale: FetchedReport | undefined,
  generatedState: ReportState | undefined,
): Promise<Readable<CredentialReport>> {
  const sleep = options.sleep ?? realSleep;
  const clock = options.clock ?? (() => performance.now());
  const deadlineMs = options.deadlineMs ?? DEFAULT_REPORT_DEADLINE_MS;
  const started = clock();
  let delay = FIRST_DELAY_MS;
  // COMPLETE right away means AWS kept its current report (it regenerates at most every 4 hours): take it.
  let acceptStale = generatedState === 'COMPLETE';
  for (;;) {
    if (generatedState !== 'COMPLETE') {
      const remaining = deadlineMs - (clock() - started);
      if (remaining <= 0) return reportTimedOut(deadlineMs);
      try {
        await sleep(Math.min(delay, remaining), options.abortSignal);
      } catch (error) {
        return { ok: false, error: toReadError(error, 'iam:GetCredentialReport') };
      }
      delay = Math.min(delay * BACKOFF_FACTOR, MAX_DELAY_MS);
    }
    generatedState = undefined;
    const attempt = await tryGetReport(iam, options.abortSignal);
    if (attempt.kind === 'failed') return { ok: false, error: attempt.error };
    if (attempt.kind === 'report' && (acceptStale || !isSameReport(attempt.report, stale))) {
      return toCredentialReport(attempt.report);
    }
    acceptStale = false;
  }
}

function isSameReport(report: FetchedReport, stale: FetchedReport | undefined): boolean {
  return stale !== undefined && report.generatedAt.getTime() === stale.generatedAt.getTime();
}

function reportTimedOut(deadlineMs: number): Readable<CredentialReport> {
  const seconds = Math.round(deadlineMs / 100) / 10;
  return {
    ok: false,
    error: {
      code: 'ReportInProgress',
      message: `the credential report did not finish within ${seconds} s; run again later or raise the deadline`,
      action: 'iam:GetCredentialReport',
    },
  };
}

// ---- CSV parsing ----------------------------------------------------------------------------------------

const MARKERS: ReadonlySet<string> = new Set<ReportMarker>(['N/A', 'no_information', 'not_supported']);

/** CSV column -> row field, in AWS's column order. Every column is required; columns AWS may add are ignored. */
const COLUMNS = {
  user: 'user',
  arn: 'arn',
  user_creation_time: 'userCreationTime',
  password_enabled: 'passwordEnabled',
  password_last_used: 'passwordLastUsed',
  password_last_changed: 'passwordLastChanged',
  password_next_rotation: 'passwordNextRotation',
  mfa_active: 'mfaActive',
  access_key_1_active: 'accessKey1Active',
  access_key_1_last_rotated: 'accessKey1LastRotated',
  access_key_1_last_used_date: 'accessKey1LastUsedDate',
  access_key_1_last_used_region: 'accessKey1LastUsedRegion',
  access_key_1_last_used_service: 'accessKey1LastUsedService',
  access_key_2_active: 'accessKey2Active',
  access_key_2_last_rotated: 'accessKey2LastRotated',
  access_key_2_last_used_date: 'accessKey2LastUsedDate',
  access_key_2_last_used_region: 'accessKey2LastUsedRegion',
  access_key_2_last_used_service: 'accessKey2LastUsedService',
  cert_1_active: 'cert1Active',
  cert_1_last_rotated: 'cert1LastRotated',
  cert_2_active: 'cert2Active',
  cert_2_last_rotated: 'cert2LastRotated',
} as const satisfies Record<string, keyof CredentialReportRow>;
type Column = keyof typeof COLUMNS;

class CellError extends Error {}

function booleanCell(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function strictBoolean(value: string, column: Column): boolean {
  const parsed = booleanCell(value);
  if (parsed === undefined) throw new CellError(`${column}: expected true or false, got "${value}"`);
  return parsed;
}

function passwordEnabled(value: string): boolean | ReportMarker {
  const parsed = booleanCell(value);
  if (parsed !== undefined) return parsed;
  if (MARKERS.has(value)) return value as ReportMarker;
  throw new CellError(`password_enabled: expected true, false or a marker, got "${value}"`);
}

/**
 * AWS writes UTC with an explicit offset (2026-11-26T08:00:00+00:00); rewriting the string is 20x cheaper than
 * Date.
 */
const AWS_UTC = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\+00:00$/;

function dateCell(value: string, column: Column): ReportDate {
  if (MARKERS.has(value)) return value;
  const utc = AWS_UTC.exec(value);
  if (utc) return `${utc[1]}.000Z`;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new CellError(`${column}: expected a date or N/A, no_information, not_supported, got "${value}"`);
  return new Date(time).toISOString();
}

function toRow(record: readonly string[], at: Readonly<Record<Column, number>>): CredentialReportRow {
  const cell = (column: Column): string => record[at[column]] ?? '';
  const date = (column: Column): ReportDate => dateCell(cell(column), column);
  const flag = (column: Column): boolean => strictBoolean(cell(column), column);
  return {
    user: cell('user'),
    arn: cell('arn'),
    userCreationTime: date('user_creation_time'),
    passwordEnabled: passwordEnabled(cell('password_enabled')),
    passwordLastUsed: date('password_last_used'),
    passwordLastChanged: date('password_last_changed'),
    passwordNextRotation: date('password_next_rotation'),
    mfaActive: flag('mfa_active'),
    accessKey1Active: flag('access_key_1_active'),
    accessKey1LastRotated: date('access_key_1_last_rotated'),
    accessKey1LastUsedDate: date('access_key_1_last_used_date'),
    accessKey1LastUsedRegion: cell('access_key_1_last_used_region'),
    accessKey1LastUsedService: cell('access_key_1_last_used_service'),
    accessKey2Active: flag('access_key_2_active'),
    accessKey2LastRotated: date('access_key_2_last_rotated'),
    accessKey2LastUsedDate: date('access_key_2_last_used_date'),
    accessKey2LastUsedRegion: cell('access_key_2_last_used_region'),
    accessKey2LastUsedService: cell('access_key_2_last_used_service'),
    cert1Active: flag('cert_1_active'),
    cert1LastRotated: date('cert_1_last_rotated'),
    cert2Active: flag('cert_2_active'),
    cert2LastRotated: date('cert_2_last_rotated'),
  };
}

/**
 * CSV text -> records. csv-parse handles the general case (AWS quotes a user name holding a comma). Text
 * without any double quote or CR has no quoting or escapes at all, so splitting it on LF and commas gives the
 * same records (a property test holds the two equal) about ten times faster: that keeps a 5,000-user report
 * well inside the 200 ms budget of issue 7.
 */
export function csvRecords(csv: string): string[][] {
  const text = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv;
  if (!text.includes('"') && !text.includes('\r')) {
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split(','));
  }
  return parse(text, { skip_empty_lines: true, relax_column_count: true });
}

/** Parses the report's CSV. Throws an Error naming the CSV line of the first bad record or cell. */
export function parseCredentialReportCsv(csv: string): CredentialReportRow[] {
  const records = csvRecords(csv);
  const header = records[0];
  if (header === undefined) throw new Error('the credential report is empty');
  const indexes = new Map(header.map((name, index) => [name, index]));
  const columns = Object.keys(COLUMNS) as Column[];
  const missing = columns.filter((column) => !indexes.has(column));
  if (missing.length > 0) throw new Error(`the credential report lacks the column(s) ${missing.join(', ')}`);
  const at = Object.fromEntries(columns.map((column) => [column, indexes.get(column) ?? -1])) as Record<Column, number>;
  const rows: CredentialReportRow[] = [];
  for (let index = 1; index < records.length; index++) {
    const record = records[index] ?? [];
    try {
      if (record.length !== header.length)
        throw new CellError(`expected ${header.length} fields, found ${record.length}`);
      rows.push(toRow(record, at));
    } catch (error) {
      if (error instanceof CellError) {
        throw new Error(`credential report record ${index + 1}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  }
  return rows;
}
