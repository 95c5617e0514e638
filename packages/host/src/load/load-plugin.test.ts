import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPluginPackage } from '../discovery/read-plugin-package.js';
import { makeTree, pluginPackage, removeTrees, type PluginSpec, type Tree } from '@greeter/fixtures';
import type { PluginCandidate } from '../types.js';
import { loadPlugin } from './load-plugin.js';
import { rejectionCode } from '@greeter/fixtures';

afterAll(removeTrees);

function candidateFor(files: Tree): PluginCandidate {
  const root = makeTree({ plugin: files });
  const entry = readPluginPackage({ path: path.join(root, 'plugin'), source: 'project', origin: root });
  if ('error' in entry) throw entry.error;
  return entry;
}

const load = (candidate: PluginCandidate) => loadPlugin(candidate, { coreVersion: '1.2.0' });
const plugin = (spec: PluginSpec) => candidateFor(pluginPackage('greeter-plugin-x', 'hi', spec));

const codeOf = rejectionCode;

describe('loadPlugin', () => {
  it('loads an ESM plugin by its named Greeter export', async () => {
    const loaded = await load(plugin({}));
    expect(loaded.symbol).toBe('Greeter');
    expect(await loaded.greeter.greet()).toBe('hi');
  });

  it('loads a CommonJS plugin, named or default, through exports conditions', async () => {
    const named = plugin({
      packageJson: { type: 'commonjs', exports: { '.': { require: './main.cjs' } } },
      files: { 'main.cjs': 'exports.Greeter = { greet: () => "cjs named" };' },
    });
    expect(await (await load(named)).greeter.greet()).toBe('cjs named');
    const transpiled = plugin({
      packageJson: { type: 'commonjs', main: 'lib/index' },
      files: { 'lib/index.js': 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = { greet: async () => "cjs default" };' },
    });
    const loaded = await load(transpiled);
    expect(loaded.symbol).toBe('default');
    expect(await loaded.greeter.greet()).toBe('cjs default');
  });

  it('checks the peer range on @greeter/core before importing anything', async () => {
    const trace = 'globalThis.__greeterTrace = true;\nexport default { greet: () => "x" };';
    expect(await codeOf(load(plugin({ coreRange: '^2.0.0', source: trace })))).toBe('GREETER_PLUGIN_INCOMPATIBLE');
    expect(await codeOf(load(plugin({ coreRange: 'not a range', source: trace })))).toBe('GREETER_PLUGIN_INCOMPATIBLE');
    expect((globalThis as { __greeterTrace?: boolean }).__greeterTrace).toBeUndefined();
    expect((await load(plugin({ coreRange: '^1.0.0' }))).symbol).toBe('Greeter');
    expect((await load(plugin({ coreRange: 'workspace:^' }))).symbol).toBe('Greeter');
  });

  it('reports a missing entry, a syntax error and a throw on import as load failures', async () => {
    expect(await codeOf(load(plugin({ packageJson: { main: 'missing.js' } })))).toBe('GREETER_PLUGIN_LOAD_FAILED');
    expect(await codeOf(load(plugin({ source: 'export const Greeter = {' })))).toBe('GREETER_PLUGIN_LOAD_FAILED');
    expect(await codeOf(load(plugin({ source: 'throw new Error("boom");' })))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it('refuses an entry that lies outside the plugin folder', async () => {
    const root = makeTree({ 'outside.js': 'export const Greeter = { greet: () => "escaped" };' });
    const escaping = plugin({ packageJson: { main: path.relative('/', path.join(root, 'outside.js')).replace(/^/, '../../../../../../../../') } });
    expect(await codeOf(load(escaping))).toBe('GREETER_PLUGIN_LOAD_FAILED');
    const linked = plugin({ files: { 'entry.js': { link: path.join(root, 'outside.js') } }, packageJson: { main: 'entry.js' } });
    expect(await codeOf(load(linked))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it('reports a module without a greeter as an invalid plugin', async () => {
    expect(await codeOf(load(plugin({ source: 'export const other = 1;' })))).toBe('GREETER_PLUGIN_INVALID');
    expect(await codeOf(load(plugin({ source: 'export const Greeter = { greet: "no" };' })))).toBe('GREETER_PLUGIN_INVALID');
  });

  it('keeps output printed while loading off stdout and turns process.exit into a load failure', async () => {
    const written: string[] = [];
    const { write } = process.stdout;
    process.stdout.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      await load(plugin({ source: 'console.log("noise");\nexport const Greeter = { greet: () => "x" };' }));
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual([]);
    expect(await codeOf(load(plugin({ source: 'process.exit(3);' })))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });
});
