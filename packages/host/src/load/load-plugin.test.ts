import { existsSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, rejectionCode, removeTrees, type PluginSpec, type Tree } from '@greeter/fixtures';
import { isDiscoveryProblem, readPluginPackage } from '../discovery/read-plugin-package.js';
import type { PluginCandidate } from '../types.js';
import { loadPlugin } from './load-plugin.js';

afterAll(removeTrees);

const context = { realpath: (target: string) => realpathSync(target), addCommand: (name: string) => `npm i ${name}` };

function candidateFor(files: Tree): PluginCandidate {
  const root = makeTree({ plugin: files });
  const entry = readPluginPackage({ path: path.join(root, 'plugin'), source: 'project', origin: root }, context);
  if (isDiscoveryProblem(entry)) throw entry.error;
  return entry;
}

const load = (candidate: PluginCandidate) => loadPlugin(candidate, { coreVersion: '1.2.0' });
const plugin = (spec: PluginSpec) => candidateFor(pluginPackage('greeter-plugin-x', 'hi', spec));

// A plugin that would leave this file behind if any of its code ran.
const sentinelSource = `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./imported', import.meta.url), '');\nexport default { greet: () => 'x' };`;
function sentinelPlugin(spec: PluginSpec): { candidate: PluginCandidate; sentinel: string } {
  const candidate = plugin({ ...spec, source: sentinelSource });
  return { candidate, sentinel: path.join(candidate.realPath, 'imported') };
}

describe('loadPlugin', () => {
  it('loads an ESM plugin by its named Greeter export', async () => {
    const loaded = await load(plugin({}));
    expect([loaded.symbol, await loaded.greeter.greet()]).toEqual(['Greeter', 'hi']);
  });

  it('loads a CommonJS plugin through its exports conditions', async () => {
    const named = plugin({
      packageJson: { type: 'commonjs', exports: { '.': { require: './main.cjs' } } },
      files: { 'main.cjs': 'exports.Greeter = { greet: () => "cjs named" };' },
    });
    const loaded = await load(named);
    expect([loaded.symbol, await loaded.greeter.greet(), loaded.entry]).toEqual(['Greeter', 'cjs named', path.join(named.realPath, 'main.cjs')]);
  });

  it('loads a transpiled CommonJS default export from an extensionless main', async () => {
    const transpiled = plugin({
      packageJson: { type: 'commonjs', main: 'lib/index' },
      files: { 'lib/index.js': 'Object.defineProperty(exports, "__esModule", { value: true }); exports.default = { greet: async () => "cjs default" };' },
    });
    const loaded = await load(transpiled);
    expect([loaded.symbol, await loaded.greeter.greet()]).toEqual(['default', 'cjs default']);
  });

  it('takes a CommonJS `Greeter` property before the exports object, as a named export', async () => {
    const both = plugin({
      packageJson: { type: 'commonjs', main: 'main.js' },
      files: { 'main.js': 'module.exports = { greet: () => "object", Greeter: { greet: () => "named" } };' },
    });
    const loaded = await load(both);
    expect([loaded.symbol, await loaded.greeter.greet()]).toEqual(['Greeter', 'named']);
  });

  it('imports a module graph with a top-level await, which require() refuses, unless require() is asked for', async () => {
    const awaiting = plugin({ source: 'const text = await Promise.resolve("awaited");\nexport const Greeter = { greet: () => text };' });
    const loaded = await load(awaiting);
    expect(await loaded.greeter.greet()).toBe('awaited');
    expect(await rejectionCode(loadPlugin(awaiting, { coreVersion: '1.2.0', via: 'require' }))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it.each([
    ['^2.0.0', 'a range that excludes the host'],
    ['not a range', 'an invalid range'],
  ])('refuses a peer range %s (%s) before importing anything', async (coreRange) => {
    const { candidate, sentinel } = sentinelPlugin({ coreRange });
    expect(await rejectionCode(load(candidate))).toBe('GREETER_PLUGIN_INCOMPATIBLE');
    expect(existsSync(sentinel)).toBe(false);
  });

  it.each(['^1.0.0', 'workspace:^', 'workspace:*', '>=1.2.0-0'])('accepts the peer range %s, and imports the plugin', async (coreRange) => {
    const { candidate, sentinel } = sentinelPlugin({ coreRange });
    expect((await load(candidate)).symbol).toBe('default');
    expect(existsSync(sentinel)).toBe(true);
  });

  it.each<[string, PluginSpec]>([
    ['a main that names no file', { packageJson: { main: 'missing.js' } }],
    ['exports that name no file', { packageJson: { exports: './missing.js' } }],
    ['exports without a usable condition', { packageJson: { exports: { '.': { browser: './index.js' } } } }],
    ['a syntax error', { source: 'export const Greeter = {' }],
    ['a throw on import', { source: 'throw new Error("boom");' }],
    ['a throw of a value that is not an Error', { source: 'throw null;' }],
    ['an import of a package that is not installed', { source: 'import "greeter-missing-dependency";' }],
  ])('reports %s as a load failure', async (_what, spec) => {
    expect(await rejectionCode(load(plugin(spec)))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it('reports an entry that vanished between discovery and loading as a load failure', async () => {
    const candidate = plugin({});
    rmSync(path.join(candidate.realPath, 'index.js'));
    expect(await rejectionCode(load(candidate))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it('refuses an entry that became a link to a file outside the plugin folder after discovery', async () => {
    const outside = makeTree({ 'outside.js': 'export const Greeter = { greet: () => "escaped" };' });
    const candidate = plugin({});
    rmSync(path.join(candidate.realPath, 'index.js'));
    symlinkSync(path.join(outside, 'outside.js'), path.join(candidate.realPath, 'index.js'));
    expect(await rejectionCode(load(candidate))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it('refuses a main that climbs out of the plugin folder, without importing it', async () => {
    const outside = makeTree({ 'outside.js': sentinelSource });
    const candidate = plugin({});
    const escaping = { ...candidate, packageJson: { ...candidate.packageJson, main: path.relative(candidate.realPath, path.join(outside, 'outside.js')) } };
    expect(await rejectionCode(load(escaping))).toBe('GREETER_PLUGIN_LOAD_FAILED');
    expect(existsSync(path.join(outside, 'imported'))).toBe(false);
  });

  it.each([
    ['no Greeter or default export', 'export const other = 1;'],
    ['a greet that is not a function', 'export const Greeter = { greet: "no" };'],
    ['a Greeter getter that throws', 'export default { get Greeter() { throw new Error("x"); } };'],
  ])('reports a module with %s as an invalid plugin', async (_what, source) => {
    expect(await rejectionCode(load(plugin({ source })))).toBe('GREETER_PLUGIN_INVALID');
  });
});
