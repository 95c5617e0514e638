import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees, writeTree, type Tree } from '@greeter/fixtures';
import { isInside } from '../_fs.js';
import { createContainment } from './containment.js';

afterAll(removeTrees);

const containment = (env: Record<string, string | undefined> = {}) =>
  createContainment({ env, platform: 'linux', home: '/nonexistent-greeter-home', uid: 1000, execPath: '/nonexistent/bin/node' });
const plugin = pluginPackage('greeter-plugin-x', 'x');

// pnpm 11 writes .modules.yaml as JSON; older versions as YAML.
const modulesYaml = {
  json: (store: string) => JSON.stringify({ virtualStoreDir: store, layoutVersion: 5 }),
  yaml: (store: string) => `layoutVersion: 5\nvirtualStoreDir: ${store}\n`,
};

describe('a recorded pnpm virtual store', () => {
  // Each case: the virtualStoreDir recorded in <root>/project/node_modules, and
  // where the plugin really lies (relative to <root>), given that store.
  const refused: Array<[what: string, store: (root: string, outside: string) => string, pluginAt: (root: string, outside: string) => string]> = [
    ['the root folder', () => '/', (_root, outside) => path.join(outside, 'greeter-plugin-x')],
    ['the project folder itself (..)', () => '..', (root) => path.join(root, 'project', 'vendor', 'greeter-plugin-x')],
    ['an ancestor of the project (../..)', () => '../..', (root) => path.join(root, 'elsewhere', 'greeter-plugin-x')],
    ['an absolute ancestor of the project', (root) => root, (root) => path.join(root, 'elsewhere', 'greeter-plugin-x')],
    ['a folder outside the project', (_root, outside) => path.join(outside, 'store'), (_root, outside) => path.join(outside, 'store', 'greeter-plugin-x')],
    ['a sibling of the project named ..x', () => '../../..x', (root) => path.join(root, '..x', 'greeter-plugin-x')],
  ];

  for (const [format, write] of Object.entries(modulesYaml)) {
    it.each(refused)(`is not trusted when it is %s (${format})`, (_what, store, pluginAt) => {
      const outside = makeTree({ 'greeter-plugin-x': plugin, store: { 'greeter-plugin-x': plugin } });
      const root = makeTree({
        'project/vendor/greeter-plugin-x': plugin,
        'elsewhere/greeter-plugin-x': plugin,
        '..x/greeter-plugin-x': plugin,
        'project/package.json': '{}',
      });
      writeModulesYaml(root, write(store(root, outside)));
      expect(containment().withinNodeModules(pluginAt(root, outside), path.join(root, 'project', 'node_modules'))).toBe(false);
    });
  }

  it.each(Object.entries(modulesYaml))('is trusted inside the project (%s)', (_format, write) => {
    const root = makeTree({ 'project/.store/greeter-plugin-x@1.0.0/node_modules/greeter-plugin-x': plugin, 'project/..x/greeter-plugin-x': plugin });
    const nodeModules = path.join(root, 'project', 'node_modules');
    writeModulesYaml(root, write('../.store'));
    expect(containment().withinNodeModules(path.join(root, 'project/.store/greeter-plugin-x@1.0.0/node_modules/greeter-plugin-x'), nodeModules)).toBe(true);
    writeModulesYaml(root, write('../..x'));
    expect(containment().withinNodeModules(path.join(root, 'project/..x/greeter-plugin-x'), nodeModules)).toBe(true);
  });

  it('is not needed, and not trusted, when nothing is recorded', () => {
    const root = makeTree({
      'project/.store/greeter-plugin-x': plugin,
      'project/node_modules/.pnpm/greeter-plugin-x@1.0.0/node_modules/greeter-plugin-x': plugin,
    });
    const nodeModules = path.join(root, 'project', 'node_modules');
    expect(containment().withinNodeModules(path.join(nodeModules, '.pnpm/greeter-plugin-x@1.0.0/node_modules/greeter-plugin-x'), nodeModules)).toBe(true);
    expect(containment().withinNodeModules(path.join(root, 'project/.store/greeter-plugin-x'), nodeModules)).toBe(false);
  });

  it.each([
    ['PNPM_HOME', 'PNPM_HOME'],
    ['the store-dir setting', 'npm_config_store_dir'],
  ])("is trusted inside pnpm's own folders, found through %s", (_what, variable) => {
    const pnpmFolder = makeTree({ 'store/v10/links/greeter-plugin-x/1.0.0/h/node_modules/greeter-plugin-x': plugin });
    const root = makeTree({ 'project/package.json': '{}' });
    writeModulesYaml(root, modulesYaml.json(path.join(pnpmFolder, 'store', 'v10', 'links')));
    const real = path.join(pnpmFolder, 'store/v10/links/greeter-plugin-x/1.0.0/h/node_modules/greeter-plugin-x');
    const nodeModules = path.join(root, 'project', 'node_modules');
    expect(containment({ [variable]: pnpmFolder }).withinNodeModules(real, nodeModules)).toBe(true);
    expect(containment({}).withinNodeModules(real, nodeModules)).toBe(false);
  });

  it('ignores a .modules.yaml that does not parse', () => {
    const root = makeTree({ 'project/.store/greeter-plugin-x': plugin });
    writeModulesYaml(root, 'virtualStoreDir: [unclosed\n');
    expect(containment().withinNodeModules(path.join(root, 'project/.store/greeter-plugin-x'), path.join(root, 'project', 'node_modules'))).toBe(false);
  });
});

