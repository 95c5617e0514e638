import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees, type PluginSpec } from '@greeter/fixtures';
import { checkPlugin } from './check-plugin.js';
import { testPlugin } from './test-plugin.js';
import type { PluginCase } from './types.js';

afterAll(removeTrees);

const plugin = (spec: PluginSpec = {}, name = 'greeter-plugin-pirate') =>
  makeTree(pluginPackage(name, 'Ahoy', { languages: ['pirate', 'arr'], ...spec }));

/** The failed checks as `id → code`. */
async function failures(dir: string, cases?: PluginCase[]) {
  const results = await checkPlugin({ dir, cases, timeoutMs: 200 });
  return Object.fromEntries(results.filter((result) => !result.ok).map((result) => [result.id, result.code ?? 'assertion']));
}

describe('checkPlugin', () => {
  it('passes a plugin that keeps the contract, with every check named by a stable id', async () => {
    const results = await checkPlugin({ dir: plugin(), cases: [{ options: { name: 'Ada' }, expected: 'Ahoy Ada' }, { expected: /^Ahoy/ }] });
    expect(results.map((result) => [result.id, result.ok])).toEqual([
      ['package-name', true],
      ['keywords', true],
      ['peer-range', true],
      ['loads', true],
      ['greets', true],
      ['uses-name', true],
      ['language:pirate', true],
      ['language:arr', true],
      ['case:0', true],
      ['case:1', true],
    ]);
  });

  it('accepts a file URL and a case that expects a contract error', async () => {
    const dir = plugin({ source: 'export const Greeter = { greet: ({ name } = {}) => { if (name === "") throw new Error("empty"); return "Ahoy " + (name ?? "Universe"); } };' });
    expect(await failures(pathToFileURL(dir).href, [{ options: { name: '' }, expectedError: { code: 'GREETER_GREET_FAILED' } }])).toEqual({});
  });

  it.each([
    ['no greet function', {}, { source: 'export const Greeter = {};' }, 'loads', 'GREETER_PLUGIN_INVALID'],
    ['throws on import', {}, { source: 'throw new Error("x");' }, 'loads', 'GREETER_PLUGIN_LOAD_FAILED'],
    ['ignores the name', {}, { source: 'export default { greet: () => "Ahoy" };' }, 'uses-name', 'GREETER_GREET_FAILED'],
    ['greets with an empty string', {}, { source: 'export default { greet: () => "" };' }, 'greets', 'GREETER_GREET_FAILED'],
    ['never settles', {}, { source: 'export default { greet: () => new Promise(() => {}) };' }, 'greets', 'GREETER_GREET_TIMEOUT'],
    ['excludes this core', {}, { coreRange: '^99.0.0' }, 'peer-range', 'GREETER_PLUGIN_INCOMPATIBLE'],
    ['lacks the keyword', {}, { packageJson: { keywords: [] } }, 'keywords', 'GREETER_PLUGIN_INVALID'],
  ])('fails a plugin that %s with the contract code', async (_label, _unused, spec, id, code) => {
    expect((await failures(plugin(spec)))[id]).toBe(code);
  });

  it('fails a package outside the naming convention', async () => {
    expect((await failures(plugin({}, 'pirate-greetings')))['package-name']).toBe('GREETER_PLUGIN_INVALID');
  });

  it('reports an unreadable package as one failed check', async () => {
    expect(await failures(makeTree({ 'package.json': '{ nope' }))).toEqual({ package: 'GREETER_PLUGIN_LOAD_FAILED' });
  });

  it('fails a case whose greeting differs, as an assertion', async () => {
    expect(await failures(plugin(), [{ expected: 'Arr' }])).toEqual({ 'case:0': 'assertion' });
  });
});

describe('testPlugin', () => {
  it('registers one named test per check with the given framework', () => {
    const names: string[] = [];
    testPlugin({ dir: plugin() }, { describe: (name, body) => { names.push(name); body(); }, it: (name) => void names.push(name) });
    expect(names[0]).toBe('greeter plugin conformance');
    expect(names.slice(1).map((name) => /\[([^\]]+)\]$/.exec(name)?.[1])).toEqual([
      'package-name', 'keywords', 'peer-range', 'loads', 'greets', 'uses-name', 'language:pirate', 'language:arr',
    ]);
  });

  it('runs under node:test', () => {
    const testkit = pathToFileURL(path.resolve('dist/index.js')).href;
    const run = (dir: string) => {
      const file = path.join(makeTree(), 'plugin.test.mjs');
      writeFileSync(file, `import { testPlugin } from ${JSON.stringify(testkit)};\ntestPlugin({ dir: ${JSON.stringify(dir)} });\n`);
      return spawnSync(process.execPath, ['--test', file], { encoding: 'utf8' });
    };
    const passing = run(plugin());
    expect([passing.status, /^# pass 8$/m.test(passing.stdout)]).toEqual([0, true]);
    const failing = run(plugin({ source: 'export const Greeter = {};' }));
    expect([failing.status, failing.stdout.includes('GREETER_PLUGIN_INVALID')]).toEqual([1, true]);
  });
});
