import { fixedWidth } from './text-width.js';

/**
 * `text` broken into lines of at most `width` cells at spaces (a word longer
 * than that keeps its own line), for greeter's own text: help, notes.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const joined = line === '' ? word : `${line} ${word}`;
    if (line !== '' && fixedWidth(joined) > width) {
      lines.push(line);
      line = word;
    } else {
      line = joined;
    }
  }
  return [...lines, line];
}

/**
 * Two columns, indented by two: the left one padded to its widest cell, the
 * right one wrapped to what is left of `width`. When that leaves too little
 * (a long usage line), each right cell goes under its left one instead.
 */
export function twoColumns(rows: ReadonlyArray<readonly [string, string]>, width: number): string[] {
  const left = Math.max(...rows.map(([cell]) => fixedWidth(cell)));
  const room = width - left - 4;
  if (room < Math.min(40, width / 2)) {
    return rows.flatMap(([cell, text]) => [`  ${cell}`, ...wrapText(text, width - 6).map((line) => `      ${line}`)]);
  }
  return rows.flatMap(([cell, text]) => {
    const [first = '', ...rest] = wrapText(text, room);
    const pad = ' '.repeat(left - fixedWidth(cell));
    return [`  ${cell}${pad}  ${first}`.trimEnd(), ...rest.map((line) => `${' '.repeat(left + 4)}${line}`)];
  });
}
