/**
 * `merge FILE...`: the JSON reports of the shards of one run, combined into the report a single job would
 * have written. Refuses (exit 2) reports of different policies, an account checked twice, and a shard set
 * with gaps or repeats, since a quiet merge of those would misstate coverage.
 */
import { InputError, type InputIssue } from '../errors.js';
import { STATUSES, type Report } from '../findings.js';
import { positionOf } from '../input-position.js';
import { scanJson } from '../state/json-locate.js';
import { parseShard } from './shard.js';
import {
  assembleOrgReport,
  buildAccountSection,
  compareAccountIds,
  isOrgReport,
  type AccountSection,
  type OrgReport,
} from '../report/org-report.js';

export interface ReportText {
  file: string;
  text: string;
}

interface ParsedReport {
  file: string;
  report: OrgReport;
}

function issueAt(file: string, message: string, text = '', offset = 0): InputIssue {
  return { file, ...positionOf(text, offset), message };
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's message is the engine's, worded differently per Node version and not always with a
    // position: our scanner says what and where.
    const scan = scanJson(text);
    throw new InputError([
      issueAt(file, `not valid JSON: ${scan.ok ? 'cannot be parsed' : scan.message}`, text, scan.ok ? 0 : scan.offset),
    ]);
  }
}

function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON report object';
  const report = value as Partial<OrgReport>;
  if (report.version !== 1) return 'not an aws-account-baseline JSON report of version 1';
  if (typeof report.policy !== 'string' || typeof report.generatedAt !== 'string')
    return 'the report lacks policy or generatedAt';
  if (!Array.isArray(report.findings)) return 'the report lacks findings';
  if (report.accounts !== undefined) {
    if (!Array.isArray(report.accounts)) return 'accounts is not a list';
    const bad = report.accounts.find(
      (section) =>
        typeof section?.id !== 'string' || !Array.isArray(section.findings) || !Array.isArray(section.warnings),
    );
    if (bad !== undefined) return 'an account section lacks id, findings or warnings';
  } else if (typeof report.account?.id !== 'string') {
    return 'a single-account report must name its account (account.id)';
  }
  const unknownStatus = report.findings.find((finding) => !STATUSES.includes(finding?.status));
  return unknownStatus ? `a finding has an unknown status ${JSON.stringify(unknownStatus?.status)}` : undefined;
}

/** A single-account report (one `check` of one account) becomes a one-section organization report. */
function asOrgReport(report: Report): OrgReport {
  if (isOrgReport(report)) return report;
  const id = report.account.id as string;
  const section = buildAccountSection({
    id,
    findings: report.findings,
    warnings: report.warnings ?? [],
    ...(report.credentialReportGeneratedAt === undefined
      ? {}
      : { credentialReportGeneratedAt: report.credentialReportGeneratedAt }),
  });
  return assembleOrgReport([section], {
    policy: report.policy,
    generatedAt: report.generatedAt,
    ...(report.cisVersion === undefined ? {} : { cisVersion: report.cisVersion }),
  });
}

export function parseShardReport(input: ReportText): ParsedReport {
  const value = parseJson(input.file, input.text);
  const problem = shapeProblem(value);
  if (problem !== undefined) throw new InputError([issueAt(input.file, problem)]);
  return { file: input.file, report: asOrgReport(value as Report) };
}

function shardIssues(parsed: readonly ParsedReport[]): InputIssue[] {
  const withShard = parsed.filter(({ report }) => report.shard !== undefined);
  if (withShard.length === 0) return [];
  if (withShard.length !== parsed.length) {
    const without = parsed.find(({ report }) => report.shard === undefined) as ParsedReport;
    return [
      issueAt(without.file, 'this report is not from a shard while others are: merge the reports of one sharded run'),
    ];
  }
  const issues: InputIssue[] = [];
  const seen = new Map<number, string>();
  let total: number | undefined;
  for (const { file, report } of withShard) {
    const spec = parseShard(report.shard as string);
    total ??= spec.total;
    if (spec.total !== total)
      issues.push(issueAt(file, `shard ${report.shard} is from a run of ${spec.total} shards, others of ${total}`));
    const earlier = seen.get(spec.index);
    if (earlier !== undefined) issues.push(issueAt(file, `shard ${report.shard} is also in ${earlier}`));
    seen.set(spec.index, file);
  }
  const missing = Array.from({ length: total ?? 0 }, (_, index) => index + 1).filter((index) => !seen.has(index));
  if (missing.length > 0) {
    issues.push(
      issueAt(
        withShard[0]?.file ?? '',
        `shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${total}`).join(', ')} missing`,
      ),
    );
  }
  return issues;
}

function duplicateAccountIssues(parsed: readonly ParsedReport[]): InputIssue[] {
  const owner = new Map<string, string>();
  const issues: InputIssue[] = [];
  for (const { file, report } of parsed) {
    for (const section of report.accounts) {
      const earlier = owner.get(section.id);
      if (earlier !== undefined) issues.push(issueAt(file, `account ${section.id} is also in ${earlier}`));
      owner.set(section.id, file);
    }
  }
  return issues;
}

/** Combines shard reports; `generatedAt` is the latest of the shards'. Throws InputError listing every problem. */
export function mergeOrgReports(inputs: readonly ReportText[]): OrgReport {
  if (inputs.length === 0)
    throw new InputError([{ file: '-', line: 1, column: 1, message: 'merge needs at least one JSON report' }]);
  const parsed = inputs.map(parseShardReport);
  const policy = parsed[0]?.report.policy as string;
  const issues: InputIssue[] = parsed
    .filter(({ report }) => report.policy !== policy)
    .map(({ file, report }) =>
      issueAt(file, `policy ${report.policy} differs from ${policy}: merge reports of one run`),
    );
  issues.push(...shardIssues(parsed), ...duplicateAccountIssues(parsed));
  if (issues.length > 0) throw new InputError(issues);
  const sections: AccountSection[] = parsed
    .flatMap(({ report }) => report.accounts)
    .sort((a, b) => compareAccountIds(a.id, b.id));
  const generatedAt = parsed
    .map(({ report }) => report.generatedAt)
    .sort()
    .at(-1) as string;
  const cisVersion = parsed[0]?.report.cisVersion;
  return assembleOrgReport(sections, { policy, generatedAt, ...(cisVersion === undefined ? {} : { cisVersion }) });
}
