import { GreeterError } from '@greeter/core';
import { describeThrown } from '@greeter/host';
import { main } from './main.js';
import { createPaint, renderError } from './render.js';
import type { CliContext } from './main.js';

/**
 * The `greeter` executable: wires the real process to {@link main}. The real
 * `process.exit` is kept before any plugin runs, and the process ends as
 * soon as the result is written, so a plugin's leftover timers cannot hold
 * it open or print afterwards.
 */
export function run(): void {
  const exit = process.exit.bind(process);
  const context: CliContext = {
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  };
  const finish = (code: number) => {
    process.exitCode = code;
    process.stdout.write('', () => exit(code));
  };
  // A closed pipe (`greeter | head -0`) is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => exit(error.code === 'EPIPE' ? 0 : 1));
  const json = context.argv.includes('--json');
  const stray = (error: unknown) => {
    const wrapped = new GreeterError('GREETER_GREET_FAILED', `A plugin failed outside greet(): it threw ${describeThrown(error)}.`, {
      cause: error,
    });
    finish(renderError(wrapped, context, { json, paint: createPaint(context, undefined) }));
  };
  process.on('uncaughtException', stray);
  process.on('unhandledRejection', stray);
  main(context).then(finish, (error: unknown) =>
    finish(renderError(error, context, { json, paint: createPaint(context, undefined) })),
  );
}
