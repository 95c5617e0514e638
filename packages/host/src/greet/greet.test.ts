import { describe, expect, it } from 'vitest';
import type { Greeter } from '@greeter/core';
import type { LoadedPlugin } from '../load/load-plugin.js';
import type { PluginCandidate } from '../types.js';
import { greetWith } from './greet.js';
import { rejectionCode } from '@greeter/fixtures';

function loaded(greeter: Greeter): LoadedPlugin {
  const candidate = { name: 'greeter-plugin-x' } as PluginCandidate;
  return { candidate, greeter, symbol: 'Greeter', entry: '/x/index.js' };
}

const codeOf = rejectionCode;

describe('greetWith', () => {
  it('returns what a sync or async greet returns, passing the name', async () => {
    expect(await greetWith(loaded({ greet: () => 'Hello Universe' }))).toBe('Hello Universe');
    expect(await greetWith(loaded({ greet: async ({ name } = {}) => `Hello ${name}` }), { name: 'Ada' })).toBe('Hello Ada');
  });

  it('fails a greet that throws, rejects or returns no string', async () => {
    expect(await codeOf(greetWith(loaded({ greet: () => { throw new Error('boom'); } })))).toBe('GREETER_GREET_FAILED');
    expect(await codeOf(greetWith(loaded({ greet: () => Promise.reject(new Error('no')) })))).toBe('GREETER_GREET_FAILED');
    expect(await codeOf(greetWith(loaded({ greet: () => 42 as unknown as string })))).toBe('GREETER_GREET_FAILED');
  });

  it('times out a greet that never settles', async () => {
    const never = loaded({ greet: () => new Promise<string>(() => {}) });
    expect(await codeOf(greetWith(never, {}, { timeoutMs: 20 }))).toBe('GREETER_GREET_TIMEOUT');
  });

  it('turns process.exit inside greet into a failed greeting and restores the process', async () => {
    const exit = process.exit;
    const exiting = loaded({ greet: () => { process.exit(0); } });
    expect(await codeOf(greetWith(exiting))).toBe('GREETER_GREET_FAILED');
    expect(process.exit).toBe(exit);
  });
});
