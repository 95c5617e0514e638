import { requireOnUse } from '../_require.js';

/**
 * Parses JSON text as greeter reads its files: a UTF-8 byte-order mark
 * (Windows editors write one) is dropped first. A syntax error becomes an
 * Error whose message is the parser's reason with the line and column where
 * it stopped (found with jsonc-parser, loaded only then: V8's own message
 * does not always carry a position).
 */
export function parseJson(text: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    throw new SyntaxError(`${reasonOf(error)}${positionOf(source)}`, { cause: error });
  }
}

// V8's reason, without the input it quotes and the offset it sometimes names.
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected end of JSON input$/, 'Unexpected end of input');
}

function positionOf(source: string): string {
  const { parse } = requireOnUse('jsonc-parser') as {
    parse(text: string, errors: Array<{ offset: number }>, options: { disallowComments: boolean; allowTrailingComma: boolean }): unknown;
  };
  const errors: Array<{ offset: number }> = [];
  parse(source, errors, { disallowComments: true, allowTrailingComma: false });
  const offset = errors[0]?.offset;
  if (offset === undefined) return '';
  const before = source.slice(0, offset).split('\n');
  return ` (line ${before.length}, column ${before.at(-1)!.length + 1})`;
}
