import { GreeterError, isGreeterError, type GreetOptions } from '@greeter/core';
import { describeThrown } from '../_describe-thrown.js';
import type { LoadedPlugin } from '../load/load-plugin.js';
import { PluginExitError, runGuarded } from './guard.js';

/** How a greeting runs. */
export interface GreetRunOptions {
  /** Milliseconds `greet` may take. Default: 5000. */
  timeoutMs?: number;
  /** Guard stdout and `process.exit` while the plugin runs. Default: true. */
  guard?: boolean;
}

/** The default greeting timeout of the contract, in milliseconds. */
export const defaultTimeoutMs = 5000;

/**
 * Calls a loaded plugin's `greet` with a timeout and checks that it settles
 * to a string.
 *
 * @throws GreeterError `GREETER_GREET_FAILED` or `GREETER_GREET_TIMEOUT`
 */
export async function greetWith(
  plugin: LoadedPlugin,
  greetOptions: GreetOptions = {},
  { timeoutMs = defaultTimeoutMs, guard = true }: GreetRunOptions = {},
): Promise<string> {
  const { name } = plugin.candidate;
  const call = () => withTimeout(Promise.resolve().then(() => plugin.greeter.greet({ ...greetOptions })), timeoutMs, name);
  let result: unknown;
  try {
    result = await (guard ? runGuarded(call) : call());
  } catch (error) {
    if (isGreeterError(error) && error.code === 'GREETER_GREET_TIMEOUT') throw error;
    const reason =
      error instanceof PluginExitError
        ? `it called ${error.message.replace(' was called', '')}`
        : `it threw ${describeThrown(error)}`;
    throw new GreeterError('GREETER_GREET_FAILED', `${name} failed to greet: ${reason}.`, { cause: error });
  }
  if (typeof result !== 'string') {
    throw new GreeterError(
      'GREETER_GREET_FAILED',
      `${name}'s greet() returned ${result === null ? 'null' : typeof result} instead of a string.`,
    );
  }
  return result;
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new GreeterError('GREETER_GREET_TIMEOUT', `${name}'s greet() did not finish within ${timeoutMs} ms.`),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
