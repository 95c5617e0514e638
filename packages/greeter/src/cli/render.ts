import { isGreeterError } from '@greeter/core';

/** The streams and environment the CLI writes to; passed in so tests need no globals. */
export interface CliIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: Record<string, string | undefined>;
}

/** Colour helpers that are no-ops when colour is off. */
export interface Paint {
  red(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/** Colour on stderr only for a terminal, never with NO_COLOR, TERM=dumb or `--no-color`. */
export function createPaint(io: CliIO, flag: boolean | undefined): Paint {
  const on =
    flag !== false && io.stderr.isTTY === true && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb';
  const wrap = (open: number, close: number) => (text: string) => (on ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/**
 * Writes an error: with `--json` one document on stdout, otherwise the
 * message and hint on stderr (the stack only with DEBUG=greeter). Returns
 * the exit code.
 */
export function renderError(error: unknown, io: CliIO, { json, paint }: { json: boolean; paint: Paint }): number {
  const known = isGreeterError(error);
  const code = known ? error.code : 'GREETER_INTERNAL';
  const message = known ? error.message : `Greeter failed unexpectedly: ${String((error as Error)?.message ?? error)}`;
  const hint = known
    ? error.hint
    : 'This is a bug in greeter; please report it with the output of DEBUG=greeter.';
  if (json) {
    io.stdout.write(`${JSON.stringify({ error: { code, message, hint } })}\n`);
  } else {
    io.stderr.write(`${paint.red('greeter:')} ${message} ${paint.dim(`[${code}]`)}\n${paint.dim('hint:')} ${hint}\n`);
  }
  if (isDebug(io.env)) io.stderr.write(`${stackOf(error)}\n`);
  return known ? error.exitCode : 1;
}

function isDebug(env: Record<string, string | undefined>): boolean {
  return (env['DEBUG'] ?? '').split(/[\s,]+/).some((name) => name === 'greeter' || name === 'greeter:*' || name === '*');
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) lines.push('caused by:');
  }
  return lines.join('\n');
}
