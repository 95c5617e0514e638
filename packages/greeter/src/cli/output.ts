import { styleText } from 'node:util';

/** A stream greeter writes to, as much of it as colour detection needs. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean | undefined;
  /** A terminal's width in cells. */
  columns?: number | undefined;
  hasColors?: (() => boolean) | undefined;
}

/** The width text for `stream` is wrapped to: the terminal's, 80 when it is not a terminal. */
export function widthOf(stream: OutputStream): number {
  return stream.isTTY === true && typeof stream.columns === 'number' && stream.columns >= 20 ? stream.columns : 80;
}

/** The styles greeter uses. */
export type Style = 'red' | 'green' | 'yellow' | 'dim' | 'bold';

/** Styles text for one stream, or leaves it plain when colour is off there. */
export type Paint = (style: Style, text: string) => string;

/**
 * Whether to colour one stream: `--color` / `--no-color` decide; else
 * NO_COLOR (any non-empty value) turns it off, FORCE_COLOR turns it on (off
 * for `0` or `false`); else colour only on a terminal that has colours.
 * Decided per stream: `greeter doctor > file` gets no escapes even when
 * stderr is a terminal.
 */
export function colorEnabled(stream: OutputStream, env: Record<string, string | undefined>, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && env['TERM'] !== 'dumb' && (stream.hasColors?.() ?? true);
}

/** A {@link Paint} for one stream, with Node's own `util.styleText`. */
export function createPaint(enabled: boolean): Paint {
  // validateStream: greeter decided for this stream already (Node 22.13+ would check stdout).
  return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

// JSON.stringify escapes C0 controls; these it leaves raw are escaped too, so
// no JSON greeter prints can move a terminal's cursor or reorder its text.
const stringify = JSON.stringify;
const rawInJson = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** One JSON document as greeter prints it: indented, one line break at the end, no raw controls. */
export function jsonText(document: unknown, indent = 2): string {
  const text = stringify(document, null, indent).replace(rawInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${text}\n`;
}
