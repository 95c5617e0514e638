import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, removeTrees } from '@greeter/fixtures';
import { discoverPlugins } from './discover-plugins.js';

afterAll(removeTrees);

const noHost = () => makeTree({ 'package.json': '{"name":"greeter","dependencies":{}}' });

function discover(cwd: string, extra: Partial<Parameters<typeof discoverPlugins>[0]> = {}) {
  return discoverPlugins({ cwd, config: null, builtinsFrom: noHost(), ...extra });
}

const names = (discovery: ReturnType<typeof discover>) => discovery.candidates.map((candidate) => candidate.name).sort();

describe('discoverPlugins', () => {
  it('finds conventional packages in an npm flat layout and ignores the rest', () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] }),
        lodash: pluginPackage('lodash', 'not a plugin'),
        'greeter-plugin': pluginPackage('greeter-plugin', 'bare prefix is not a plugin'),
      }),
    );
    const discovery = discover(root);
    expect(names(discovery)).toEqual(['greeter-plugin-chinese']);
    expect(discovery.candidates[0]).toMatchObject({ languages: ['chinese', 'zh'], source: 'project', version: '1.0.0' });
  });

  it('follows pnpm symlinks into node_modules/.pnpm, scoped packages included', () => {
    const root = makeTree(
      pnpmLayout({
        'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙'),
        '@acme/greeter-plugin-klingon': pluginPackage('@acme/greeter-plugin-klingon', 'nuqneH'),
        '@acme/greeter-plugin': pluginPackage('@acme/greeter-plugin', 'acme'),
        '@acme/other': pluginPackage('@acme/other', 'not a plugin'),
      }),
    );
    const discovery = discover(root);
    expect(names(discovery)).toEqual(['@acme/greeter-plugin', '@acme/greeter-plugin-klingon', 'greeter-plugin-chinese']);
    const chinese = discovery.candidates.find((candidate) => candidate.name === 'greeter-plugin-chinese')!;
    expect(chinese.realPath).toContain(`${path.sep}.pnpm${path.sep}`);
    expect(discovery.candidates.find((c) => c.name === '@acme/greeter-plugin')!.languages).toEqual(['acme']);
    expect(discovery.problems).toEqual([]);
  });

  it('searches the node_modules of every parent, the nearer copy shadowing the farther', () => {
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '1.0.0' }) }),
      app: npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { version: '2.0.0' }) }),
    });
    const discovery = discover(path.join(root, 'app'));
    expect(discovery.candidates).toHaveLength(1);
    expect(discovery.candidates[0]).toMatchObject({ version: '2.0.0' });
    expect(discovery.candidates[0]!.shadows).toEqual([
      { source: 'project', version: '1.0.0', path: path.join(root, 'node_modules', 'greeter-plugin-chinese') },
    ]);
    expect(discovery.searched.slice(0, 2).map((folder) => folder.path)).toEqual([path.join(root, 'app', 'node_modules'), path.join(root, 'node_modules')]);
  });

  it('reports a broken symlink and a name mismatch as problems without stopping', () => {
    const root = makeTree({
      ...npmLayout({
        'greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hejsan'),
        'greeter-plugin-liar': pluginPackage('greeter-plugin-honest', 'hi'),
      }),
      'node_modules/greeter-plugin-gone': { link: '../nowhere' },
    });
    const discovery = discover(root);
    expect(names(discovery)).toEqual(['greeter-plugin-swedish']);
    expect(discovery.problems.map((problem) => [problem.name, problem.error.code]).sort()).toEqual([
      ['greeter-plugin-gone', 'GREETER_PLUGIN_LOAD_FAILED'],
      ['greeter-plugin-liar', 'GREETER_PLUGIN_LOAD_FAILED'],
    ]);
  });

  it('refuses a plugin whose real path lies outside every searched folder', () => {
    const elsewhere = makeTree(pluginPackage('greeter-plugin-far', 'far'));
    const root = makeTree({ ...npmLayout({}), 'node_modules/greeter-plugin-far': { link: elsewhere } });
    const discovery = discover(root);
    expect(discovery.candidates).toEqual([]);
    expect(discovery.problems[0]).toMatchObject({ name: 'greeter-plugin-far' });
    expect(discovery.problems[0]!.error.code).toBe('GREETER_PLUGIN_LOAD_FAILED');
  });

  it('accepts a workspace package linked from the workspace root', () => {
    const root = makeTree({
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'package.json': '{"name":"root","private":true}',
      'packages/plugin/': pluginPackage('greeter-plugin-pirate', 'Ahoy'),
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
    expect(names(discovery)).toEqual(['greeter-plugin-good']);
    expect(discovery.problems[0]).toMatchObject({ name: 'greeter-plugin-bad' });
    expect(discovery.problems[0]!.error.code).toBe('GREETER_PLUGIN_INVALID');
  });

  it('adds config plugins by path and by name first, and skips node_modules when autoDiscover is off', () => {
    const root = makeTree({
      ...npmLayout({
        'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙'),
        // exports hides package.json: resolution falls back to the folder walk.
        'greeter-plugin-hidden': pluginPackage('greeter-plugin-hidden', 'shh', { packageJson: { exports: './index.js' } }),
      }),
      'plugins/pirate': pluginPackage('my-pirate', 'Ahoy', { languages: ['pirate'] }),
    });
    const filepath = path.join(root, '.greeterrc.json');
    const config = { filepath, config: { plugins: ['./plugins/pirate', 'hidden'], autoDiscover: false } };
    const discovery = discover(root, { config });
    expect(discovery.candidates.map((candidate) => [candidate.name, candidate.source])).toEqual([
      ['my-pirate', 'config'],
      ['greeter-plugin-hidden', 'config'],
    ]);
    expect(discovery.searched).toEqual([]);
  });

  it('reports a config plugin that is not installed', () => {
    const root = makeTree(npmLayout({}));
    const config = { filepath: path.join(root, '.greeterrc.json'), config: { plugins: ['@acme/klingon'] } };
    const discovery = discover(root, { config });
    expect(discovery.problems[0]).toMatchObject({ name: '@acme/greeter-plugin-klingon' });
    expect(discovery.problems[0]!.error.code).toBe('GREETER_PLUGIN_NOT_FOUND');
  });

  it('ranks project plugins above the built-ins of the host package', () => {
    const hostDir = makeTree({
      'package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1', semver: '1' } }),
      node_modules: { 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Hello Universe', { version: '1.0.0' }) },
    });
    const root = makeTree(npmLayout({ 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Howdy', { version: '9.0.0' }) }));
    const discovery = discoverPlugins({ cwd: root, config: null, builtinsFrom: hostDir });
    expect(discovery.candidates).toHaveLength(1);
    expect(discovery.candidates[0]).toMatchObject({ source: 'project', version: '9.0.0' });
    expect(discovery.candidates[0]!.shadows.map((copy) => copy.source)).toEqual(['builtin']);
  });
});
