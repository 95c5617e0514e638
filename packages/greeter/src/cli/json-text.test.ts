import { describe, expect, it } from 'vitest';
import { jsonText } from './json-text.js';

const documents: Array<[string, unknown]> = [
  ['a greeting', { schemaVersion: 1, ok: true, greeting: '你好宇宙', plugin: { name: 'greeter-plugin-chinese', version: null, source: 'project' } }],
  ['an error', { error: { code: 'GREETER_USAGE', message: 'Unknown flag "--x".', hint: 'Run `greeter --help`.' } }],
  ['nested lists and empties', { plugins: [{ languages: [], shadows: [{}] }, { languages: ['a', 'b'] }], empty: {}, none: [] }],
  ['numbers', { zero: 0, negative: -1.5, large: 1e21, nan: Number.NaN, infinite: Number.POSITIVE_INFINITY }],
  ['what JSON leaves out', { skipped: undefined, fn: () => 1, kept: [undefined, () => 1, 'x'] }],
  ['escapes JSON.stringify makes', { text: 'quote " backslash \\ tab \t newline \n nul \u0000 lone \ud800' }],
  ['a top-level string', 'plain'],
  ['a top-level list', [1, 'two', null, false]],
];

describe('jsonText', () => {
  it.each(documents)('writes %s as JSON.stringify does, indented or not', (_what, document) => {
    expect([jsonText(document), jsonText(document, 0)]).toEqual([`${JSON.stringify(document, null, 2)}\n`, `${JSON.stringify(document)}\n`]);
  });

  it('escapes the raw characters JSON.stringify leaves: C1 controls, bidirectional marks, line and paragraph separators', () => {
    const text = jsonText({ text: 'a\u0085b\u009bc\u200ed\u2028e\u2029f\u202eg\u2066h' }, 0);
    expect(text).toBe('{"text":"a\\u0085b\\u009bc\\u200ed\\u2028e\\u2029f\\u202eg\\u2066h"}\n');
    expect(JSON.parse(text)).toEqual({ text: 'a\u0085b\u009bc\u200ed\u2028e\u2029f\u202eg\u2066h' });
  });

  it('reads own data only: no getter or toJSON of the values runs', () => {
    const calls: string[] = [];
    const document = Object.defineProperty({ shown: 1, toJSON: () => calls.push('toJSON') }, 'hidden', {
      enumerable: true,
      get: () => calls.push('getter'),
    });
    expect([jsonText(document, 0), calls]).toEqual(['{"shown":1}\n', []]);
  });

  it('writes the same text when Object.prototype.toJSON, String.prototype members and JSON.stringify were changed after it was loaded', () => {
    const document = { ok: true, greeting: 'Hello\u0085', list: ['a'] };
    const expected = jsonText(document);
    const stringify = JSON.stringify;
    const strings = String.prototype as unknown as Record<string, unknown>;
    const originals = Object.fromEntries(['replace', 'slice', 'charCodeAt', 'padStart', 'repeat'].map((name) => [name, strings[name]]));
    try {
      Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'POLLUTED', configurable: true, writable: true });
      for (const name of Object.keys(originals)) strings[name] = () => 'POLLUTED';
      JSON.stringify = () => '"POLLUTED"';
      expect(jsonText(document)).toBe(expected);
    } finally {
      delete (Object.prototype as { toJSON?: unknown }).toJSON;
      Object.assign(strings, originals);
      JSON.stringify = stringify;
    }
  });
});
