import { errorFrom, type GreetOptions } from '@greeter/core';
import { loadingMessages } from '@greeter/core/messages';
import { errorForFailure, hostError } from '../failures.js';
import { loadPlugin, type LoadedPlugin, type LoadOptions } from '../load/load-plugin.js';
import { runGuarded } from '../process-guard.js';
import type { PluginCandidate } from '../types.js';
import { followThenable } from './follow-thenable.js';
import { defaultTimeoutMs } from './limits.js';

export { defaultTimeoutMs } from './limits.js';

/** How an in-process greeting runs. */
export interface GreetInProcessOptions {
  /** The host's `@greeter/core` version, for the plugin's peer range (undefined: checked already). */
  coreVersion: string | undefined;
  /** How the entry is loaded (see {@link LoadOptions}). */
  via?: LoadOptions['via'];
  /** Milliseconds loading and `greet` may take together. Default: 5000. */
  timeoutMs?: number | undefined;
  /** The command that installs a package, for hints. */
  addCommand?: ((packageName: string) => string) | undefined;
}

/**
 * Loads a plugin and greets with it in this process, inside the process
 * guard: its stdout goes to stderr, `process.exit` and stray exceptions fail
 * the greeting, a load or greet that can never settle is reported, and
 * loading and greeting share one timeout.
 *
 * @throws GreeterError with the code of whatever went wrong.
 */
export async function greetInProcess(candidate: PluginCandidate, greetOptions: GreetOptions, options: GreetInProcessOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  return runGuarded(
    async (run) => {
      const plugin = await loadPlugin(candidate, options);
      run.phase = 'greet';
      return callGreet(plugin, greetOptions, deadline);
    },
    { phase: 'load', subject: candidate.name, deadline, timeoutMs },
  );
}

/**
 * Greets with a loaded plugin without guarding the process (for a test
 * runner, whose own reporter writes to stdout): a timeout, and every
 * failure classified.
 *
 * @throws GreeterError `GREETER_GREET_FAILED` or `GREETER_GREET_TIMEOUT`
 */
export async function greetWith(
  plugin: LoadedPlugin,
  greetOptions: GreetOptions = {},
  { timeoutMs = defaultTimeoutMs }: { timeoutMs?: number } = {},
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(errorForFailure({ kind: 'timeout', timeoutMs }, 'greet', plugin.candidate.name)), timeoutMs);
  });
  try {
    return await Promise.race([callGreet(plugin, greetOptions, Date.now() + timeoutMs), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// `until`: the run's deadline, after which a thenable greet returned is no longer followed.
async function callGreet(plugin: LoadedPlugin, greetOptions: GreetOptions, until: number): Promise<string> {
  const { name } = plugin.candidate;
  let result: unknown;
  try {
    result = await followThenable(plugin.greeter.greet({ ...greetOptions }), until);
  } catch (error) {
    throw errorForFailure({ kind: 'threw', value: error }, 'greet', name);
  }
  if (typeof result !== 'string') {
    throw hostError(errorFrom(loadingMessages.greetNotString, { name, returned: result === null ? 'null' : typeof result }));
  }
  return result;
}
