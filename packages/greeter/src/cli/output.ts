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

export { jsonText } from './json-text.js';
