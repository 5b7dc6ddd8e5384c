// Small helpers shared by the bench scripts: child processes timed from spawn, medians, the table.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Environment of a child without the parent's AWS / GitHub settings (never a real account), plus `extra`. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|GITHUB_|INPUT_|ACTIONS_|RUNNER_|AAB_)/.test(key) || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

/**
 * Runs `node ...args`; resolves with the exit code, output, the wall time from spawn to exit, and the
 * Date.now() of spawn and exit (to compare with the local server's request timestamps, same clock).
 */
export function timedNode(args, env, cwd = process.cwd()) {
  return new Promise((resolve, reject) => {
    const spawnedAt = Date.now();
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, wallMs: performance.now() - started, spawnedAt, endedAt: Date.now() }),
    );
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function round(value, digits = 0) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Total bytes of the files under `dir`. */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

/** A fixed-width table: rows of [figure, value, target, verdict]. */
export function renderTable(rows) {
  const header = ['figure', 'value', 'target', ''];
  const all = [header, ...rows.map((row) => row.map((cell) => String(cell ?? '')))];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  const line = (row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  return [line(all[0]), widths.map((width) => '-'.repeat(width)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** Throws with the child's output when a run did not end as expected: a figure from a failed run is worthless. */
export function expectExit(result, codes, what) {
  if (!codes.includes(result.code)) {
    throw new Error(
      `${what} exited ${result.code} (expected ${codes.join(' or ')})\n${result.stderr}\n${result.stdout.slice(0, 2000)}`,
    );
  }
  return result;
}

/**
 * Sequential round trips seen by the server: arrivals grouped into waves, a new wave starting once a request
 * arrives at least `latencyMs` (less a margin) after the current wave began. Needs latency > 0.
 */
export function waves(requests, latencyMs) {
  let count = 0;
  let waveStart = -Infinity;
  for (const request of requests) {
    if (request.at - waveStart >= latencyMs * 0.8) {
      count += 1;
      waveStart = request.at;
    }
  }
  return count;
}

/**
 * Whole-process CPU time (user + system, ms) and wall time of `node ...args`, from /usr/bin/time: the kernel's
 * own accounting of the finished child, start-up and exit included.
 */
export function cpuTimedNode(args, env, cwd = process.cwd()) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'AAB_TIME %e %U %S', process.execPath, ...args], {
      env,
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject(new Error(`/usr/bin/time is needed for the start-up figures (apt-get install time): ${error.message}`)),
    );
    child.on('close', (code) => {
      const line = stderr.split('\n').find((text) => text.startsWith('AAB_TIME '));
      if (!line) return reject(new Error(`no timing from /usr/bin/time (exit ${code}):\n${stderr}`));
      const [wall, user, system] = line.slice('AAB_TIME '.length).split(' ').map(Number);
      resolve({ code, cpuMs: (user + system) * 1000, wallMs: wall * 1000, stderr });
    });
  });
}

/**
 * `measure(a)` and `measure(b)` in turn, `times` pairs (after one unpaired warm-up of each); the ratio a/b is
 * taken pair by pair, so a machine that gets busier or quieter weighs on both sides alike. Medians.
 */
export async function pairedRatio(times, measureA, measureB) {
  await measureA();
  await measureB();
  const pairs = [];
  for (let index = 0; index < times; index++) {
    const a = await measureA();
    const b = await measureB();
    pairs.push({ a, b, ratio: a / b });
  }
  return {
    a: median(pairs.map((pair) => pair.a)),
    b: median(pairs.map((pair) => pair.b)),
    ratio: median(pairs.map((pair) => pair.ratio)),
    minRatio: Math.min(...pairs.map((pair) => pair.ratio)),
    maxRatio: Math.max(...pairs.map((pair) => pair.ratio)),
  };
}
