import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, removeTrees } from '@greeter/fixtures';
import { discoverPlugins } from '../discovery/discover-plugins.js';
import { resolveDirectly } from './resolve-directly.js';
import { resolvePlugin } from './resolve-plugin.js';

afterAll(removeTrees);

const chinese = pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] });

describe('resolveDirectly (the fast path)', () => {
  it('finds the conventional package up the tree, through pnpm links, and agrees with full resolution', () => {
    const root = makeTree({ ...pnpmLayout({ 'greeter-plugin-chinese': chinese }), 'app/package.json': '{}' });
    const cwd = path.join(root, 'app');
    const direct = resolveDirectly('chinese', { cwd, config: null });
    expect(direct?.name).toBe('greeter-plugin-chinese');
    expect(direct?.realPath).toBe(resolvePlugin(discoverPlugins({ cwd, config: null }), 'chinese').realPath);
  });

  it('follows a config alias to the package it names', () => {
    const root = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));
    const config = { filepath: path.join(root, '.greeterrc.json'), config: { aliases: { mandarin: 'chinese' } } };
    expect(resolveDirectly('mandarin', { cwd: root, config })?.name).toBe('greeter-plugin-chinese');
  });

  it('steps aside whenever the full rules could choose otherwise', () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-chinese': chinese,
        'greeter-plugin-klingon': pluginPackage('greeter-plugin-klingon', 'x', { languages: ['tlh'] }),
        'greeter-plugin-broken': pluginPackage('greeter-plugin-broken', 'x', { packageJson: { greeterPlugin: {} } }),
      }),
    );
    const filepath = path.join(root, '.greeterrc.json');
    // Config plugins rank above the project; autoDiscover off skips it.
    expect(resolveDirectly('chinese', { cwd: root, config: { filepath, config: { plugins: ['./x'] } } })).toBeUndefined();
    expect(resolveDirectly('chinese', { cwd: root, config: { filepath, config: { autoDiscover: false } } })).toBeUndefined();
    // A package that does not claim the word, a broken one, an alias, a miss.
    expect(resolveDirectly('klingon', { cwd: root, config: null })).toBeUndefined();
    expect(resolveDirectly('broken', { cwd: root, config: null })).toBeUndefined();
    expect(resolveDirectly('zh', { cwd: root, config: null })).toBeUndefined();
    expect(resolveDirectly('swedish', { cwd: root, config: null })).toBeUndefined();
  });
});
