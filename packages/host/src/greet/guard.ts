/** Thrown in place of ending the process when plugin code calls `process.exit`. */
export class PluginExitError extends Error {
  constructor(readonly exitCode: unknown) {
    super(`process.exit(${String(exitCode ?? '')}) was called`);
    this.name = 'PluginExitError';
  }
}

/**
 * Runs plugin code with the process guarded: what it prints to stdout goes to
 * stderr (stdout carries the greeting alone), and `process.exit` throws
 * {@link PluginExitError} instead of ending the run. Everything is restored
 * afterwards, also `process.exitCode`.
 */
export async function runGuarded<T>(run: () => T | Promise<T>): Promise<T> {
  const { stdout, stderr } = process;
  const saved = { write: stdout.write, exit: process.exit, exitCode: process.exitCode };
  stdout.write = ((...args: Parameters<typeof stderr.write>) => stderr.write(...args)) as typeof stdout.write;
  process.exit = ((code?: unknown) => {
    throw new PluginExitError(code);
  }) as typeof process.exit;
  try {
    return await run();
  } finally {
    stdout.write = saved.write;
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
  }
}
