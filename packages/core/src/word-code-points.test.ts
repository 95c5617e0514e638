import { describe, expect, it } from 'vitest';
import { isLanguageWord } from './names.js';
import { isWordCodePoint } from './word-code-points.js';
import { wordRangesUnicode } from './word-ranges.js';

// What the ranges stand for, as this Node's Unicode tables read it.
const start = /^[\p{L}\p{N}]$/u;
const rest = /^[\p{L}\p{M}\p{N}_-]$/u;
const sameUnicode = wordRangesUnicode === process.versions.unicode;

describe('isWordCodePoint', () => {
  it(`agrees with the Unicode tables of this Node on every code point${sameUnicode ? '' : ', or refuses a newer letter'}`, () => {
    const disagreements: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff && disagreements.length < 5; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const char = String.fromCodePoint(codePoint);
      for (const [position, pattern] of [
        ['start', start],
        ['rest', rest],
      ] as const) {
        const ranges = isWordCodePoint(codePoint, position);
        const tables = pattern.test(char);
        if (sameUnicode ? ranges !== tables : ranges && !tables) disagreements.push(`U+${codePoint.toString(16)} (${position})`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('were generated from the Unicode of the Node that runs the tests, or an older one', () => {
    // Regenerate with `node scripts/word-ranges.mjs` on the newer Node.
    expect(Number.parseFloat(wordRangesUnicode)).toBeLessThanOrEqual(Number.parseFloat(process.versions.unicode ?? '0'));
  });
});

describe('isLanguageWord', () => {
  it('takes words of any script and refuses the rest, through the ranges', () => {
    expect(['中文', 'русский', 'हिन्दी', 'svenska_2', 'Ελληνικά'].map(isLanguageWord)).toEqual([true, true, true, true, true]);
    expect(['中文!', '-中文', '', 'a b', '\u0301a', '中'.repeat(65)].map(isLanguageWord)).toEqual([false, false, false, false, false, false]);
  });
});
