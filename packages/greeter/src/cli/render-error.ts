import { types } from 'node:util';
import { displayText, isGreeterError } from '@greeter/core';
import { describeThrown } from '@greeter/host/internal';
import type { CommandResult } from './context.js';
import { jsonText, type OutputStream, type Paint } from './output.js';

/**
 * Turns an error into the command's result: with `--json` one document on
 * stdout, otherwise the message and hint on stderr (the stack only with
 * DEBUG=greeter). Anything that is not a GreeterError is a bug in greeter:
 * `GREETER_INTERNAL`, exit 1.
 */
export function errorResult(
  error: unknown,
  options: { json: boolean; stderr: OutputStream; paint: Paint; env: Record<string, string | undefined> },
): CommandResult {
  const known = isGreeterError(error);
  const code = known ? error.code : 'GREETER_INTERNAL';
  const message = known ? error.message : `Greeter failed unexpectedly: ${describeThrown(error)}.`;
  const hint = known ? error.hint : 'This is a bug in greeter; please report it with the output of DEBUG=greeter.';
  if (isDebug(options.env)) options.stderr.write(`${stackOf(error)}\n`);
  const exitCode = known ? error.exitCode : 1;
  if (options.json) return { exitCode, stdout: jsonText({ error: { code, message, hint } }, 0) };
  const { paint } = options;
  options.stderr.write(
    `${paint('red', 'greeter:')} ${displayText(message, 2000)} ${paint('dim', `[${code}]`)}\n${paint('dim', 'hint:')} ${displayText(hint, 2000)}\n`,
  );
  return { exitCode, stdout: '' };
}

function isDebug(env: Record<string, string | undefined>): boolean {
  return (env['DEBUG'] ?? '').split(/[\s,]+/).some((name) => name === 'greeter' || name === 'greeter:*' || name === '*');
}

function stackOf(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    // Line by line: the breaks stay, any control character inside a line is escaped.
    lines.push(
      ...stackText(current)
        .split('\n')
        .map((line) => displayText(line, 2000)),
    );
    current = types.isNativeError(current) && !types.isProxy(current) ? Object.getOwnPropertyDescriptor(current, 'cause')?.value : undefined;
    if (current !== undefined) lines.push('caused by:');
  }
  return lines.join('\n');
}

// Only asked for with DEBUG=greeter: a real Error's stack (never a Proxy's),
// read in a try, since a plugin's error may carry a throwing getter.
function stackText(value: unknown): string {
  if (types.isNativeError(value) && !types.isProxy(value)) {
    try {
      const stack: unknown = value.stack;
      if (typeof stack === 'string') return stack;
    } catch {
      // Fall back to the description below.
    }
  }
  return describeThrown(value);
}
