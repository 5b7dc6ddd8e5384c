/** What a command may touch of the outside world, so tests can run commands in-process. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  now(): Date;
  /** Whether stdout is a colour-capable terminal. */
  colorStdout: boolean;
  env: NodeJS.ProcessEnv;
}

export function processIO(): CommandIO {
  const env = process.env;
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    now: () => new Date(),
    colorStdout: Boolean(process.stdout.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb',
    env,
  };
}
