#!/usr/bin/env node
// Organization-scale benchmark: the built CLI checks a simulated organization through the local AWS-protocol
// server with a fixed latency on every request, at several concurrencies. Prints figures; asserts nothing.
//
//   node bench/org-bench.mjs [--accounts 1000] [--latency 50] [--concurrency 16,64]
//   AAB_DIST=/tmp/some-build node bench/org-bench.mjs      (default bundle: dist/)
//   --profile DIR writes a V8 CPU profile of each CLI run there (where the time goes).
//
// Ideal = accounts / concurrency x one account's critical path (measured below at concurrency 1). Wall time
// also holds the CLI's start-up and the discovery (ListAccounts pages of 20, one after another). Below each CLI
// row, "SDK alone" is the same member requests made by the SDK's clients with none of our code (sdk-alone.mjs).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { awsEnv, startAwsServer } from '../test/support/aws-server.mjs';
import { iamUserRow, rootAccountRow } from '../test/support/credential-report-csv.mjs';
import { timedNode } from './lib.mjs';
import { STRONG_PASSWORD_POLICY } from './scenarios.mjs';

const { values } = parseArgs({
  options: {
    profile: { type: 'string' },
    accounts: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '16,64' },
  },
});
const accountCount = Number(values.accounts);
const latencyMs = Number(values.latency);
const concurrencies = values.concurrency.split(',').map(Number);
const cli = join(resolve(process.env.AAB_DIST ?? 'dist'), 'cli.js');
if (!existsSync(cli)) {
  console.error(`org-bench: ${cli} not found; build first (node scripts/build.mjs --out DIR, then AAB_DIST=DIR)`);
  process.exit(2);
}

const HUB = '999999999999';
const MEMBER_ROLE = 'aws-account-baseline-read-only';
const ids = Array.from({ length: accountCount }, (_, index) => String(100000000000 + index));
const reportAt = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const policyFile = join(mkdtempSync(join(tmpdir(), 'aab-org-bench-')), 'policy.yml');
writeFileSync(
  policyFile,
  [
    'version: 1',
    'passwordPolicy:',
    '  minimumLength: 14',
    'root:',
    '  mfa: required',
    'contacts:',
    '  security: { required: true }',
    'iamUsers:',
    '  consoleMfa: required',
    '',
  ].join('\n'),
);

function member(accountId, index) {
  return {
    accountId,
    passwordPolicy: index % 3 === 0 ? null : STRONG_PASSWORD_POLICY,
    credentialReport: {
      generatedAt: reportAt,
      rows: [rootAccountRow(accountId, { password_enabled: 'true' }), iamUserRow(accountId, 'deployer')],
    },
    alternateContacts: {
      SECURITY: { name: 'Sec', title: 'CISO', email: 'security@example.com', phone: '+1 555 0100' },
    },
  };
}

const server = await startAwsServer({
  accounts: [{ accountId: HUB, passwordPolicy: null }, ...ids.map(member)],
  organization: { id: 'o-benchbench', masterAccountId: HUB, roots: [{ id: 'r-be12', accounts: [HUB, ...ids] }] },
  latencyMs,
});

/** The CLI with `args`; wall time, and CPU time (user + system) from /usr/bin/time when it is installed. */
function run(args) {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
    const command = [process.execPath, ...nodeArgs, cli, ...args];
    const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'AAB_TIME %U %S', ...command] : command;
    const child = spawn(timed[0], timed.slice(1), { env: awsEnv(server), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => {
      const line = stderr.split('\n').find((text) => text.startsWith('AAB_TIME '));
      const [userMs, systemMs] = line
        ? line
            .slice('AAB_TIME '.length)
            .split(' ')
            .map((value) => Number(value) * 1000)
        : [];
      const cpuMs = userMs === undefined || systemMs === undefined ? undefined : userMs + systemMs;
      done({ code, stderr, cpuMs, userMs, systemMs, wallMs: Number(process.hrtime.bigint() - started) / 1e6 });
    });
  });
}

/**
 * The same member requests made by the SDK's clients alone (bench/sdk-alone.mjs): its CPU per account (its accounts
 * phase is read from the server's requests, as the CLI's is). What the SDK itself needs is a floor for the CLI.
 */
async function sdkAlone(concurrency) {
  const result = await timedNode(
    [fileURLToPath(new URL('./sdk-alone.mjs', import.meta.url)), ids.join(','), String(concurrency), MEMBER_ROLE],
    { ...awsEnv(server), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  );
  if (result.code !== 0) throw new Error(`sdk-alone exited ${result.code}: ${result.stderr.slice(0, 500)}`);
  return JSON.parse(result.stdout);
}

/** Per account: from its AssumeRole's arrival to the arrival of its last request, plus that request's latency. */
function accountSpans() {
  const byAccount = new Map();
  for (const request of server.requests) {
    const accountId =
      request.operation === 'AssumeRole'
        ? /::(\d{12}):role/.exec(String(request.params.RoleArn))?.[1]
        : request.accountId;
    if (!accountId || accountId === HUB) continue;
    const span = byAccount.get(accountId) ?? { first: Infinity, last: 0, requests: 0 };
    span.first = Math.min(span.first, request.at);
    span.last = Math.max(span.last, request.at);
    span.requests += 1;
    byAccount.set(accountId, span);
  }
  return [...byAccount.values()];
}

/** From the first member's AssumeRole to the answer to the last member's last request. */
function accountsPhaseMs() {
  const members = accountSpans();
  return Math.max(...members.map((span) => span.last)) + latencyMs - Math.min(...members.map((span) => span.first));
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)] ?? 0;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

