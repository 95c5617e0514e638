import { wordRestRanges, wordStartRanges } from './word-ranges.js';

const encoded = { start: wordStartRanges, rest: wordRestRanges };
const decoded: { start?: Uint32Array; rest?: Uint32Array } = {};

/**
 * True when the generated ranges (word-ranges.ts) let a language word hold
 * `codePoint` at the start (`\p{L}`, `\p{N}`) or after it (also `\p{M}`,
 * `_`, `-`). A code point newer than the ranges' Unicode reads false.
 */
export function isWordCodePoint(codePoint: number, position: 'start' | 'rest'): boolean {
  decoded[position] ??= decodeRanges(encoded[position]);
  const ranges = decoded[position];
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (codePoint < (ranges[middle * 2] as number)) high = middle - 1;
    else if (codePoint > (ranges[middle * 2 + 1] as number)) low = middle + 1;
    else return true;
  }
  return false;
}

// [first, last, first, last, …] from gaps and lengths in base 36 (see scripts/word-ranges.mjs).
function decodeRanges(encoded: string): Uint32Array {
  const numbers = encoded.split(',');
  const ranges = new Uint32Array(numbers.length);
  let previous = 0;
  for (let index = 0; index < numbers.length; index += 2) {
    const first = previous + Number.parseInt(numbers[index] as string, 36);
    previous = first + Number.parseInt(numbers[index + 1] as string, 36);
    ranges[index] = first;
    ranges[index + 1] = previous;
  }
  return ranges;
}
