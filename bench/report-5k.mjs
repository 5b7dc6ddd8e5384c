// A 5,000-user credential report: parse (CSV -> rows) + evaluate (every control) in one fresh process, the
// way one check run meets it. Run by bench/run.mjs as `node bench/report-5k.mjs TRANSPILED_DIR`; prints JSON.
// The sources are imported transpiled (bench/transpile.mjs) so the two steps are timed alone, without
// process start, network or rendering around them.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { credentialReportCsv, iamUserRow, rootAccountRow } from '../test/support/credential-report-csv.mjs';
import { ACCOUNT_ID, account, writePolicy } from './scenarios.mjs';

const USERS = 5_000;
const WARM_RUNS = 5;
const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/report-5k.mjs TRANSPILED_DIR');

const load = (path) => import(pathToFileURL(resolve(dir, path)).href);
const { parseCredentialReportCsv } = await load('src/state/credential-report.js');
const { evaluate } = await load('src/evaluate.js');
const { loadPolicy } = await load('src/policy/load.js');

const now = new Date();
const day = (ago) => new Date(now.getTime() - ago * 86_400_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** A realistic mix, so every per-user rule has work and many users fail (findings are built, not skipped). */
function userRow(index) {
  const overrides = { password_last_used: day(index % 60) };
  if (index % 5 === 0) overrides.mfa_active = 'false';
  if (index % 3 === 0) {
    Object.assign(overrides, {
      access_key_1_active: 'true',
      access_key_1_last_rotated: day(index % 200),
      access_key_1_last_used_date: index % 2 ? day(1) : 'N/A',
      access_key_1_last_used_region: 'us-east-1',
      access_key_1_last_used_service: 'iam',
    });
  }
  if (index % 7 === 0) Object.assign(overrides, { access_key_2_active: 'true', access_key_2_last_rotated: day(10) });
  if (index % 11 === 0) Object.assign(overrides, { password_enabled: 'false', password_last_used: 'N/A' });
  return iamUserRow(ACCOUNT_ID, `user-${String(index).padStart(5, '0')}`, overrides);
}

const rows = [rootAccountRow(ACCOUNT_ID, { password_last_used: day(200) })];
for (let index = 0; index < USERS; index++) rows.push(userRow(index));
const csv = credentialReportCsv(rows);

const { file } = writePolicy();
const policy = await loadPolicy(file);
const fixture = account({ freshReport: true });
const ok = (value) => ({ ok: true, value });
const contacts = Object.fromEntries(
  Object.entries(fixture.alternateContacts).map(([type, contact]) => [type, ok(contact)]),
);

function stateWith(parsedRows) {
  return {
    version: 1,
    collectedAt: now.toISOString(),
    identity: ok({ accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/bench` }),
    passwordPolicy: ok(fixture.passwordPolicy),
    accountSummary: ok(fixture.accountSummary),
    virtualMfaDevices: ok([]),
    credentialReport: ok({ generatedAt: now.toISOString(), rows: parsedRows }),
    alternateContacts: contacts,
    contactInformation: ok(fixture.contactInformation),
    organizationsFeatures: ok({ enabledFeatures: [] }),
  };
}

/** Wall time, and CPU time (user + system) which a busy machine inflates far less. */
function once() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const parsed = parseCredentialReportCsv(csv);
  const parsedAt = performance.now();
  const evaluation = evaluate(policy, stateWith(parsed), now);
  const done = performance.now();
  const used = process.cpuUsage(cpu);
  return {
    parseMs: parsedAt - started,
    evaluateMs: done - parsedAt,
    totalMs: done - started,
    cpuMs: (used.user + used.system) / 1000,
    rows: parsed.length,
    findings: evaluation.findings.length,
  };
}

globalThis.gc?.();
const before = process.memoryUsage();
const rssBeforeKb = process.resourceUsage().maxRSS;
// The first run is what a check run pays (cold JIT); the warm runs show the steady cost.
const cold = once();
const peakRssKb = process.resourceUsage().maxRSS;
const warm = [];
for (let run = 0; run < WARM_RUNS; run++) warm.push(once().totalMs);
warm.sort((a, b) => a - b);

const result = {
  users: USERS,
  csvBytes: Buffer.byteLength(csv),
  rows: cold.rows,
  findings: cold.findings,
  coldParseMs: cold.parseMs,
  coldEvaluateMs: cold.evaluateMs,
  coldTotalMs: cold.totalMs,
  coldCpuMs: cold.cpuMs,
  warmMedianMs: warm[Math.floor(WARM_RUNS / 2)],
  heapBeforeMb: before.heapUsed / 2 ** 20,
  peakRssMb: peakRssKb / 1024,
  peakRssGrowthMb: (peakRssKb - rssBeforeKb) / 1024,
};
if (process.argv[3]) writeFileSync(process.argv[3], JSON.stringify(result));
else process.stdout.write(`${JSON.stringify(result)}\n`);
