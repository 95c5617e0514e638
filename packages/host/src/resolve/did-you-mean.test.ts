import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.js';

describe('didYouMean', () => {
  it('suggests the nearest name within the typo limit, a swap of neighbours being one edit', () => {
    expect(didYouMean('chinse', ['chinese', 'english'])).toBe('chinese');
    expect(didYouMean('lsit', ['list', 'doctor'])).toBe('list');
    expect(didYouMean('klingon', ['chinese', 'english'])).toBeUndefined();
  });

  it('never suggests what was typed (an alias to a missing plugin)', () => {
    expect(didYouMean('zh', ['zh', 'en'])).toBeUndefined();
    expect(didYouMean('ZH', ['zh', 'zhx'])).toBe('zhx');
  });
});
