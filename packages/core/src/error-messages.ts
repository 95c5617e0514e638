import type { GreeterErrorCode } from './error-codes.js';
import { GreeterError } from './greeter-error.js';

/**
 * One failure as greeter words it: its contract code, and the message and
 * hint built from what the place that raises it knows (astro's
 * `errors-data.ts`). Call sites pass parameters, never sentences, so the
 * same failure always reads the same.
 */
export interface ErrorMessage<Params> {
  readonly code: GreeterErrorCode;
  /** What happened and why, naming the package or file. */
  message(params: Params): string;
  /** What to do next. Left out: the catalogue's hint for the code. */
  hint?(params: Params): string;
}

/** Typing helper for a table of {@link ErrorMessage}s: each entry keeps its own parameters. */
export function defineErrorMessages<Table extends Record<string, ErrorMessage<never>>>(table: Table): Table {
  return table;
}

/** The parameters an entry takes: those of its message (its hint takes the same, or fewer). */
export type ParamsOf<Entry> = Entry extends { message(params: infer Params): string } ? Params : never;

/**
 * The error for `entry`, worded with `params`.
 *
 * @example
 * throw errorFrom(isolationMessages.tooManyEntries, { name, folder, limit });
 */
export function errorFrom<Entry extends ErrorMessage<never>>(entry: Entry, params: ParamsOf<Entry>, options: { cause?: unknown } = {}): GreeterError {
  const worded = entry as unknown as ErrorMessage<ParamsOf<Entry>>;
  return new GreeterError(worded.code, worded.message(params), { hint: worded.hint?.(params), cause: options.cause });
}
