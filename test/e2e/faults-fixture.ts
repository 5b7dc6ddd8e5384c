/**
 * The account and policy of the fault-injection tests: a compliant account whose policy reads every source, so
 * a fault on any one operation must turn exactly that source's controls into `error` and leave the rest `pass`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountFixture, AwsServer } from '../support/aws-server.mjs';
import { awsEnv } from '../support/aws-server.mjs';
import { iamUserRow, rootAccountRow } from '../support/credential-report-csv.mjs';
import { runCli, type ProcessResult } from '../support/run-dist.js';
import type { Finding, Report } from '../../src/findings.js';
import { main } from '../../src/cli/main.js';
import { strongPasswordPolicy } from '../support/builders.js';

export const ACCOUNT_ID = '111122223333';
export const CALLER_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/baseline-ci`;

export const POLICY_YAML = `version: 1
account:
  id: "${ACCOUNT_ID}"
passwordPolicy:
  minimumLength: 14
  requireSymbols: true
  maxAgeDays: 90
root:
  mfa: hardware
  accessKeys: forbidden
  signingCertificates: forbidden
  maxDaysSinceLastUse: 90
contacts:
  billing: { required: true }
  operations: { required: true }
  security: { required: true }
  primary: { required: true }
iamUsers:
  consoleMfa: required
  maxActiveAccessKeys: 1
  maxAccessKeyAgeDays: 90
  maxUnusedCredentialDays: 45
`;

const DAY_MS = 86_400_000;

/** AWS's credential report date form, `days` before the real now (the CLI evaluates at the real clock). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const CONTACT = { name: 'Ops Team', title: 'Lead', email: 'ops@example.com', phone: '+1 555 0100' };

/** Compliant with POLICY_YAML. `freshReport: false`: no report exists until the check generates one. */
export function compliantAccount({ freshReport = true }: { freshReport?: boolean } = {}): AccountFixture {
  const rows = [
    rootAccountRow(ACCOUNT_ID, {
      password_enabled: 'true',
      password_last_used: daysAgo(200),
      password_last_changed: daysAgo(300),
    }),
    iamUserRow(ACCOUNT_ID, 'alice', { password_last_used: daysAgo(2) }),
    iamUserRow(ACCOUNT_ID, 'deploy', {
      password_enabled: 'false',
      password_last_used: 'N/A',
      password_last_changed: 'N/A',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_1_last_rotated: daysAgo(30),
      access_key_1_last_used_date: daysAgo(1),
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 'sts',
    }),
  ];
  return {
    accountId: ACCOUNT_ID,
    passwordPolicy: strongPasswordPolicy(),
    accountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2 },
    virtualMfaDevices: [
      { serialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/alice`, userArn: `arn:aws:iam::${ACCOUNT_ID}:user/alice` },
    ],
    credentialReport: freshReport ? { rows, generatedAt: new Date(Date.now() - 60_000).toISOString() } : { rows },
    alternateContacts: { BILLING: CONTACT, OPERATIONS: CONTACT, SECURITY: CONTACT },
    contactInformation: {
      fullName: 'Example Corp',
      phoneNumber: '+1 555 0100',
      addressLine1: '1 Main St',
      city: 'Springfield',
      countryCode: 'US',
      postalCode: '12345',
    },
  };
}

/** Writes the policy into a fresh temporary folder; returns the file. */
export function writePolicy(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aab-faults-')), 'policy.yml');
  writeFileSync(file, POLICY_YAML);
  return file;
}

export interface CheckRun extends ProcessResult {
  report: Report;
}

/**
 * The CLI's `main` in this process, with the real SDK clients, under `env` (the test's AWS_* and AAB_* variables
 * replaced for the run, then restored): what a `node dist/cli.js` child does, without a process start per case.
 * The tests of a file run one at a time, so no other run sees the variables. The e2e tests of the CLI and the
 * action still run the built bundle.
 */
export async function runCliInProcess(args: string[], env: Record<string, string>): Promise<ProcessResult> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (/^(AWS_|AAB_)/.test(key)) delete process.env[key];
  Object.assign(process.env, env);
  const stdout: string[] = [];
  const stderr: string[] = [];
  try {
    const io = {
      stdout: (text: string) => stdout.push(text),
      stderr: (text: string) => stderr.push(text),
      now: () => new Date(),
      colorStdout: false,
      env: process.env,
    };
    const code = await main(args, io);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/**
 * `check --format json` (default --fail-on low) against the server, in this process; `env` adds AAB_* knobs.
 * `bundle`: run the built CLI instead, where the in-process run would not say what a user sees (an error that
 * node:http raises lands in jest's sandbox from outside it, and the SDK wraps such foreign errors).
 */
export async function runCheck(
  server: AwsServer,
  policyFile: string,
  args: string[] = [],
  env: Record<string, string> = {},
  { bundle = false }: { bundle?: boolean } = {},
): Promise<CheckRun> {
  const argv = ['check', '--policy', policyFile, '--format', 'json', ...args];
  const result = bundle ? await runCli(argv, awsEnv(server, env)) : await runCliInProcess(argv, awsEnv(server, env));
  if (result.code !== 0 && result.code !== 1) throw new Error(`check exited ${result.code}: ${result.stderr}`);
  return { ...result, report: JSON.parse(result.stdout) as Report };
}

/** control -> the statuses of its findings (most controls have one finding; contacts and users may have more). */
export function statusesByControl(findings: readonly Finding[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const finding of findings) (map[finding.control] ??= []).push(finding.status);
  return map;
}

/** The findings of `controls`, as `control|resource|status|message` lines (exact, order-independent). */
export function describeFindings(findings: readonly Finding[], controls: readonly string[]): string[] {
  return findings
    .filter((finding) => controls.includes(finding.control))
    .map((finding) => `${finding.control}|${finding.resource}|${finding.status}|${finding.message}`)
    .sort();
}

/** Every control other than `affected` has only `pass` findings. */
export function unaffectedControls(
  findings: readonly Finding[],
  affected: readonly string[],
): Record<string, string[]> {
  const statuses = statusesByControl(findings);
  for (const control of affected) delete statuses[control];
  return statuses;
}

export function allPass(controls: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(controls).map(([control, statuses]) => [control, statuses.map(() => 'pass')]),
  );
}
