// The entry of dist/bundle/greeter.cjs: the whole CLI, every command loaded
// when it runs (see load-command.ts).
import { dispatchCommand } from './load-command.js';
import { run as runCli, type RunHooks } from './run.js';

/** Runs the command argv asks for. */
export function run(hooks: RunHooks = {}): void {
  runCli(dispatchCommand, hooks);
}
