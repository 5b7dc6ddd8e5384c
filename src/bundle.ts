/**
 * The one bundle (dist/bundle.js) that both entry points load: dist/index.js (the action, src/action.ts) and
 * dist/cli.js (the CLI, src/cli.ts). One copy of every dependency serves both.
 *
 * Each side is imported when it starts, so the CLI never reads or evaluates the action's modules. What only some
 * commands need is in chunks (dist/NNN.index.js) that are read when a command imports them: `--version` reads
 * only this small file, an offline check never reads the AWS SDK.
 */
import { exitWhenExpiredRunsLinger } from './deadline.js';
import { quietSdkNodeVersionWarning } from './cli/sdk-node-warning.js';

export async function runAction(): Promise<void> {
  exitWhenExpiredRunsLinger();
  const { run } = await import(/* webpackChunkName: "action" */ './action/run.js');
  await run();
}

/** argv without node and the script; resolves with the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  exitWhenExpiredRunsLinger();
  // Before any SDK chunk is read: the SDK checks the switch when a client is made.
  quietSdkNodeVersionWarning(process.env, process.version);
  const [{ main }, { processIO }] = await Promise.all([
    import(/* webpackMode: "eager" */ './cli/main.js'),
    import(/* webpackMode: "eager" */ './cli/io.js'),
  ]);
  return main(argv, processIO());
}
