// Control, format, surrogate, private-use and unassigned characters, and the
// line and paragraph separators: none of them may reach a terminal raw. Built
// on first use, like every Unicode property pattern (costly to construct at start-up).
const unsafeSource = '\\p{C}\\p{Zl}\\p{Zp}';
let unsafe: RegExp | undefined;
let unsafeOrQuote: RegExp | undefined;
// Printable ASCII holds none of them: most names and paths are rendered
// without building the Unicode sets (about 10 M instructions).
const printableAscii = /^[\x20-\x7e]*$/;

/**
 * Renders untrusted text (a manifest field, a version range, a path, a
 * plugin's error message) for a terminal: every control or formatting
 * character is shown escaped (`\u{1b}`), and text longer than `maxLength`
 * characters is cut with `…`. Printable text of any script is kept as is.
 */
export function displayText(value: string, maxLength = 200): string {
  if (printableAscii.test(value)) return cut(value, maxLength);
  unsafe ??= new RegExp(`[${unsafeSource}]`, 'u');
  return render(value, maxLength, unsafe);
}

/**
 * Quotes untrusted text for a message, as {@link displayText} renders it,
 * with `\` and `"` escaped too: `"a\u{1b}[31mb"`.
 */
export function displayName(value: string, maxLength = 80): string {
  if (printableAscii.test(value)) return `"${cut(value, maxLength).replace(/[\\"]/g, '\\$&')}"`;
  unsafeOrQuote ??= new RegExp(`[${unsafeSource}\\\\"]`, 'u');
  return `"${render(value, maxLength, unsafeOrQuote)}"`;
}

function cut(value: string, maxLength: number): string {
  return value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
}

function render(value: string, maxLength: number, pattern: RegExp): string {
  const chars = [...value];
  const shown = chars.length > maxLength ? [...chars.slice(0, maxLength), '…'] : chars;
  let text = '';
  for (const char of shown) text += pattern.test(char) ? escapeChar(char) : char;
  return text;
}

function escapeChar(char: string): string {
  if (char === '\\' || char === '"') return `\\${char}`;
  return `\\u{${char.codePointAt(0)!.toString(16)}}`;
}