function writeModulesYaml(root: string, content: string): void {
  writeTree(root, { 'project/node_modules/.modules.yaml': content });
}

describe('a plugin linked from the project', () => {
  it('is refused when the link leads outside every searched folder', () => {
    const outside = makeTree({ 'greeter-plugin-x': plugin });
    const root = makeTree({ 'package.json': '{}', 'node_modules/greeter-plugin-x': { link: path.join(outside, 'greeter-plugin-x') } });
    const rules = containment();
    const real = rules.realpath(path.join(root, 'node_modules', 'greeter-plugin-x'));
    expect(real).toBe(path.join(outside, 'greeter-plugin-x'));
    expect(rules.withinProject(real!, root)).toBe(false);
  });

  it('is refused when a parent folder records a virtual store that is an ancestor of the project', () => {
    // <root>/node_modules records <root>/work as its store: inside <root>, but
    // an ancestor of the project <root>/work/app, so it blesses every folder
    // beside the project.
    const root = makeTree({
      'node_modules/.modules.yaml': modulesYaml.json('../work'),
      'work/other/greeter-plugin-x': plugin,
      'work/app/package.json': '{}',
      'work/app/node_modules/greeter-plugin-x': { link: '../../other/greeter-plugin-x' },
    });
    expect(containment().withinProject(path.join(root, 'work/other/greeter-plugin-x'), path.join(root, 'work/app'))).toBe(false);
  });

  it('is accepted when it lies in the node_modules of a parent folder', () => {
    const root = makeTree({ 'node_modules/greeter-plugin-x': plugin, 'app/package.json': '{}' });
    expect(containment().withinProject(path.join(root, 'node_modules', 'greeter-plugin-x'), path.join(root, 'app'))).toBe(true);
  });
});

describe('a workspace package', () => {
  const workspace = (root: Tree) =>
    makeTree({
      ...root,
      'packages/p': pluginPackage('greeter-plugin-p', 'p'),
      'packages/private': pluginPackage('greeter-plugin-private', 'private'),
      'packages/p/nested/greeter-plugin-deep': pluginPackage('greeter-plugin-deep', 'deep'),
      'plugins/q': pluginPackage('greeter-plugin-q', 'q'),
      'app/package.json': '{"name":"app"}',
    });
  const within = (root: string, folder: string) => containment().withinProject(path.join(root, folder), path.join(root, 'app'));

  it('is blessed by nothing when package.json lists no workspaces', () => {
    const root = workspace({ 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: [] }) });
    expect(['packages/p', 'plugins/q'].filter((folder) => within(root, folder))).toEqual([]);
  });

  it('is blessed by nothing when no workspace config lists it', () => {
    const root = workspace({ 'package.json': JSON.stringify({ name: 'root', private: true }) });
    expect(['packages/p', 'plugins/q'].filter((folder) => within(root, folder))).toEqual([]);
  });

  it('is blessed when package.json "workspaces" lists it, and only then', () => {
    const root = workspace({ 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }) });
    expect(['packages/p', 'packages/private', 'packages/p/nested/greeter-plugin-deep', 'plugins/q', '.'].filter((folder) => within(root, folder))).toEqual([
      'packages/p',
      'packages/private',
    ]);
  });

  it('is blessed when package.json "workspaces.packages" lists it', () => {
    const root = workspace({ 'package.json': JSON.stringify({ name: 'root', private: true, workspaces: { packages: ['./plugins/*/'] } }) });
    expect(['packages/p', 'plugins/q'].filter((folder) => within(root, folder))).toEqual(['plugins/q']);
  });

  it('follows pnpm-workspace.yaml globs, negations included', () => {
    const root = workspace({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['plugins/*'] }),
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - '!packages/private'\n",
    });
    expect(['packages/p', 'packages/private', 'plugins/q'].filter((folder) => within(root, folder))).toEqual(['packages/p']);
  });

  it('is blessed by nothing when pnpm-workspace.yaml does not parse', () => {
    const root = workspace({ 'package.json': '{"name":"root"}', 'pnpm-workspace.yaml': 'packages: [unclosed\n' });
    expect(['packages/p', 'plugins/q'].filter((folder) => within(root, folder))).toEqual([]);
  });
});

describe('isInside', () => {
  it.each([
    ['/r/p', '/r/p', true],
    ['/r/p/x', '/r/p', true],
    ['/r/p/..x', '/r/p', true],
    ['/r/p/..', '/r/p', false],
    ['/r/..x', '/r/p', false],
    ['/r/p-x', '/r/p', false],
    ['/r', '/r/p', false],
    ['/r/p/../q', '/r/p', false],
  ])('%s inside %s: %s', (child, parent, inside) => {
    expect(isInside(child, parent)).toBe(inside);
  });
});
