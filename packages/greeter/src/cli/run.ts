import { displayText } from '@greeter/core';
import { keepGuardUntilExit } from '@greeter/host/stages';
import type { CliArgs } from './context.js';
import { main, type CliContext, type Dispatch } from './main.js';
import { createPaint } from './output.js';
import { errorResult } from './render-error.js';

/** What the program that starts the CLI (bin/greeter.cjs) may ask of it. */
export interface RunHooks {
  /** Called once the result is written, just before the process exits (the compile cache is saved here). */
  beforeExit?: (() => void) | undefined;
  /** argv as already parsed by the caller (greet.cjs parses it to know it holds a greeting). */
  args?: CliArgs | undefined;
}

/**
 * The `greeter` executable: wires the real process to {@link main}, which
 * runs what `dispatch` runs (every command, or the greeting alone). The
 * process guard is kept until exit (a plugin's leftover timers may still
 * fire), greeter alone writes its result through the real stdout, and the
 * process ends as soon as that result is out, so nothing a plugin left
 * behind can print afterwards or change the exit code.
 */
export function run(dispatch: Dispatch, hooks: RunHooks = {}): void {
  const real = keepGuardUntilExit();
  const context: CliContext = {
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    // Getters: a stream is created only when it is asked for (a greeting asks for neither).
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
  };
  let decided = false;
  // The event loop emptied with no result: the guard has just failed what was
  // pending (a plugin that can never finish), so wait one turn for the result.
  // Once: after it, the result is on its way and the process ends when it is out.
  process.once('beforeExit', () =>
    setImmediate(() => {
      if (decided) return;
      process.stderr.write(
        'greeter: stopped without a result [GREETER_INTERNAL]\nhint: This is a bug in greeter; please report it with the output of DEBUG=greeter.\n',
      );
      real.exit(1);
    }),
  );
  main(context, dispatch, hooks.args).then(async (outcome) => {
    decided = true;
    // Plugin code that failed after its run ended (a timer that threw) fails
    // a result not yet written: exit code and stdout stay in agreement.
    const [late] = real.lateFailures();
    const result =
      late && outcome.exitCode === 0
        ? errorResult(late, { json: context.argv.includes('--json'), stderr: process.stderr, paint: createPaint(false), env: process.env })
        : outcome;
    if (result.stdout !== '') {
      try {
        await real.writeStdout(result.stdout);
      } catch (error) {
        // A reader that went away (`greeter | head -0`) chose not to read: quiet.
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
          hooks.beforeExit?.();
          real.exit(result.exitCode);
        }
        // Not greeter's failure, nor a plugin's: stdout itself refused (`> /dev/full`).
        process.stderr.write(
          `greeter: the result could not be written to stdout: ${displayText((error as Error).message, 200)}\nhint: Check where stdout goes (a full disk, a closed file).\n`,
        );
        real.exit(1);
      }
    }
    // What plugin code wrote to stderr is let out first (at most a second).
    await real.stderrDrained();
    // Anything later than the result cannot change what was printed; it is still told.
    for (const failure of real.lateFailures().slice(late ? 1 : 0)) {
      process.stderr.write(`greeter: after the result was written: ${displayText(failure.message, 400)} [${failure.code}]\n`);
    }
    hooks.beforeExit?.();
    real.exit(result.exitCode);
  });
}
