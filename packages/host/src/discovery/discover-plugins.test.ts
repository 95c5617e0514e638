import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, removeTrees } from '@greeter/fixtures';
import { createContainment } from './containment.js';
import { discoverPlugins, type DiscoverOptions } from './discover-plugins.js';

afterAll(removeTrees);

function discover(cwd: string, extra: Partial<DiscoverOptions> = {}) {
  return discoverPlugins({
    cwd,
    config: null,
    containment: createContainment({ env: {}, platform: 'linux', home: '/nonexistent-greeter-home', uid: 1000, execPath: '/nonexistent/bin/node' }),
    addCommand: (name) => `pnpm add ${name}`,
    ...extra,
  });
}

type Found = ReturnType<typeof discover>;
const names = (discovery: Found) => discovery.candidates.map((candidate) => candidate.name).sort();
const problems = (discovery: Found) => discovery.problems.map((problem) => [problem.name, problem.error.code]).sort();

describe('discoverPlugins', () => {
  it('lists conventional packages of an npm layout and never reads the others', () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] }),
        // Never read: a package.json that does not parse would be a problem.
        lodash: { 'package.json': 'not json' },
        'greeter-plugin': { 'package.json': 'not json' },
        '@acme/other': { 'package.json': 'not json' },
      }),
    );
    const discovery = discover(root);
    expect({ names: names(discovery), problems: problems(discovery) }).toEqual({ names: ['greeter-plugin-chinese'], problems: [] });
    expect(discovery.candidates[0]).toMatchObject({
      languages: ['chinese', 'zh'],
      source: 'project',
      version: '1.0.0',
      origin: path.join(root, 'node_modules'),
    });
  });

  it('follows pnpm symlinks into the virtual store, scoped packages included', () => {
    const root = makeTree(
      pnpmLayout({
        'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙'),
        '@acme/greeter-plugin-klingon': pluginPackage('@acme/greeter-plugin-klingon', 'nuqneH'),
        '@acme/greeter-plugin': pluginPackage('@acme/greeter-plugin', 'acme'),
      }),
    );
    const discovery = discover(root);
    expect(names(discovery)).toEqual(['@acme/greeter-plugin', '@acme/greeter-plugin-klingon', 'greeter-plugin-chinese']);
    const chinese = discovery.candidates.find((candidate) => candidate.name === 'greeter-plugin-chinese')!;
    expect({ path: chinese.path, realPath: chinese.realPath }).toEqual({
      path: path.join(root, 'node_modules', 'greeter-plugin-chinese'),
      realPath: path.join(root, 'node_modules', '.pnpm', 'greeter-plugin-chinese@1.0.0', 'node_modules', 'greeter-plugin-chinese'),
    });
    expect(discovery.candidates.find((candidate) => candidate.name === '@acme/greeter-plugin')!.languages).toEqual(['acme']);
  });

  it('searches the node_modules of every parent, the nearer copy shadowing the farther', () => {
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '1.0.0' }) }),
      app: npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { version: '2.0.0' }) }),
    });
    const discovery = discover(path.join(root, 'app'));
    const farther = path.join(root, 'node_modules', 'greeter-plugin-chinese');
    expect(discovery.candidates.map((candidate) => [candidate.version, candidate.shadows])).toEqual([
      ['2.0.0', [{ source: 'project', version: '1.0.0', path: farther, realPath: farther }]],
    ]);
    expect(discovery.searched.slice(0, 2)).toEqual([
      { path: path.join(root, 'app', 'node_modules'), source: 'project' },
      { path: path.join(root, 'node_modules'), source: 'project' },
    ]);
  });

  it('reports a broken link and a folder whose package.json names another package, and goes on', () => {
    const root = makeTree({
      ...npmLayout({
        'greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hejsan'),
        'greeter-plugin-liar': pluginPackage('greeter-plugin-honest', 'hi'),
        'greeter-plugin-unparsable': { 'package.json': '{' },
      }),
      'node_modules/greeter-plugin-gone': { link: '../nowhere' },
    });
    const discovery = discover(root);
    expect(names(discovery)).toEqual(['greeter-plugin-swedish']);
    expect(problems(discovery)).toEqual([
      ['greeter-plugin-gone', 'GREETER_PLUGIN_LOAD_FAILED'],
      ['greeter-plugin-liar', 'GREETER_PLUGIN_LOAD_FAILED'],
      ['greeter-plugin-unparsable', 'GREETER_PLUGIN_LOAD_FAILED'],
    ]);
  });

  it('refuses a plugin whose real path lies outside every searched folder', () => {
    const elsewhere = makeTree(pluginPackage('greeter-plugin-far', 'far'));
    const root = makeTree({ ...npmLayout({}), 'node_modules/greeter-plugin-far': { link: elsewhere } });
    const discovery = discover(root);
    expect({ names: names(discovery), problems: problems(discovery) }).toEqual({ names: [], problems: [['greeter-plugin-far', 'GREETER_PLUGIN_LOAD_FAILED']] });
  });

  it('accepts a workspace package that the workspace root lists', () => {
    const root = makeTree({
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'package.json': '{"name":"root","private":true}',
      'packages/plugin': pluginPackage('greeter-plugin-pirate', 'Ahoy'),
      'packages/app/package.json': '{"name":"app"}',
      'packages/app/node_modules/greeter-plugin-pirate': { link: '../../plugin' },
    });
    expect(names(discover(path.join(root, 'packages', 'app')))).toEqual(['greeter-plugin-pirate']);
  });

  it('reads an invalid manifest as a problem of that plugin alone', () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-bad': pluginPackage('greeter-plugin-bad', 'x', { packageJson: { greeterPlugin: { languages: 'bad' } } }),
        'greeter-plugin-good': pluginPackage('greeter-plugin-good', 'x'),
      }),
    );
    const discovery = discover(root);
    expect({ names: names(discovery), problems: problems(discovery) }).toEqual({
      names: ['greeter-plugin-good'],
      problems: [['greeter-plugin-bad', 'GREETER_PLUGIN_INVALID']],
    });
  });

  it('reads config plugins by path and by name first, and searches nothing else when autoDiscover is off', () => {
    const root = makeTree({
      ...npmLayout({
        'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙'),
        // "exports" hides package.json from Node's resolver: the folder walk still finds it.
        'greeter-plugin-hidden': pluginPackage('greeter-plugin-hidden', 'shh', { packageJson: { exports: './index.js' } }),
      }),
      'plugins/pirate': pluginPackage('my-pirate', 'Ahoy', { languages: ['pirate'] }),
    });
    const config = { filepath: path.join(root, '.greeterrc.json'), config: { plugins: ['./plugins/pirate', 'hidden'], autoDiscover: false } };
    const discovery = discover(root, { config });
    expect(discovery.candidates.map((candidate) => [candidate.name, candidate.source])).toEqual([
      ['my-pirate', 'config'],
      ['greeter-plugin-hidden', 'config'],
    ]);
    expect(discovery.searched).toEqual([]);
  });

  it('reads a --plugin folder as a config plugin', () => {
    const root = makeTree({ 'local/pirate': pluginPackage('my-pirate', 'Ahoy', { languages: ['pirate'] }) });
    const discovery = discover(root, { explicitPlugins: ['local/pirate'] });
    expect(discovery.candidates.map((candidate) => [candidate.name, candidate.source, candidate.origin, candidate.path])).toEqual([
      ['my-pirate', 'config', '--plugin', path.join(root, 'local', 'pirate')],
    ]);
  });

  it('reports a config plugin that is not installed', () => {
    const root = makeTree(npmLayout({}));
    const config = { filepath: path.join(root, '.greeterrc.json'), config: { plugins: ['@acme/klingon'] } };
    expect(problems(discover(root, { config }))).toEqual([['@acme/greeter-plugin-klingon', 'GREETER_PLUGIN_NOT_FOUND']]);
  });

  it('ranks project plugins above the built-ins of the host package', () => {
    const hostDir = makeTree({
      'package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1', semver: '1' } }),
      node_modules: { 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Hello Universe', { version: '1.0.0' }) },
    });
    const root = makeTree(npmLayout({ 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Howdy', { version: '9.0.0' }) }));
    const discovery = discover(root, { builtinsFrom: hostDir });
    expect(discovery.candidates.map((candidate) => [candidate.source, candidate.version, candidate.shadows.map((copy) => copy.source)])).toEqual([
      ['project', '9.0.0', ['builtin']],
    ]);
  });

  it('counts one folder reached from two sources once, not as its own shadow', () => {
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Hello Universe') }),
      'node_modules/greeter/package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1' } }),
    });
    const discovery = discover(root, { builtinsFrom: path.join(root, 'node_modules', 'greeter') });
    expect(discovery.candidates.map((candidate) => [candidate.source, candidate.shadows])).toEqual([['project', []]]);
  });

  it('reports a host package without a readable package.json as a problem', () => {
    const discovery = discover(makeTree(), { builtinsFrom: makeTree() });
    expect(problems(discovery)).toEqual([[undefined, 'GREETER_PLUGIN_LOAD_FAILED']]);
  });

  describe('limited to a few names (the fast path)', () => {
    it('asks each folder for those names only, and reads nothing else', () => {
      const root = makeTree({
        ...npmLayout({
          'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙'),
          'greeter-plugin-broken': { 'package.json': 'not json' },
        }),
        app: npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '2.0.0' }) }),
      });
      const discovery = discover(path.join(root, 'app'), { only: ['greeter-plugin-chinese', 'greeter-plugin-absent'] });
      expect({ names: names(discovery), problems: problems(discovery), only: discovery.only }).toEqual({
        names: ['greeter-plugin-chinese'],
        problems: [],
        only: ['greeter-plugin-chinese', 'greeter-plugin-absent'],
      });
      expect(discovery.candidates[0]!.shadows.map((copy) => copy.path)).toEqual([path.join(root, 'node_modules', 'greeter-plugin-chinese')]);
    });

    it('reports a broken link for a name it asked for', () => {
      const root = makeTree({ ...npmLayout({}), 'node_modules/greeter-plugin-gone': { link: '../nowhere' } });
      expect(problems(discover(root, { only: ['greeter-plugin-gone'] }))).toEqual([['greeter-plugin-gone', 'GREETER_PLUGIN_LOAD_FAILED']]);
    });

    it('still reads every config plugin, and only the named built-ins', () => {
      const hostDir = makeTree({
        'package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1', 'greeter-plugin-swedish': '1' } }),
        node_modules: {
          'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Hello'),
          'greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej'),
        },
      });
      const root = makeTree({ 'plugins/pirate': pluginPackage('my-pirate', 'Ahoy', { languages: ['pirate'] }) });
      const config = { filepath: path.join(root, '.greeterrc.json'), config: { plugins: ['./plugins/pirate'] } };
      const discovery = discover(root, { config, builtinsFrom: hostDir, only: ['greeter-plugin-english'] });
      expect(discovery.candidates.map((candidate) => [candidate.name, candidate.source])).toEqual([
        ['my-pirate', 'config'],
        ['greeter-plugin-english', 'builtin'],
      ]);
    });
  });
});
