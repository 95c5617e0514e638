import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayName, displayText } from './display.js';

// The rendering as it was before printable ASCII took a shortcut: every
// character tested against the Unicode sets.
function reference(value: string, maxLength: number, quote: boolean): string {
  const pattern = new RegExp(`[\\p{C}\\p{Zl}\\p{Zp}${quote ? '\\\\"' : ''}]`, 'u');
  const chars = [...value];
  const shown = chars.length > maxLength ? [...chars.slice(0, maxLength), '…'] : chars;
  const text = shown
    .map((char) => (pattern.test(char) ? (char === '\\' || char === '"' ? `\\${char}` : `\\u{${char.codePointAt(0)!.toString(16)}}`) : char))
    .join('');
  return quote ? `"${text}"` : text;
}

const texts = fc.oneof(
  fc.string({ unit: 'grapheme-ascii' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('a', '"', '\\', '\u001b', '\u007f', ' ', '~', '中') }),
);

describe('displayText and displayName', () => {
  it('render any text as the Unicode sets say, printable ASCII included', () => {
    fc.assert(
      fc.property(texts, fc.integer({ min: 1, max: 40 }), (value, maxLength) => {
        expect(displayText(value, maxLength)).toBe(reference(value, maxLength, false));
        expect(displayName(value, maxLength)).toBe(reference(value, maxLength, true));
      }),
      { numRuns: 3000 },
    );
  });
});
