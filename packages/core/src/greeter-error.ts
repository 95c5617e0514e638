import { errorCatalogue, type GreeterErrorCode } from './error-codes.js';

// A registered symbol, so an error thrown by a second copy of @greeter/core
// (a plugin may bundle its own) is still recognised: no `instanceof`.
const brand = Symbol.for('greeter.error');

/** Options for {@link GreeterError}. */
export interface GreeterErrorOptions {
  /** What to do next. Defaults to the catalogue's hint for the code. */
  hint?: string;
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

  /** The JSON shape the CLI prints with `--json`. */
  toJSON(): { code: GreeterErrorCode; message: string; hint: string } {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/** True for any `GreeterError`, including one made by another copy of `@greeter/core`. */
export function isGreeterError(value: unknown): value is GreeterError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true &&
    typeof (value as { code?: unknown }).code === 'string' &&
    Object.hasOwn(errorCatalogue, (value as { code: string }).code)
  );
}
