import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pendingPromiseSource, rejectionCode, removeTrees, stopPendingTimers, type PluginSpec } from '@greeter/fixtures';
import { loadPlugin } from '../load/load-plugin.js';
import { candidates } from '../test-helpers/candidates.js';
import { greetInProcess, greetWith } from './greet-in-process.js';

afterAll(removeTrees);

// What a plugin leaves running (a pending timer) is stopped after each test.
afterEach(stopPendingTimers);

const candidate = (spec: PluginSpec = {}) => candidates.of(spec, 'Hi');

const greet = (source: string | undefined, timeoutMs = 5000, spec: PluginSpec = {}) =>
  greetInProcess(candidate({ ...spec, ...(source === undefined ? {} : { source }) }), { name: 'Ada' }, { coreVersion: '1.0.0', timeoutMs });

// A promise held open by a live timer, cancelled after the test.
const pending = pendingPromiseSource;

describe('greetInProcess', () => {
  it('loads the plugin and greets with the name given', async () => {
    expect(await greet(undefined)).toBe('Hi Ada');
  });

  it('hands the plugin a copy of the options', async () => {
    const options = { name: 'Ada' };
    const plugin = candidate({ source: 'export const Greeter = { greet(options) { options.name = "changed"; return "ok"; } };' });
    await greetInProcess(plugin, options, { coreVersion: '1.0.0' });
    expect(options).toEqual({ name: 'Ada' });
  });

  it.each([
    ['throws an Error', 'greet() { throw new Error("no"); }'],
    ['throws null', 'greet() { throw null; }'],
    [
      'throws a Proxy whose traps throw',
      'greet() { throw new Proxy({}, { get() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); } }); }',
    ],
    ['rejects', 'greet: () => Promise.reject(new Error("no"))'],
    ['returns a number', 'greet: () => 42'],
    ['returns null', 'greet: () => null'],
    ['resolves to an object', 'greet: async () => ({ toString: () => "x" })'],
  ])('fails the greeting when greet %s', async (_what, member) => {
    expect(await rejectionCode(greet(`export const Greeter = { ${member} };`))).toBe('GREETER_GREET_FAILED');
  });

  it.each<[string, string | undefined, PluginSpec, string]>([
    ['an import that throws', 'throw new Error("boom");', {}, 'GREETER_PLUGIN_LOAD_FAILED'],
    ['a module without a greeter', 'export const nothing = 1;', {}, 'GREETER_PLUGIN_INVALID'],
    ['a peer range that excludes the host', undefined, { coreRange: '^9.0.0' }, 'GREETER_PLUGIN_INCOMPATIBLE'],
  ])('keeps the code of a plugin that fails to load: %s', async (_what, source, spec, code) => {
    expect(await rejectionCode(greet(source, 5000, spec))).toBe(code);
  });

  it('times out a greet that does not settle in time', async () => {
    expect(await rejectionCode(greet(`export const Greeter = { greet: () => ${pending} };`, 50))).toBe('GREETER_GREET_TIMEOUT');
  });

  it('counts loading against the same timeout', async () => {
    expect(await rejectionCode(greet(`await ${pending};\nexport const Greeter = { greet: () => "late" };`, 50))).toBe('GREETER_GREET_TIMEOUT');
  });
});

describe('greetWith', () => {
  const loaded = (source: string) => loadPlugin(candidate({ source }), { coreVersion: '1.0.0' });

  it('greets with a loaded plugin', async () => {
    expect(await greetWith(await loaded('export const Greeter = { greet: ({ name }) => "Hej " + name };'), { name: 'Ada' })).toBe('Hej Ada');
  });

  it.each([
    ['throws', 'greet() { throw "no"; }'],
    ['returns something other than a string', 'greet: () => undefined'],
  ])('fails when greet %s', async (_what, member) => {
    expect(await rejectionCode(greetWith(await loaded(`export const Greeter = { ${member} };`)))).toBe('GREETER_GREET_FAILED');
  });

  it('times out a greet that does not settle in time', async () => {
    expect(await rejectionCode(greetWith(await loaded(`export const Greeter = { greet: () => ${pending} };`), {}, { timeoutMs: 50 }))).toBe(
      'GREETER_GREET_TIMEOUT',
    );
  });
});
