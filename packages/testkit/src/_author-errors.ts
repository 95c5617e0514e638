import { GreeterError, isGreeterError, type GreeterErrorCode } from '@greeter/core';

// The host's hints speak to users ("reinstall", "report it to its author");
// the testkit's reader is that author, so each code gets a hint for them.
// Codes the kit cannot meet keep the catalogue's hint.
const authorHints: Partial<Record<GreeterErrorCode, string>> = {
  GREETER_PLUGIN_LOAD_FAILED:
    'Build the plugin before testing it (e.g. `pnpm build`): the file that "exports" (or "main") in package.json names must exist inside the package, and importing it must not throw (the cause says what it threw).',
  GREETER_PLUGIN_INVALID:
    'Export `Greeter` from your entry (or a default export): an object with a `greet()` function, e.g. `export const Greeter = { greet: ({ name } = {}) => "Hello " + (name ?? "Universe") };`.',
  GREETER_PLUGIN_INCOMPATIBLE: 'Make peerDependencies["@greeter/core"] in package.json a valid range that admits the @greeter/core you build against.',
  GREETER_GREET_FAILED: 'Make `greet()` return a non-empty string (or a promise of one) and never throw; the cause holds what it threw.',
  GREETER_GREET_TIMEOUT:
    "Loading your entry and `greet()` must each settle within the testkit's time limit (option `timeoutMs`): look for a promise that never resolves or a top-level await that waits on something slow.",
};

/** A new error for one failed check, with a hint for the plugin's author. */
export function checkFailure(code: GreeterErrorCode, message: string, hint?: string, cause?: unknown): GreeterError {
  return new GreeterError(code, message, { hint: hint ?? authorHints[code], cause });
}

/**
 * A new error carrying the code and message of one the host raised, with
 * the author's hint instead of the user's (`hint`, else the code's). Every
 * check that meets the same failure (a plugin that cannot load fails
 * `loads`, `greets`, `uses-name`, …) gets its own copy: nothing shared is
 * ever changed. A value that is not a GreeterError is returned as is.
 */
export function forAuthor(error: unknown, hint?: string): unknown {
  if (!isGreeterError(error)) return error;
  // The cause is what the plugin threw, not the host's error: its message is this one's.
  return checkFailure(error.code, error.message, hint, error.cause);
}
