// The entry of dist/bundle/greet.cjs: the CLI as far as a greeting needs it,
// the command start-up time is judged on. It imports the greeting's code and
// no other command's (the bundle script fails the build if this file reaches
// one): bin/greeter.cjs starts the whole CLI, dist/bundle/greeter.cjs, for
// anything that is not a greeting.
import { findCommand } from './command-table.js';
import { run as greet } from './commands/greet.js';
import type { CliArgs } from './context.js';
import { parseArgs } from './parse-args.js';
import { run as runCli, type RunHooks } from './run.js';

/** Runs the greeting argv asked for (see {@link parseGreeting}). */
export function run(hooks: RunHooks = {}): void {
  runCli(greet, hooks);
}

/**
 * argv parsed, when it asks for a greeting (and nothing this file leaves
 * out: help, the version, usage errors); undefined otherwise.
 */
export function parseGreeting(argv: readonly string[]): CliArgs | undefined {
  // `greeter list` and the like: the whole CLI parses them, once.
  const first = argv[0];
  if (first !== undefined && first !== 'greet' && findCommand(first) !== undefined) return undefined;
  try {
    const args = parseArgs(argv);
    return args.command === 'greet' && args.flags['help'] !== true && args.flags['version'] !== true ? args : undefined;
  } catch {
    // A usage error is rendered by the whole CLI.
    return undefined;
  }
}
