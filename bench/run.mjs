#!/usr/bin/env node
// `npm run bench`: speed figures of the built bundle against the local AWS-protocol server. Prints a table and
// writes bench/results.json. Usage: node bench/run.mjs [--dist DIR] [--quick] [--tests]
// (--tests also times one `npm test`, against its 2-minute target: about two more minutes.)
// (docs/performance.md explains each figure and records the last results.)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { awsEnv, githubOidcEnv, startAwsServer } from '../test/support/aws-server.mjs';
import {
  cleanEnv,
  cpuTimedNode,
  expectExit,
  folderBytes,
  median,
  pairedRatio,
  renderTable,
  round,
  timedNode,
  waves,
} from './lib.mjs';
import { ACCOUNT_ID, ALL_CONTROLS_YAML, OIDC_REQUEST_TOKEN, ROLE_ARN, account, writePolicy } from './scenarios.mjs';
import { transpileSources } from './transpile.mjs';

const { values } = parseArgs({
  options: { dist: { type: 'string' }, quick: { type: 'boolean' }, tests: { type: 'boolean' } },
});
const DIST = resolve(values.dist ?? 'dist');
const RUNS = values.quick ? 3 : 7;
const LATENCY_MS = 100;
const GENERATION_MS = 2_000;

for (const file of ['cli.js', 'index.js']) {
  if (!existsSync(join(DIST, file)))
    throw new Error(`${join(DIST, file)} is missing: run npm run build (or pass --dist DIR)`);
}
const benchStarted = performance.now();
const loadBefore = loadavg()[0];
const policy = writePolicy();
const allControlsPolicy = writePolicy(ALL_CONTROLS_YAML);
const log = (text) => process.stderr.write(`${text}\n`);

// ---- runs ---------------------------------------------------------------------------------------------

const PROBE = ['--require', fileURLToPath(new URL('./probe.cjs', import.meta.url))];

function checkArgs(file = policy.file) {
  return [...PROBE, join(DIST, 'cli.js'), 'check', '--policy', file, '--format', 'json', '--fail-on', 'none'];
}

/** The child's CPU time (ms) at its first connection, or at exit, from bench/probe.cjs. */
function probedCpuMs(result) {
  const line = result.stderr.split('\n').find((text) => text.startsWith('AAB_PROBE '));
  if (!line) throw new Error(`no AAB_PROBE line from the child:\n${result.stderr}`);
  return JSON.parse(line.slice('AAB_PROBE '.length)).cpuMs;
}

/** One CLI check against `server`; fails the bench unless every control was read (no `error` findings). */
async function cliRun(server, file = policy.file) {
  server.reset();
  const result = expectExit(await timedNode(checkArgs(file), cleanEnv(awsEnv(server))), [0], 'check');
  const report = JSON.parse(result.stdout);
  if (report.summary.error > 0 || report.summary.fail > 0) {
    throw new Error(
      `the bench account is not compliant: ${JSON.stringify(report.summary)}\n${result.stdout.slice(0, 3000)}`,
    );
  }
  return {
    ...timings(server, result),
    firstRequestMs: server.requests[0].at - result.spawnedAt,
    firstRequestCpuMs: probedCpuMs(result),
  };
}

