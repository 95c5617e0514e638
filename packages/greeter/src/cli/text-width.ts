import { eastAsianWidth } from 'get-east-asian-width';

/**
 * How table cells are measured in terminal cells: string-width's answer,
 * without its start-up cost where it is not needed. string-width builds
 * `\p{RGI_Emoji}` and an `Intl.Segmenter` when first loaded (about 40 ms on
 * every `greeter list`); when every code point of every cell stands alone as
 * a grapheme and has a fixed width, the cells are summed code point by code
 * point instead, with the East Asian Width table string-width itself uses.
 * Package names, versions and languages such as 中文 or 한국어 take that
 * path; emoji, combining marks, joiners or jamo load string-width.
 */
export async function measureFor(cells: readonly string[]): Promise<(text: string) => number> {
  if (cells.every((cell) => standsAlone(cell))) return fixedWidth;
  return (await import('string-width')).default;
}

/** Whether every code point of the text is its own grapheme with a fixed width (see {@link measureFor}). */
export function standsAlone(text: string): boolean {
  return alone.test(text);
}

/** The cells a text takes whose code points each stand alone (see {@link standsAlone}): greeter's own text, such as help. */
export function fixedWidth(text: string): number {
  let width = 0;
  for (const character of text) width += eastAsianWidth(character.codePointAt(0)!);
  return width;
}

// Not marks, controls, format or unassigned (\p{M}, \p{C}), default-ignorable,
// emoji or regional indicators; not Hangul jamo, halfwidth and fullwidth
// forms or emoji modifiers; not the letters Unicode's segmentation rules
// treat as prepended or spacing marks (U+0D4E, U+0E33, U+0EB3 and a few
// astral ones). The test beside this file checks every code point.
const alone =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: code points are matched one by one on purpose (an emoji modifier sends the text to string-width).
  /^[^\p{M}\p{C}\p{Default_Ignorable_Code_Point}\p{Extended_Pictographic}\p{Regional_Indicator}\u0d4e\u0e33\u0eb3\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\uff00-\uffef\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{113d1}\u{11d46}\u{11f02}\u{16d63}\u{16d67}-\u{16d6a}\u{1f3fb}-\u{1f3ff}]*$/u;
