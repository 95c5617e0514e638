import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConfig } from './validate-config.js';

const keys = fc.oneof(
  fc.constantFrom('default', 'plugins', 'aliases', 'autoDiscover', 'isolate', '__proto__', 'constructor', 'prototype'),
  fc.string({ maxLength: 12 }),
);

describe('validateConfig, for any JSON value', () => {
  it('never throws, never changes Object.prototype, and returns problems or a config', () => {
    // Counted, so that both outcomes are known to have been checked.
    const outcomes = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(keys, fc.jsonValue())), (input) => {
        const before = Object.getOwnPropertyNames(Object.prototype).join();
        const result = validateConfig(input);
        expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before);
        outcomes[result.ok ? 'valid' : 'invalid']++;
        expect(result.ok ? typeof result.config : result.problems.length > 0).toBe(result.ok ? 'object' : true);
      }),
      { numRuns: 1000 },
    );
    expect([outcomes.valid > 0, outcomes.invalid > 0]).toEqual([true, true]);
  });

  it('keeps a parsed "__proto__" key as data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const input = JSON.parse(`{"aliases":{"__proto__":${JSON.stringify(value)}}}`);
        validateConfig(input);
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
        expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('aliases');
      }),
    );
  });
});
