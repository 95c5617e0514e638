import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, removeTrees, writeTree, type Tree } from '@greeter/fixtures';
import { isGreeterError } from '@greeter/core';
import { candidateAt } from '../test-helpers/candidates.js';
import type { PluginCandidate } from '../types.js';
import { readGrants } from './read-grants.js';

afterAll(removeTrees);

const library = (name: string, dependencies: Record<string, string> = {}): Tree => ({
  'package.json': JSON.stringify({ name, version: '1.0.0', dependencies }),
  'index.js': '',
});

/** The code readGrants throws, or 'granted'. */
function outcome(candidate: PluginCandidate): string {
  try {
    readGrants(candidate);
    return 'granted';
  } catch (error) {
    return isGreeterError(error) ? error.code : 'not a GreeterError';
  }
}

// What an attacker points `node_modules/foo` at: the home folder's keys, the user's project, anywhere.
const secrets = () => makeTree({ '.ssh/id_rsa': 'PRIVATE KEY', project: { src: { 'index.js': 'source' }, '.env': 'STRIPE_KEY=sk_live' } });

describe('readGrants', () => {
  it("grants the plugin's folder and the closure of its installed dependencies, nothing else", () => {
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
    expect(readGrants(candidateAt(path.join(nodeModules, 'greeter-plugin-x'))).sort()).toEqual(
      ['greeter-plugin-x', 'a', '@acme/b', 'c'].map((name) => path.join(nodeModules, name)).sort(),
    );
  });

  it('grants both the link and the real folder of a dependency in the pnpm virtual store', () => {
    const root = makeTree(
      pnpmLayout({ 'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', { packageJson: { dependencies: { a: '1' } } }), a: library('a') }),
    );
    writeTree(root, { 'node_modules/.pnpm/greeter-plugin-x@1.0.0/node_modules/a': { link: '../../a@1.0.0/node_modules/a' } });
    const store = path.join(root, 'node_modules/.pnpm');
    expect(readGrants(candidateAt(path.join(root, 'node_modules', 'greeter-plugin-x'))).sort()).toEqual(
      [
        path.join(store, 'greeter-plugin-x@1.0.0/node_modules/greeter-plugin-x'),
        path.join(store, 'a@1.0.0/node_modules/a'),
        path.join(store, 'greeter-plugin-x@1.0.0/node_modules/a'),
      ].sort(),
    );
  });

  it('prefers the copy nested in the dependent package, as Node resolves it, and grants the plugin folder without its node_modules', () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-x': { ...pluginPackage('greeter-plugin-x', 'x', { packageJson: { dependencies: { a: '2' } } }), 'node_modules/a': library('a') },
        a: library('a'),
      }),
    );
    const plugin = path.join(root, 'node_modules', 'greeter-plugin-x');
    const grants = readGrants(candidateAt(plugin));
    expect(grants).toContain(path.join(plugin, 'node_modules', 'a'));
    expect(grants).toContain(path.join(plugin, 'package.json'));
    expect(grants.filter((grant) => grant === plugin || grant === path.join(plugin, 'node_modules') || grant === path.join(root, 'node_modules', 'a'))).toEqual(
      [],
    );
  });

  it('never grants a folder through a dependency name that climbs out', () => {
    const climbing = ['../../../../../../../../../../etc', '..', '../..', '../../..'];
    const root = makeTree(
      npmLayout({
        'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', {
          packageJson: { optionalDependencies: Object.fromEntries(climbing.map((name) => [name, '1'])) },
        }),
      }),
    );
    const plugin = path.join(root, 'node_modules', 'greeter-plugin-x');
    expect(readGrants(candidateAt(plugin))).toEqual([plugin]);
  });

  it('does not count a dependency installed under another name, or one that is not where a package manager puts it', () => {
    const outside = makeTree({ b: library('b') });
    const root = makeTree(
      npmLayout({ 'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', { packageJson: { dependencies: { a: '1', b: '1' } } }), a: library('not-a') }),
    );
    writeTree(root, { 'node_modules/b': { link: path.join(outside, 'b') } });
    const plugin = path.join(root, 'node_modules', 'greeter-plugin-x');
    expect(readGrants(candidateAt(plugin))).toEqual([plugin]);
  });

  describe('a dependency link out of the plugin folder, with the name in its dependencies, is refused before the plugin starts', () => {
    const attacked = (field: string, target: (secret: string) => string) => {
      const secret = secrets();
      const root = makeTree({
        plugin: { ...pluginPackage('greeter-plugin-x', 'x', { packageJson: { [field]: { foo: '1' } } }), node_modules: { foo: { link: target(secret) } } },
      });
      return outcome(candidateAt(path.join(root, 'plugin')));
    };
    it.each(['dependencies', 'optionalDependencies', 'peerDependencies'])('named in %s, to the home folder', (field) => {
      expect(attacked(field, (secret) => path.join(secret, '.ssh'))).toBe('GREETER_PERMISSION_DENIED');
    });
    it.each([
      ['absolute, to the project', (secret: string) => path.join(secret, 'project')],
      ['absolute, to a project file', (secret: string) => path.join(secret, 'project', '.env')],
      [
        'relative, climbing out',
        (secret: string) => path.relative(path.join(secret, '..', 'x', 'plugin', 'node_modules'), path.join(secret, 'project', 'src')),
      ],
      ['dangling, to where a secret may appear', (secret: string) => path.join(secret, 'not-yet')],
    ])('%s', (_what, target) => {
      expect(attacked('dependencies', target)).toBe('GREETER_PERMISSION_DENIED');
    });
  });

  it('names the link that leaves', () => {
    const secret = secrets();
    const root = makeTree({ plugin: { ...pluginPackage('greeter-plugin-x', 'x'), lib: { keys: { link: path.join(secret, '.ssh') } } } });
    expect(() => readGrants(candidateAt(path.join(root, 'plugin')))).toThrow(/plugin\/lib\/keys links to .*\.ssh/);
  });

  it('finds a link deeper than 32 folders', () => {
    const secret = secrets();
    const root = makeTree({ plugin: pluginPackage('greeter-plugin-x', 'x') });
    const deep = path.join(root, 'plugin', ...Array.from({ length: 40 }, (_, index) => `d${index}`));
    mkdirSync(deep, { recursive: true });
    symlinkSync(path.join(secret, '.ssh'), path.join(deep, 'keys'));
    expect(outcome(candidateAt(path.join(root, 'plugin')))).toBe('GREETER_PERMISSION_DENIED');
  });

  it('finds a link in a dependency folder too', () => {
    const secret = secrets();
    const root = makeTree(
      npmLayout({ 'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', { packageJson: { dependencies: { a: '1' } } }), a: library('a') }),
    );
    symlinkSync(path.join(secret, 'project'), path.join(root, 'node_modules', 'a', 'data'));
    expect(outcome(candidateAt(path.join(root, 'node_modules', 'greeter-plugin-x')))).toBe('GREETER_PERMISSION_DENIED');
  });

  it('lets be a link to an installed package of that name (a dev dependency), granting nothing behind it', () => {
    const store = makeTree({ 'node_modules/@acme/tool': library('@acme/tool'), 'node_modules/other': library('other') });
    const plugin = (links: Tree) => {
      const root = makeTree({ plugin: { ...pluginPackage('greeter-plugin-x', 'x'), node_modules: links } });
      return candidateAt(path.join(root, 'plugin'));
    };
    const devDependency = plugin({ '@acme': { tool: { link: path.join(store, 'node_modules/@acme/tool') } } });
    expect(readGrants(devDependency).some((grant) => grant.includes('node_modules'))).toBe(false);
    expect(outcome(plugin({ tool: { link: path.join(store, 'node_modules/other') } }))).toBe('GREETER_PERMISSION_DENIED');
  });

  describe("a link that keeps its text inside the plugin while the system climbs out (the permission model folds '..' as text)", () => {
    const plugin = (files: Tree) => {
      const root = makeTree({ project: { '.env': 'SECRET', 'node_modules/foo': library('foo') } });
      writeTree(root, { 'project/node_modules/greeter-plugin-x': { ...pluginPackage('greeter-plugin-x', 'x'), ...files } });
      return candidateAt(path.join(root, 'project/node_modules/greeter-plugin-x'));
    };
    it.each<[string, Tree]>([
      ['to its own folder (self -> .)', { self: { link: '.' } }],
      ['up inside it (deep/up -> ..)', { 'deep/a/b/up': { link: '../..' } }],
      ['beside it (a/side -> ../b)', { 'a/side': { link: '../b' }, 'b/file.js': '' }],
      ['to its own node_modules (lib -> node_modules/foo)', { lib: { link: 'node_modules/foo' }, 'node_modules/foo': library('foo') }],
      [
        'to an installed package, then up (node_modules/foo -> the project)',
        { 'node_modules/foo': { link: '../../foo' }, 'x/y': { link: '../node_modules/foo' } },
      ],
    ])('%s is refused', (_what, files) => {
      expect(outcome(plugin(files))).toBe('GREETER_PERMISSION_DENIED');
    });

    it('a link down into its own folder, or to a file of it, is let be', () => {
      expect(outcome(plugin({ lib: { link: 'dist/lib' }, 'dist/lib/index.js': '', 'main.js': { link: 'dist/lib/index.js' } }))).toBe('granted');
    });
  });

  describe('workspace packages', () => {
    const workspace = () =>
      makeTree({
        'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
        'packages/utils': { ...library('@me/utils'), 'secret.js': 'internal' },
        'packages/greeter-plugin-mine': pluginPackage('greeter-plugin-mine', 'mine', { packageJson: { dependencies: { '@me/utils': '1' } } }),
        'node_modules/@me/utils': { link: '../../packages/utils' },
        'node_modules/greeter-plugin-mine': { link: '../packages/greeter-plugin-mine' },
        'node_modules/greeter-plugin-evil': pluginPackage('greeter-plugin-evil', 'evil', { packageJson: { dependencies: { '@me/utils': '1' } } }),
      });

    it('are never granted to a plugin installed from a registry that names one', () => {
      const root = workspace();
      const evil = path.join(root, 'node_modules', 'greeter-plugin-evil');
      expect(readGrants(candidateAt(evil))).toEqual([evil]);
    });

    it('are granted to a plugin that is itself a workspace package, when it depends on them', () => {
      const root = workspace();
      const mine = candidateAt(path.join(root, 'node_modules', 'greeter-plugin-mine'));
      expect(readGrants(mine).sort()).toEqual(
        [path.join(root, 'node_modules/@me/utils'), path.join(root, 'packages/greeter-plugin-mine'), path.join(root, 'packages/utils')].sort(),
      );
    });
  });
});
