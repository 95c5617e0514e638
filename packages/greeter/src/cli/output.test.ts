import { describe, expect, it } from 'vitest';
import { colorEnabled, createPaint, jsonText } from './output.js';

const terminal = { write: () => true, isTTY: true, hasColors: () => true };
const file = { write: () => true, isTTY: false };

describe('colour, decided per stream', () => {
  it('is on for a terminal and off for a file or pipe', () => {
    expect([colorEnabled(terminal, {}, undefined), colorEnabled(file, {}, undefined)]).toEqual([true, false]);
  });

  it('is off with NO_COLOR, FORCE_COLOR=0 and --no-color, on with FORCE_COLOR and --color', () => {
    expect(colorEnabled(terminal, { NO_COLOR: '1' }, undefined)).toBe(false);
    expect(colorEnabled(terminal, { FORCE_COLOR: '0' }, undefined)).toBe(false);
    expect(colorEnabled(terminal, {}, false)).toBe(false);
    expect(colorEnabled(file, { FORCE_COLOR: '1' }, undefined)).toBe(true);
    expect(colorEnabled(file, { NO_COLOR: '1' }, true)).toBe(true);
    expect(colorEnabled(terminal, { TERM: 'dumb' }, undefined)).toBe(false);
  });

  it('styles only when on', () => {
    expect(createPaint(false)('red', 'x')).toBe('x');
    expect(createPaint(true)('red', 'x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('jsonText', () => {
  it('escapes the controls JSON.stringify leaves raw, and stays the same document', () => {
    const document = { text: 'a\u009bb\u202ec\u2028d\u007f' };
    const text = jsonText(document);
    expect(text).not.toMatch(/[\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(text)).toEqual(document);
  });
});
