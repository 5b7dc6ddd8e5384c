/**
 * The one bundle (dist/bundle.js) that both entry points load: dist/index.js (the action, src/action.ts) and
 * dist/cli.js (the CLI, src/cli.ts). One copy of every dependency serves both.
 *
 * Each side is imported when it starts, so the CLI never evaluates the action's modules (nor the reverse), and
 * everything stays in one file (webpackMode "eager": no chunk files to ship).
 */
export async function runAction(): Promise<void> {
  const { run } = await import(/* webpackMode: "eager" */ './action/run.js');
  await run();
}

/** argv without node and the script; resolves with the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [{ main }, { processIO }] = await Promise.all([
    import(/* webpackMode: "eager" */ './cli/main.js'),
    import(/* webpackMode: "eager" */ './cli/io.js'),
  ]);
  return main(argv, processIO());
}
