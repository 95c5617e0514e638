import { errorCatalogue, GreeterError, isGreeterError } from '@greeter/core';
import { testkitAuthorHints } from '@greeter/core/messages';

/**
 * A new error carrying the code and message of one the host raised, with
 * the author's hint instead of the user's (`hint`, else the code's, see
 * `testkitAuthorHints`). Every check that meets the same failure (a plugin
 * that cannot load fails `loads`, `greets`, `uses-name`, …) gets its own
 * copy: nothing shared is ever changed. A value that is not a GreeterError
 * is returned as is.
 */
export function forAuthor(error: unknown, hint?: string): unknown {
  if (!isGreeterError(error)) return error;
  const { code, message } = error;
  // The cause is what the plugin threw, not the host's error: its message is this one's.
  return GreeterError.from({ code, message, hint: hint ?? testkitAuthorHints[code] ?? errorCatalogue[code].hint }, error.cause);
}
