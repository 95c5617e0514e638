import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { measureFor, standsAlone } from './text-width.js';

describe('measureFor', () => {
  it('agrees with string-width on every code point it measures itself, none of which joins a neighbour', async () => {
    const measure = await measureFor(['a']);
    const segmenter = new Intl.Segmenter();
    const wrong: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
      const character = String.fromCodePoint(codePoint);
      if (!standsAlone(character)) continue;
      const joins = [...segmenter.segment(`a${character}a`)].length !== 3 || [...segmenter.segment(`${character}${character}`)].length !== 2;
      if (joins || measure(character) !== stringWidth(character)) wrong.push(codePoint.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('measures plain and CJK cells itself, and hands emoji and combining marks to string-width', async () => {
    const plain = await measureFor(['greeter-plugin-chinese', '中文', '한국어', '1.0.0']);
    expect(['中文', '한국어', 'zh'].map(plain)).toEqual([4, 6, 2]);
    expect(plain).not.toBe(stringWidth);
    expect(await measureFor(['👍🏽'])).toBe(stringWidth);
    expect(await measureFor(['e\u0301'])).toBe(stringWidth);
  });
});
