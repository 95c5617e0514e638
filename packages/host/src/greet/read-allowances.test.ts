import { realpathSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees, type Tree } from '@greeter/fixtures';
import { isDiscoveryProblem, readPluginPackage } from '../discovery/read-plugin-package.js';
import type { PluginCandidate } from '../types.js';
import { readAllowances } from './read-allowances.js';

afterAll(removeTrees);

function candidateAt(folder: string): PluginCandidate {
  const entry = readPluginPackage(
    { path: folder, source: 'project', origin: path.dirname(folder) },
    { realpath: (target) => realpathSync(target), addCommand: (name) => `npm i ${name}` },
  );
  if (isDiscoveryProblem(entry)) throw entry.error;
  return entry;
}

const library = (name: string, dependencies: Record<string, string> = {}): Tree => ({
  'package.json': JSON.stringify({ name, version: '1.0.0', dependencies }),
  'index.js': '',
});

describe('readAllowances', () => {
  it("allows the plugin's folder and the closure of its dependencies, nothing else", () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', {
          packageJson: { dependencies: { a: '1' }, optionalDependencies: { '@acme/b': '1', missing: '1' }, peerDependencies: { '@greeter/core': '1' } },
        }),
        a: library('a', { c: '1' }),
        '@acme/b': library('@acme/b'),
        c: library('c'),
        unrelated: library('unrelated'),
      }),
    );
    const nodeModules = path.join(root, 'node_modules');
    expect(readAllowances(candidateAt(path.join(nodeModules, 'greeter-plugin-x'))).sort()).toEqual(
      ['greeter-plugin-x', 'a', '@acme/b', 'c'].map((name) => path.join(nodeModules, name)).sort(),
    );
  });

  it('prefers the copy nested in the dependent package, as Node resolves it', () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-x': { ...pluginPackage('greeter-plugin-x', 'x', { packageJson: { dependencies: { a: '2' } } }), 'node_modules/a': library('a') },
        a: library('a'),
      }),
    );
    const plugin = path.join(root, 'node_modules', 'greeter-plugin-x');
    expect(readAllowances(candidateAt(plugin)).sort()).toEqual([plugin, path.join(plugin, 'node_modules', 'a')].sort());
  });

  it('never allows a folder outside node_modules through a dependency name that climbs out', () => {
    const climbing = ['../../../../../../../../../../etc', '..', '../..', '../../..'];
    const root = makeTree(
      npmLayout({
        'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', {
          packageJson: { optionalDependencies: Object.fromEntries(climbing.map((name) => [name, '1'])) },
        }),
      }),
    );
    const plugin = path.join(root, 'node_modules', 'greeter-plugin-x');
    expect(readAllowances(candidateAt(plugin))).toEqual([plugin]);
  });

  it("lets be a workspace's link to a dev dependency, but refuses a link of the same shape to a folder that is not that package", () => {
    const outside = makeTree({ tool: library('@acme/tool'), home: { 'package.json': JSON.stringify({ name: 'home' }), '.env': 'SECRET=1' } });
    const plugin = (links: Tree) => {
      const root = makeTree({ plugin: { ...pluginPackage('greeter-plugin-x', 'x'), node_modules: links } });
      return candidateAt(path.join(root, 'plugin'));
    };
    const devDependency = plugin({ '@acme': { tool: { link: path.join(outside, 'tool') } } });
    expect(readAllowances(devDependency)).toEqual([devDependency.realPath]);
    expect(() => readAllowances(plugin({ tool: { link: path.join(outside, 'home') } }))).toThrow(/links to .*home, outside the folders/);
  });
});
