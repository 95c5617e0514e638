import { describe, expect, it } from 'vitest';
import { errorCatalogue, errorCodes, exitCodeFor } from './error-codes.js';
import { GreeterError, isGreeterError } from './greeter-error.js';

describe('GreeterError', () => {
  it('carries code, hint, exit code and cause from the catalogue', () => {
    const cause = new Error('root');
    const error = new GreeterError('GREETER_PLUGIN_NOT_FOUND', 'Nothing speaks klingon.', { cause });
    expect(error).toMatchObject({ code: 'GREETER_PLUGIN_NOT_FOUND', exitCode: 1, cause });
    expect(error.hint).toBe(errorCatalogue.GREETER_PLUGIN_NOT_FOUND.hint);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ code: error.code, message: error.message, hint: error.hint });
  });

  it('covers every code of the contract with its exit code', () => {
    expect(errorCodes).toEqual([
      'GREETER_USAGE',
      'GREETER_INVALID_NAME',
      'GREETER_CONFIG_INVALID',
      'GREETER_PLUGIN_NOT_FOUND',
      'GREETER_PLUGIN_CONFLICT',
      'GREETER_PLUGIN_LOAD_FAILED',
      'GREETER_PLUGIN_INVALID',
      'GREETER_PLUGIN_INCOMPATIBLE',
      'GREETER_GREET_FAILED',
      'GREETER_GREET_TIMEOUT',
      'GREETER_PERMISSION_DENIED',
      'GREETER_SIGNATURE_INVALID',
      'GREETER_PROVENANCE_INVALID',
      'GREETER_REGISTRY_UNREACHABLE',
    ]);
    expect(errorCodes.filter((code) => exitCodeFor(code) === 2)).toEqual(['GREETER_USAGE', 'GREETER_INVALID_NAME', 'GREETER_CONFIG_INVALID']);
  });

  it('is recognised by brand, also when made by another copy of core', () => {
    const foreign = Object.assign(new Error('x'), { code: 'GREETER_USAGE', [Symbol.for('greeter.error')]: true });
    expect(isGreeterError(foreign)).toBe(true);
    expect(isGreeterError(Object.assign(new Error('x'), { code: 'GREETER_USAGE' }))).toBe(false);
    expect(isGreeterError({ code: 'NOT_OURS', [Symbol.for('greeter.error')]: true })).toBe(false);
    expect(isGreeterError(null)).toBe(false);
  });

  it('is safe on hostile values: a throwing Proxy or getter is not a GreeterError', () => {
    const trap = () => {
      throw new Error('trap');
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const value of [new Proxy({}, { get: trap, getPrototypeOf: trap }), proxy, Object.defineProperty({}, 'code', { get: trap })]) {
      expect(isGreeterError(value)).toBe(false);
    }
  });

  it('round-trips through its data', () => {
    const error = GreeterError.from({ code: 'GREETER_PERMISSION_DENIED', message: 'denied', hint: 'h' });
    expect([error.code, error.exitCode, error.hint, isGreeterError(error)]).toEqual(['GREETER_PERMISSION_DENIED', 1, 'h', true]);
  });
});
