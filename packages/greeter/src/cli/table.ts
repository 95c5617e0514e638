import type { Paint } from './output.js';

/**
 * Lines of a table whose first row is its header (bold when colour is on),
 * columns padded to the widest cell as `width` measures it (see
 * text-width.ts: CJK and emoji take two cells, combining marks none). Cells are untrusted
 * text already escaped by the caller; the last column is not padded.
 */
export function renderTable(rows: string[][], width: (text: string) => number, paint: Paint): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? ''))));
  return rows.map((row, index) => {
    const line = row
      .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - width(cell))))
      .join('  ')
      .trimEnd();
    return index === 0 ? paint('bold', line) : line;
  });
}
