import { realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees, type Tree } from '@greeter/fixtures';
import { isDiscoveryProblem, readPluginPackage } from './read-plugin-package.js';

afterAll(removeTrees);

const context = {
  realpath: (target: string) => {
    try {
      return realpathSync(target);
    } catch {
      return undefined;
    }
  },
  addCommand: (name: string) => `npm i ${name}`,
};

function read(files: Tree, expectedName?: string) {
  const root = makeTree({ plugin: files });
  return readPluginPackage({ path: path.join(root, 'plugin'), source: 'project', origin: root, expectedName }, context);
}

const codeOf = (entry: ReturnType<typeof read>) => (isDiscoveryProblem(entry) ? entry.error.code : undefined);

describe('readPluginPackage', () => {
  it('reads a package.json that starts with a byte-order mark', () => {
    const packageJson = JSON.stringify({ name: 'greeter-plugin-bom', version: '1.2.3', greeterPlugin: { languages: ['bom'] } });
    const entry = read({ 'package.json': `\uFEFF${packageJson}`, 'index.js': '' });
    expect(isDiscoveryProblem(entry) ? entry.error.code : { name: entry.name, version: entry.version, languages: entry.languages }).toEqual({
      name: 'greeter-plugin-bom',
      version: '1.2.3',
      languages: ['bom'],
    });
  });

  it('takes the language from the name when there is no manifest', () => {
    const entry = read(pluginPackage('@acme/greeter-plugin-klingon', 'x'));
    expect(isDiscoveryProblem(entry) ? entry.error.code : entry.languages).toEqual(['klingon']);
  });

  it('lower-cases the manifest languages and keeps each once, the first first', () => {
    const entry = read(pluginPackage('greeter-plugin-chinese', 'x', { languages: ['Chinese', 'zh', 'ZH', '中文'] }));
    expect(isDiscoveryProblem(entry) ? entry.error.code : entry.languages).toEqual(['chinese', 'zh', '中文']);
  });

  it('lists a plugin that claims a command word as broken, by its manifest or its name, naming the word', () => {
    const byManifest = read(pluginPackage('greeter-plugin-lister', 'x', { languages: ['lister', 'List'] }));
    const byName = read(pluginPackage('greeter-plugin-info', 'x'));
    expect([codeOf(byManifest), codeOf(byName)]).toEqual(['GREETER_PLUGIN_INVALID', 'GREETER_PLUGIN_INVALID']);
    expect(isDiscoveryProblem(byManifest) && byManifest.error.message).toContain('"list"');
    expect(isDiscoveryProblem(byName) && byName.name).toBe('greeter-plugin-info');
    expect(codeOf(read(pluginPackage('greeter-plugin-listing', 'x')))).toBeUndefined();
  });

  it('keeps the peer range on @greeter/core, and every path', () => {
    const root = makeTree({ real: pluginPackage('greeter-plugin-x', 'x', { coreRange: '^1.0.0' }), link: { link: 'real' } });
    const entry = readPluginPackage({ path: path.join(root, 'link'), source: 'global', origin: 'o' }, context);
    expect(isDiscoveryProblem(entry) ? entry.error.code : [entry.coreRange, entry.path, entry.realPath, entry.source, entry.origin]).toEqual([
      '^1.0.0',
      path.join(root, 'link'),
      path.join(root, 'real'),
      'global',
      'o',
    ]);
  });

  it.each<[string, Tree]>([
    ['a manifest whose languages are not a list', pluginPackage('greeter-plugin-x', 'x', { packageJson: { greeterPlugin: { languages: 'x' } } })],
    ['a manifest with an empty list', pluginPackage('greeter-plugin-x', 'x', { languages: [] })],
    ['a manifest with a path for a language', pluginPackage('greeter-plugin-x', 'x', { languages: ['../x'] })],
    ['a manifest that is not an object', pluginPackage('greeter-plugin-x', 'x', { packageJson: { greeterPlugin: 'x' } })],
  ])('reports %s as an invalid plugin, by name', (_what, files) => {
    const entry = read(files);
    expect(isDiscoveryProblem(entry) ? [entry.name, entry.error.code] : entry).toEqual(['greeter-plugin-x', 'GREETER_PLUGIN_INVALID']);
  });

  it.each<[string, Tree, string | undefined]>([
    ['no package.json', { 'index.js': '' }, undefined],
    ['a package.json that does not parse', { 'package.json': '{"name":' }, undefined],
    ['a package.json that is a list', { 'package.json': '[]' }, undefined],
    ['a package.json without a name', { 'package.json': '{}' }, undefined],
    ['a package.json that names another package', pluginPackage('greeter-plugin-other', 'x'), 'greeter-plugin-x'],
  ])('reports %s as a load failure', (_what, files, expectedName) => {
    expect(codeOf(read(files, expectedName))).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it('reports a broken link under the name it was found by', () => {
    const root = makeTree({ 'greeter-plugin-gone': { link: 'nowhere' } });
    const entry = readPluginPackage(
      { path: path.join(root, 'greeter-plugin-gone'), source: 'project', origin: root, expectedName: 'greeter-plugin-gone' },
      context,
    );
    expect(isDiscoveryProblem(entry) ? [entry.name, entry.error.code] : entry).toEqual(['greeter-plugin-gone', 'GREETER_PLUGIN_LOAD_FAILED']);
  });
});