/** One action run with role-to-assume: the runner's OIDC token, AssumeRoleWithWebIdentity, then the reads. */
async function actionRun(server) {
  server.reset();
  const workspace = mkdtempSync(join(tmpdir(), 'aab-bench-runner-'));
  const output = join(workspace, 'output');
  const summary = join(workspace, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env = cleanEnv({
    ...awsEnv(server),
    ...githubOidcEnv(server, OIDC_REQUEST_TOKEN),
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: workspace,
    GITHUB_RUN_ID: '1',
    INPUT_POLICY: policy.file,
    'INPUT_ROLE-TO-ASSUME': ROLE_ARN,
    'INPUT_FAIL-ON': 'none',
  });
  const result = expectExit(await timedNode([join(DIST, 'index.js')], env, workspace), [0], 'action');
  const outputs = readFileSync(output, 'utf8');
  rmSync(workspace, { recursive: true, force: true });
  if (
    !/^errors<<\S+\n0\n/m.test(outputs) ||
    !server.requests.some((request) => request.operation === 'AssumeRoleWithWebIdentity')
  ) {
    throw new Error(
      `the action run did not read everything through OIDC:\n${outputs}\n${result.stdout.slice(0, 2000)}`,
    );
  }
  return timings(server, result);
}

/**
 * Wall time (spawn to exit); span, from the first AWS request's arrival to exit (free of process start-up,
 * which a busy machine makes noisy); and the waves of requests the server saw.
 */
function timings(server, result) {
  const requests = [...server.requests];
  return {
    wallMs: result.wallMs,
    spanMs: result.endedAt - requests[0].at,
    waves: waves(requests, LATENCY_MS),
    requests: requests.length,
  };
}

async function repeat(times, run) {
  const results = [];
  for (let index = 0; index < times; index++) results.push(await run());
  return results;
}

/**
 * The same runs at 0 ms and at LATENCY_MS, alternated, so that a machine getting busier or quieter during
 * the bench weighs on both sides alike.
 */
async function paired(times, freshReport, run) {
  const fast = await startAwsServer(scenario({ freshReport, latencyMs: 0 }));
  const slow = await startAwsServer(scenario({ freshReport, latencyMs: LATENCY_MS }));
  try {
    const runs0 = [];
    const runs100 = [];
    for (let index = 0; index < times; index++) {
      runs0.push(await run(fast));
      runs100.push(await run(slow));
    }
    return [runs0, runs100];
  } finally {
    await Promise.all([fast.close(), slow.close()]);
  }
}

function scenario({ freshReport, latencyMs }) {
  return {
    accounts: [account({ freshReport })],
    latencyMs,
    credentialReportGenerationMs: GENERATION_MS,
    oidc: { requestToken: OIDC_REQUEST_TOKEN },
  };
}

// ---- measurements -------------------------------------------------------------------------------------

log(`bench: ${DIST}, ${RUNS} runs per figure`);
const bundleBytes = folderBytes(DIST);

log('bare node -e 0');
const bare = await repeat(RUNS, () => timedNode([...PROBE, '-e', '0'], cleanEnv()));
const bareMs = median(bare.map((run) => run.wallMs));
const bareCpuMs = median(bare.map(probedCpuMs));

// Start-up, as CPU time against `node -e 0` in pairs (CPU time moves less with the machine's load than wall
// time, and pairing cancels a drift of the machine's speed).
const SAMPLE_CHECK = [
  'check',
  '--policy',
  'policies/well-architected-root.yml',
  '--state',
  'examples/sample-account.json',
  '--fail-on',
  'none',
];
const root = fileURLToPath(new URL('..', import.meta.url));
async function wholeProcessCpuMs(args) {
  return expectExit(await cpuTimedNode(args, cleanEnv(), root), [0], `node ${args.join(' ')}`).cpuMs;
}
log('start-up: --version and the offline check of the sample (npm start), paired with node -e 0');
const versionStart = await pairedRatio(
  RUNS,
  () => wholeProcessCpuMs([join(DIST, 'cli.js'), '--version']),
  () => wholeProcessCpuMs(['-e', '0']),
);
const offlineStart = await pairedRatio(
  RUNS,
  () => wholeProcessCpuMs([join(DIST, 'cli.js'), ...SAMPLE_CHECK]),
  () => wholeProcessCpuMs(['-e', '0']),
);
log('start-up: live check to its first AWS request, paired with node -e 0');
const liveServer = await startAwsServer(scenario({ freshReport: true, latencyMs: 0 }));
const liveStart = await pairedRatio(
  RUNS,
  async () => (await cliRun(liveServer)).firstRequestCpuMs,
  async () => probedCpuMs(await timedNode([...PROBE, '-e', '0'], cleanEnv())),
);
await liveServer.close();

log('one account, fresh credential report, 0 ms and 100 ms latency');
const [fresh0, fresh100] = await paired(RUNS, true, cliRun);
const coldStartMs = median(fresh0.map((run) => run.firstRequestMs));
const coldStartCpuMs = median(fresh0.map((run) => run.firstRequestCpuMs));
const freshT0 = median(fresh0.map((run) => run.wallMs));
const freshT100 = median(fresh100.map((run) => run.wallMs));

// Every control asked for: ListRegions must come before the per-region ListAnalyzers, so this path is longer.
log('one account, every control, fresh credential report, 100 ms latency');
const allServer = await startAwsServer({
  accounts: [account({ freshReport: true, allControls: true })],
  latencyMs: LATENCY_MS,
  organization: {
    id: 'o-abcdefghij',
    masterAccountId: ACCOUNT_ID,
    rootFeatures: ['RootCredentialsManagement', 'RootSessions'],
    roots: [{ id: 'r-ab12', accounts: [ACCOUNT_ID] }],
  },
});
const allRuns = await repeat(RUNS, () => cliRun(allServer, allControlsPolicy.file));
await allServer.close();

log('one account through OIDC (action bundle), 0 ms and 100 ms latency');
const [oidc0, oidc100] = await paired(Math.min(RUNS, 5), true, actionRun);
const oidcT0 = median(oidc0.map((run) => run.wallMs));
const oidcT100 = median(oidc100.map((run) => run.wallMs));

log(`credential report generated (${GENERATION_MS} ms), 0 ms and 100 ms latency`);
const [gen0, gen100] = await paired(3, false, cliRun);
const genT0 = median(gen0.map((run) => run.wallMs));
const genT100 = median(gen100.map((run) => run.wallMs));

log('5,000-user credential report: parse + evaluate');
const transpiled = transpileSources(['src/state/credential-report.ts', 'src/evaluate.ts', 'src/policy/load.ts']);
// Three fresh processes (each pays the cold JIT as a check run does); the one with the median total counts.
const report5kRuns = [];
for (let index = 0; index < 3; index++) {
  const run = expectExit(
    await timedNode(
      ['--expose-gc', fileURLToPath(new URL('./report-5k.mjs', import.meta.url)), transpiled],
      cleanEnv(),
    ),
    [0],
    'report-5k',
  );
  report5kRuns.push(JSON.parse(run.stdout));
}
const report5k = report5kRuns.sort((a, b) => a.coldTotalMs - b.coldTotalMs)[1];

// `npm test`'s wall time, when asked (--tests): the suite's own target is 2 minutes on this machine.
let testSuite;
if (values.tests) {
  log('npm test (wall time)');
  const started = performance.now();
  const npm = spawnSync('npm', ['test', '--silent'], { cwd: root, env: cleanEnv(), stdio: 'ignore' });
  testSuite = { wallSeconds: round((performance.now() - started) / 1000, 1), exitCode: npm.status };
}

// The organization bench (bench/org-bench.mjs), when present: it prints its own text figures.
let organization;
if (existsSync(new URL('./org-bench.mjs', import.meta.url))) {
  log('organization bench (bench/org-bench.mjs)');
  // Issue 6's size: 1,000 accounts at 50 ms per request, concurrency 16 and 64, each also by the SDK alone.
  const orgArgs = ['--accounts', '1000', '--concurrency', '16,64'];
  const orgRun = await timedNode(
    [fileURLToPath(new URL('./org-bench.mjs', import.meta.url)), ...orgArgs],
    cleanEnv({ AAB_DIST: DIST }),
  );
  const concurrencies = orgRun.stderr
    .split('\n')
    .filter((line) => line.startsWith('AAB_ORG '))
    .map((line) => JSON.parse(line.slice('AAB_ORG '.length)));
  organization =
    orgRun.code === 0
      ? { wallSeconds: round(orgRun.wallMs / 1000, 1), output: orgRun.stdout.trim().split('\n'), concurrencies }
      : { error: `exited ${orgRun.code}: ${orgRun.stderr.trim().split('\n').slice(-3).join(' ')}` };
}

// ---- figures ------------------------------------------------------------------------------------------

function startupFigure({ a, b, ratio, minRatio, maxRatio }) {
  return {
    cpuMs: round(a, 1),
    bareCpuMs: round(b, 1),
    ratio: round(ratio, 2),
    minRatio: round(minRatio, 2),
    maxRatio: round(maxRatio, 2),
  };
}

const roundTrips = (t100, t0) => Math.round((t100 - t0) / LATENCY_MS);
const spanOf = (runs) => median(runs.map((run) => run.spanMs));
const wavesOf = (runs) => median(runs.map((run) => run.waves));
const coldStartRatio = coldStartMs / bareMs;
const figures = {
  bundleBytes,
  bareNodeMs: round(bareMs, 1),
  coldStartMs: round(coldStartMs, 1),
  coldStartRatio: round(coldStartRatio, 2),
  bareNodeCpuMs: round(bareCpuMs, 1),
  coldStartCpuMs: round(coldStartCpuMs, 1),
  coldStartCpuRatio: round(coldStartCpuMs / bareCpuMs, 2),
  // Paired CPU-time ratios against node -e 0 (bench/lib.mjs pairedRatio): the issue's start-up targets.
  startup: {
    version: startupFigure(versionStart),
    offlineCheck: startupFigure(offlineStart),
    liveCheckToFirstRequest: startupFigure(liveStart),
  },
  freshReport: {
    wallMs0: round(freshT0),
    wallMs100: round(freshT100),
    // From the span (first AWS request to exit): start-up does not depend on latency, and leaving it out
    // leaves out most of the noise of a busy machine. The wall-time version is kept for comparison.
    roundTrips: roundTrips(spanOf(fresh100), spanOf(fresh0)),
    roundTripsFromWall: roundTrips(freshT100, freshT0),
    waves: wavesOf(fresh100),
    requests: fresh0[0].requests,
  },
  oidc: {
    wallMs0: round(oidcT0),
    wallMs100: round(oidcT100),
    // The span starts at AssumeRoleWithWebIdentity: the runner's token request before it is a round trip
    // to GitHub (to the same local server here), counted in the wall-time figure only.
    awsRoundTrips: roundTrips(spanOf(oidc100), spanOf(oidc0)),
    roundTripsFromWall: roundTrips(oidcT100, oidcT0),
    waves: wavesOf(oidc100),
    requests: oidc0[0].requests,
  },
  allControls: {
    waves: wavesOf(allRuns),
    wallMs100: round(median(allRuns.map((run) => run.wallMs))),
    requests: allRuns[0].requests,
  },
  generatedReport: {
    generationMs: GENERATION_MS,
    wallMs0: round(genT0),
    wallMs100: round(genT100),
    pollingOverheadMs0: round(genT0 - freshT0 - GENERATION_MS),
    pollingOverheadMs100: round(genT100 - freshT100 - GENERATION_MS),
    requests: gen0[0].requests,
  },
  report5k: {
    users: report5k.users,
    csvBytes: report5k.csvBytes,
    findings: report5k.findings,
    parseMs: round(report5k.coldParseMs, 1),
    evaluateMs: round(report5k.coldEvaluateMs, 1),
    totalMs: round(report5k.coldTotalMs, 1),
    cpuMs: round(report5k.coldCpuMs, 1),
    warmMedianMs: round(report5k.warmMedianMs, 1),
    peakRssMb: round(report5k.peakRssMb, 1),
    peakRssGrowthMb: round(report5k.peakRssGrowthMb, 1),
  },
  ...(organization !== undefined && { organization }),
  ...(testSuite !== undefined && { testSuite }),
};

const verdict = (ok) => (ok ? 'ok' : 'MISSED');
const BUNDLE_LIMIT_BYTES = 2_500_000;
const startupRow = (name, figure, target) => [
  name,
  `${figure.ratio}x (${figure.cpuMs} vs ${figure.bareCpuMs} ms; pairs ${figure.minRatio}-${figure.maxRatio}x)`,
  `<= ${target.toFixed(1)}x`,
  verdict(figure.ratio <= target),
];
const rows = [
  [
    'bundle size (dist/)',
    `${round(bundleBytes / 1e6, 2)} MB (${round(bundleBytes / 1024)} KiB)`,
    '<= 2.5 MB',
    verdict(bundleBytes <= BUNDLE_LIMIT_BYTES),
  ],
  ['bare node -e 0', `${figures.bareNodeMs} ms`, '', ''],
  startupRow('start-up: --version, CPU vs node -e 0', figures.startup.version, 2.0),
  startupRow('start-up: offline check of the sample, CPU', figures.startup.offlineCheck, 3.0),
  startupRow('start-up: live check to 1st AWS request, CPU', figures.startup.liveCheckToFirstRequest, 2.5),
  [
    'cold start to first AWS request (wall)',
    `${figures.coldStartMs} ms (${figures.coldStartRatio}x bare node)`,
    '',
    '',
  ],
  [
    'fresh report: wall at 0 / 100 ms latency',
    `${figures.freshReport.wallMs0} / ${figures.freshReport.wallMs100} ms`,
    '',
    '',
  ],
  [
    'fresh report: critical-path round trips',
    `${figures.freshReport.roundTrips} (waves seen by the server: ${figures.freshReport.waves}; from wall times: ${figures.freshReport.roundTripsFromWall})`,
    '1',
    verdict(figures.freshReport.roundTrips === 1),
  ],
  [
    'every control: round trips (waves seen by the server)',
    `${figures.allControls.waves} (${figures.allControls.requests} requests, wall ${figures.allControls.wallMs100} ms at 100 ms)`,
    '',
    '',
  ],
  ['OIDC: wall at 0 / 100 ms latency', `${figures.oidc.wallMs0} / ${figures.oidc.wallMs100} ms`, '', ''],
  [
    'OIDC: AWS round trips on the critical path',
    `${figures.oidc.awsRoundTrips} (waves: ${figures.oidc.waves}; from wall times, with the GitHub token: ${figures.oidc.roundTripsFromWall})`,
    '2',
    verdict(figures.oidc.awsRoundTrips === 2),
  ],
  [
    'generated report: wall at 0 / 100 ms',
    `${figures.generatedReport.wallMs0} / ${figures.generatedReport.wallMs100} ms`,
    '',
    '',
  ],
  [
    'generated report: polling overhead',
    `${figures.generatedReport.pollingOverheadMs0} / ${figures.generatedReport.pollingOverheadMs100} ms beyond ${GENERATION_MS} ms`,
    '',
    '',
  ],
  [
    '5,000 users: parse + evaluate (cold)',
    `${figures.report5k.totalMs} ms (${figures.report5k.parseMs} + ${figures.report5k.evaluateMs})`,
    '< 200 ms',
    verdict(figures.report5k.totalMs < 200),
  ],
  [
    '5,000 users: CPU time (cold) / warm median',
    `${figures.report5k.cpuMs} / ${figures.report5k.warmMedianMs} ms`,
    '',
    '',
  ],
  ['5,000 users: peak RSS', `${figures.report5k.peakRssMb} MB (+${figures.report5k.peakRssGrowthMb} MB)`, '', ''],
];
if (testSuite !== undefined) {
  rows.push([
    'npm test (wall, --tests)',
    `${testSuite.wallSeconds} s${testSuite.exitCode === 0 ? '' : ` (exit ${testSuite.exitCode})`}`,
    '<= 120 s',
    verdict(testSuite.exitCode === 0 && testSuite.wallSeconds <= 120),
  ]);
}
if (organization !== undefined)
  rows.push(['organization bench', organization.error ?? `see below (${organization.wallSeconds} s)`, '', '']);
const at64 = organization?.concurrencies?.find((figure) => figure.concurrency === 64);
if (at64 !== undefined) {
  // Beside each, the same requests made by the SDK's clients alone (bench/sdk-alone.mjs): a floor for the CLI.
  const sdkAlone = (value, digits, unit = '') =>
    value === undefined ? '' : ` (SDK alone: ${round(value, digits)}${unit})`;
  rows.push([
    'organization: accounts phase / ideal, 1,000 at 64',
    `${round(at64.phaseOverIdeal, 2)}${sdkAlone(at64.sdkPhaseOverIdeal, 2)}`,
    '<= 1.5',
    verdict(at64.phaseOverIdeal <= 1.5),
  ]);
  if (at64.cpuPerAccountMs !== null && at64.cpuPerAccountMs !== undefined) {
    rows.push([
      'organization: CPU per account (at 64)',
      `${round(at64.cpuPerAccountMs, 1)} ms${sdkAlone(at64.sdkCpuPerAccountMs, 1, ' ms')}`,
      '<= 3 ms',
      verdict(at64.cpuPerAccountMs <= 3),
    ]);
  }
}

const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    // Other work on the machine inflates every wall time: these say how busy it was.
    loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0], 2) },
  },
  dist: DIST,
  runsPerFigure: RUNS,
  latencyMs: LATENCY_MS,
  figures,
  benchSeconds: round((performance.now() - benchStarted) / 1000, 1),
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
rmSync(policy.dir, { recursive: true, force: true });
rmSync(allControlsPolicy.dir, { recursive: true, force: true });
const orgText = organization?.output ? `\n${organization.output.join('\n')}\n` : '';
const load = results.machine.loadAverage1m;
process.stdout.write(
  `${renderTable(rows)}\n${orgText}\n${results.machine.cpus} CPUs, node ${process.version}, load average ${load.before} -> ${load.after}; ` +
    `${results.benchSeconds} s; written to bench/results.json\n`,
);
