import { describe, expect, it } from 'vitest';
import { isGreeterError } from './greeter-error.js';
import { isGreeter, lookupGreeter } from './lookup-greeter.js';

const greeter = { greet: () => 'hi' };

function codeOf(namespace: unknown): string | undefined {
  try {
    lookupGreeter(namespace, 'greeter-plugin-x');
  } catch (error) {
    return isGreeterError(error) ? error.code : 'not a GreeterError';
  }
  return undefined;
}

describe('lookupGreeter', () => {
  it('prefers the named Greeter export, as Go looks up the symbol', () => {
    const other = { greet: () => 'default' };
    expect(lookupGreeter({ Greeter: greeter, default: other }, 'x')).toEqual({ greeter, symbol: 'Greeter' });
  });

  it('falls back to the default export and unwraps CommonJS shapes', () => {
    expect(lookupGreeter({ default: greeter }, 'x')).toEqual({ greeter, symbol: 'default' });
    expect(lookupGreeter({ default: { Greeter: greeter } }, 'x')).toEqual({ greeter, symbol: 'Greeter' });
    expect(lookupGreeter({ default: { __esModule: true, default: greeter } }, 'x')).toEqual({ greeter, symbol: 'default' });
  });

  it('accepts a function or class instance with a greet function', () => {
    const fn = Object.assign(() => undefined, { greet: () => 'fn' });
    expect(isGreeter(fn)).toBe(true);
    expect(
      isGreeter(
        new (class {
          greet() {
            return 'c';
          }
        })(),
      ),
    ).toBe(true);
  });

  it('reports a missing symbol or a wrong shape as GREETER_PLUGIN_INVALID', () => {
    for (const namespace of [{}, { other: greeter }, { Greeter: {} }, { Greeter: { greet: 'x' } }, { default: null }, null]) {
      expect(codeOf(namespace)).toBe('GREETER_PLUGIN_INVALID');
    }
    const hostile = {
      get Greeter(): unknown {
        throw new Error('trap');
      },
    };
    expect(codeOf(hostile)).toBe('GREETER_PLUGIN_INVALID');
  });
});
