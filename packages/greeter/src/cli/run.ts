import { keepGuardUntilExit } from '@greeter/host/stages';
import { main, type CliContext } from './main.js';

/**
 * The `greeter` executable: wires the real process to {@link main}. The
 * process guard is kept until exit (a plugin's leftover timers may still
 * fire), greeter alone writes its result through the real stdout, and the
 * process ends as soon as that result is out, so nothing a plugin left
 * behind can print afterwards or change the exit code.
 */
export function run(): void {
  const real = keepGuardUntilExit();
  const context: CliContext = {
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    // Getters: creating process.stdout costs start-up time a greeting need not pay before it prints.
    get stdout() {
      return process.stdout;
    },
    get stderr() {
      return process.stderr;
    },
  };
  let decided = false;
  // The event loop emptied with no result: the guard has just failed what was
  // pending (a plugin that can never finish), so wait one turn for the result.
  process.on('beforeExit', () =>
    setImmediate(() => {
      if (decided) return;
      process.stderr.write('greeter: stopped without a result [GREETER_INTERNAL]\nhint: This is a bug in greeter; please report it with the output of DEBUG=greeter.\n');
      real.exit(1);
    }),
  );
  main(context).then(async (result) => {
    decided = true;
    if (result.stdout !== '') {
      try {
        await real.writeStdout(result.stdout);
      } catch (error) {
        // A reader that went away (`greeter | head -0`) chose not to read: quiet.
        if ((error as NodeJS.ErrnoException).code === 'EPIPE') real.exit(result.exitCode);
        process.stderr.write(`greeter: could not write to stdout: ${(error as Error).message} [GREETER_INTERNAL]\n`);
        real.exit(1);
      }
    }
    real.exit(result.exitCode);
  });
}