try {
  // One account's critical path: 20 accounts one at a time.
  server.reset();
  const sample = ids.slice(0, 20).join(',');
  const serial = await run([
    'check',
    '--policy',
    policyFile,
    '--accounts',
    sample,
    '--concurrency',
    '1',
    '--format',
    'json',
    '--fail-on',
    'none',
  ]);
  if (serial.code !== 0) throw new Error(`calibration run exited ${serial.code}: ${serial.stderr}`);
  const spans = accountSpans();
  const criticalPathMs = median(spans.map((span) => span.last - span.first)) + latencyMs;
  const requestsPerAccount = median(spans.map((span) => span.requests));

  // Start-up alone: one explicit account, no discovery.
  server.reset();
  const one = await run([
    'check',
    '--policy',
    policyFile,
    '--accounts',
    ids[0],
    '--format',
    'json',
    '--fail-on',
    'none',
  ]);

  console.log(`org-bench: ${accountCount} accounts, ${latencyMs} ms latency per request, node ${process.version}`);
  console.log(
    `  one account: critical path ${criticalPathMs.toFixed(0)} ms (${requestsPerAccount} requests); one-account CLI run ${seconds(one.wallMs)} wall`,
  );
  console.log(
    '  concurrency | wall (whole CLI) | accounts phase | ideal | accounts phase / ideal | discovery | CPU per account',
  );
  for (const concurrency of concurrencies) {
    server.reset();
    const result = await run([
      'check',
      '--policy',
      policyFile,
      '--organization',
      '--concurrency',
      String(concurrency),
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    if (result.code !== 0)
      throw new Error(`run at concurrency ${concurrency} exited ${result.code}: ${result.stderr.slice(0, 500)}`);
    const listed = server.requests.filter((request) => request.service === 'organizations');
    const phaseMs = accountsPhaseMs();
    const discoveryMs =
      listed.length === 0
        ? 0
        : Math.max(...listed.map((request) => request.at)) +
          latencyMs -
          Math.min(...listed.map((request) => request.at));
    const idealMs = (accountCount / concurrency) * criticalPathMs;
    // The organization run's CPU time beyond a one-account run's (start-up, policy), shared out over the accounts.
    const cpuPerAccountMs =
      result.cpuMs !== undefined && one.cpuMs !== undefined ? (result.cpuMs - one.cpuMs) / accountCount : undefined;
    // User and system (kernel) time apart: on a VM, loopback socket writes cost kernel time the CLI does not control.
    const userPerAccountMs =
      result.userMs !== undefined && one.userMs !== undefined ? (result.userMs - one.userMs) / accountCount : undefined;
    const systemPerAccountMs =
      result.systemMs !== undefined && one.systemMs !== undefined
        ? (result.systemMs - one.systemMs) / accountCount
        : undefined;
    console.log(
      `  ${String(concurrency).padStart(11)} | ${seconds(result.wallMs).padStart(16)} | ${seconds(phaseMs).padStart(14)} | ${seconds(idealMs).padStart(7)} | ${(phaseMs / idealMs).toFixed(2).padStart(22)} | ${seconds(discoveryMs)} (${listed.length} requests) | ${cpuPerAccountMs === undefined ? 'n/a' : `${cpuPerAccountMs.toFixed(1)} ms (user ${userPerAccountMs?.toFixed(1)}, system ${systemPerAccountMs?.toFixed(1)})`}`,
    );
    server.reset();
    const sdk = await sdkAlone(concurrency);
    const sdkPhaseMs = accountsPhaseMs();
    console.log(
      `  ${'SDK alone'.padStart(11)} | ${''.padStart(16)} | ${seconds(sdkPhaseMs).padStart(14)} | ${seconds(idealMs).padStart(7)} | ${(sdkPhaseMs / idealMs).toFixed(2).padStart(22)} | ${''.padStart(9)} | ${sdk.cpuPerAccountMs.toFixed(1)} ms (user ${sdk.userPerAccountMs.toFixed(1)}, system ${sdk.systemPerAccountMs.toFixed(1)})`,
    );
    // For bench/run.mjs, which sets these figures beside their targets.
    const figures = { concurrency, accounts: accountCount, phaseOverIdeal: phaseMs / idealMs, cpuPerAccountMs };
    const sdkFigures = { sdkPhaseOverIdeal: sdkPhaseMs / idealMs, sdkCpuPerAccountMs: sdk.cpuPerAccountMs };
    console.error(`AAB_ORG ${JSON.stringify({ ...figures, userPerAccountMs, systemPerAccountMs, ...sdkFigures })}`);
  }
} finally {
  await server.close();
}
