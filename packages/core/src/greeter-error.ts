import { errorCatalogue, type GreeterErrorCode, type SerializedGreeterError } from './error-codes.js';

// A registered symbol, so an error thrown by a second copy of @greeter/core
// (a plugin may bundle its own) is still recognised: no `instanceof`.
const brand = Symbol.for('greeter.error');

/** Options for {@link GreeterError}. */
export interface GreeterErrorOptions {
  /** What to do next. Defaults to the catalogue's hint for the code. */
  hint?: string | undefined;
  /** The underlying error, kept for `DEBUG=greeter`. */
  cause?: unknown;
}

/**
 * The one error type of Greeter: a stable `code`, a plain sentence that names
 * the package or file, and a `hint` that says what to do next.
 */
export class GreeterError extends Error {
  readonly code: GreeterErrorCode;
  readonly hint: string;
  readonly exitCode: 1 | 2;
  declare readonly [brand]: true;

  constructor(code: GreeterErrorCode, message: string, options: GreeterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GreeterError';
    this.code = code;
    this.hint = options.hint ?? errorCatalogue[code].hint;
    this.exitCode = errorCatalogue[code].exitCode;
    Object.defineProperty(this, brand, { value: true });
  }

  /** Rebuilds an error from its data (an isolated plugin's report, say). */
  static from(data: SerializedGreeterError, cause?: unknown): GreeterError {
    return new GreeterError(data.code, data.message, { hint: data.hint, cause });
  }

  /** The JSON shape the CLI prints with `--json`. */
  toJSON(): SerializedGreeterError {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/**
 * True for any `GreeterError`, including one made by another copy of
 * `@greeter/core`. Safe on any value: a Proxy or a throwing getter is simply
 * not a GreeterError.
 */
export function isGreeterError(value: unknown): value is GreeterError {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const code = (value as { code?: unknown }).code;
    return (value as Record<symbol, unknown>)[brand] === true && typeof code === 'string' && Object.hasOwn(errorCatalogue, code);
  } catch {
    // A hostile value (a Proxy whose traps throw) is not one of ours.
    return false;
  }
}
