import { displayText } from '@greeter/core';
import { describeThrown, keepGuardUntilExit, type RealProcess } from '@greeter/host/stages';
import type { CliArgs, CommandResult } from './context.js';
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
 * behind can print afterwards or change the exit code. The process never
 * ends by itself: an exit code greeter did not decide would be 0.
 */
export function run(dispatch: Dispatch, hooks: RunHooks = {}): void {
  const real = keepGuardUntilExit();
  const argv = process.argv.slice(2);
  // Read before any plugin code runs: rendering a late failure must not depend on what it changed.
  const json = argv.includes('--json');
  const context: CliContext = {
    argv,
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
  // The exit code, once the result is out: nothing after it changes it.
  let decided: number | undefined;
  // The event loop emptied with greeter still waiting: the guard has just
  // failed what was pending (a plugin that can never finish), so wait one
  // turn for that result. Once: after it, the result is on its way.
  process.once('beforeExit', () => setImmediate(() => (decided === undefined ? stopped(real, 'stopped without a result') : real.exit(decided))));
  main(context, dispatch, hooks.args).then(
    async (outcome) => {
      let result: CommandResult;
      let told = 0;
      try {
        // Plugin code that failed after its run ended (a timer that threw)
        // fails a result not yet written: exit code and stdout stay in agreement.
        const late = real.lateFailures()[0];
        if (late) told = 1;
        result = late && outcome.exitCode === 0 ? errorResult(late, { json, stderr: process.stderr, paint: createPaint(false), env: process.env }) : outcome;
        if (result.stdout !== '') await writeResult(real, result.stdout, result.exitCode, hooks);
      } catch (error) {
        stopped(real, `failed before its result was out: ${describeThrown(error)}`);
      }
      decided = result.exitCode;
      try {
        // What plugin code wrote to stderr is let out first (at most a second).
        await real.stderrDrained();
        // Anything later than the result cannot change what was printed; it is still told.
        const failures = real.lateFailures();
        for (let index = told; index < failures.length; index++) {
          const failure = failures[index]!;
          process.stderr.write(`greeter: after the result was written: ${displayText(failure.message, 400)} [${failure.code}]\n`);
        }
      } catch {
        // Telling them is all that was left to do: the result and its exit code stand.
      }
      hooks.beforeExit?.();
      real.exit(decided);
    },
    (error: unknown) => stopped(real, `failed: ${describeThrown(error)}`),
  );
}

// Writes the result to the real stdout; ends the process when it cannot.
async function writeResult(real: RealProcess, text: string, exitCode: number, hooks: RunHooks): Promise<void> {
  try {
    await real.writeStdout(text);
  } catch (error) {
    // A reader that went away (`greeter | head -0`) chose not to read: quiet.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
      hooks.beforeExit?.();
      real.exit(exitCode);
    }
    // Not greeter's failure, nor a plugin's: stdout itself refused (`> /dev/full`), or is not the one greeter started with.
    process.stderr.write(
      `greeter: the result could not be written to stdout: ${displayText((error as Error).message, 200)}\nhint: Check where stdout goes (a full disk, a closed file).\n`,
    );
    real.exit(1);
  }
}

// Greeter's own path broke: a bug, or plugin code that broke what greeter runs on. Exit 1.
function stopped(real: RealProcess, what: string): never {
  try {
    process.stderr.write(`greeter: ${what} [GREETER_INTERNAL]\nhint: This is a bug in greeter; please report it with the output of DEBUG=greeter.\n`);
  } finally {
    real.exit(1);
  }
}
