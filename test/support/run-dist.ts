/** Runs the built bundle as the GitHub runner (or a shell user) would: a child process with env and files. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const DIST = resolve(process.env.AAB_DIST ?? 'dist');

/**
 * The Node.js that runs the action bundle. GitHub's runners run it on the version of action.yml's `runs.using`
 * (node24), whatever Node runs the tests: `.ci/run` sets AAB_ACTION_NODE to that binary. Unset (a plain
 * `npm test`), the action runs on the Node that runs the tests, so the suite needs no download.
 */
export const ACTION_NODE = process.env.AAB_ACTION_NODE || process.execPath;

/** The CLI runs on whatever Node the user has: the one that runs the tests. */
export const CLI_NODE = process.execPath;

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ActionRun extends ProcessResult {
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** Environment of a child without the parent's AWS and GitHub settings, so tests never reach a real account. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(AWS_|GITHUB_|INPUT_|ACTIONS_|RUNNER_)/.test(key) || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, AWS_EC2_METADATA_DISABLED: 'true', ...extra };
}

export function runNode(
  node: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): Promise<ProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, [script, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export function runCli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<ProcessResult> {
  return runNode(CLI_NODE, join(DIST, 'cli.js'), args, cleanEnv(env), cwd);
}

/** Inputs are given by name (`fail-on`), as in a workflow's `with:`. */
export async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  cwd: string = process.cwd(),
): Promise<ActionRun> {
  const workspace = mkdtempSync(join(tmpdir(), 'aab-runner-'));
  const outputFile = join(workspace, 'github_output');
  const summaryFile = join(workspace, 'step_summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]),
  );
  const result = await runNode(
    ACTION_NODE,
    join(DIST, 'index.js'),
    [],
    cleanEnv({
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_WORKSPACE: cwd,
      RUNNER_TEMP: workspace,
      GITHUB_RUN_ID: '4242',
      ...inputEnv,
      ...env,
    }),
    cwd,
  );
  return {
    ...result,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    workspace,
  };
}

/** GITHUB_OUTPUT's heredoc format: `name<<DELIMITER\nvalue\nDELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(pattern)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

/** The `::error file=...,line=...::message` commands a run printed. */
export function annotationCommands(stdout: string): string[] {
  return stdout.split('\n').filter((line) => /^::(error|warning|notice)[ :]/.test(line));
}
