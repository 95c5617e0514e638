import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { discoverPlugins } from './discover-plugins.js';
import { findGlobalFolders } from './find-global-folders.js';

afterAll(removeTrees);

const home = '/home/ada';

describe('findGlobalFolders', () => {
  it('lists npm, pnpm and yarn global folders from the environment alone', () => {
    const folders = findGlobalFolders({ env: { npm_config_prefix: '/opt/npm' }, execPath: '/usr/local/bin/node', platform: 'linux', home, hostDir: '/usr/lib/node_modules/greeter' });
    expect(folders).toEqual([
      '/usr/lib/node_modules',
      '/opt/npm/lib/node_modules',
      '/usr/local/lib/node_modules',
      '/home/ada/.local/share/pnpm/global/5/node_modules',
      '/home/ada/.config/yarn/global/node_modules',
    ]);
  });

  it('does not take a pnpm virtual store for a global folder', () => {
    const folders = findGlobalFolders({ env: {}, execPath: '/usr/bin/node', platform: 'linux', home, hostDir: '/p/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter' });
    expect(folders).not.toContain('/p/node_modules/.pnpm/greeter@1.0.0/node_modules');
  });

  it('uses the default pnpm home of each platform', () => {
    expect(findGlobalFolders({ env: {}, execPath: '/usr/bin/node', platform: 'darwin', home })).toContain('/home/ada/Library/pnpm/global/5/node_modules');
    expect(findGlobalFolders({ env: { XDG_DATA_HOME: '/data' }, execPath: '/usr/bin/node', platform: 'linux', home })).toContain('/data/pnpm/global/5/node_modules');
  });
});

describe('global discovery', () => {
  it('finds plugins in npm and pnpm 11+ global folders, below the project', () => {
    const pnpmHome = makeTree({
      'global/v11/aaa-0/node_modules/greeter-plugin-klingon': { link: '../../../../store/v11/links/@/greeter-plugin-klingon/1.0.0/h/node_modules/greeter-plugin-klingon' },
      'global/v11/aaa-0/node_modules/.modules.yaml': JSON.stringify({ virtualStoreDir: '../../../../store/v11/links' }),
      'store/v11/links/@/greeter-plugin-klingon/1.0.0/h/node_modules/greeter-plugin-klingon': pluginPackage('greeter-plugin-klingon', 'nuqneH'),
      'global/v11/hash': { link: 'aaa-0' },
    });
    const prefix = makeTree({ 'lib/node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { version: '1.0.0' }) });
    const project = makeTree(npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '2.0.0' }) }));
    const discovery = discoverPlugins({
      cwd: project,
      config: null,
      global: { env: { PNPM_HOME: pnpmHome, npm_config_prefix: prefix }, execPath: '/nonexistent/bin/node', platform: 'linux', home: '/nonexistent' },
    });
    const byName = Object.fromEntries(discovery.candidates.map((candidate) => [candidate.name, candidate]));
    expect(byName['greeter-plugin-klingon']).toMatchObject({ source: 'global' });
    expect(byName['greeter-plugin-chinese']).toMatchObject({ source: 'project', version: '2.0.0' });
    expect(byName['greeter-plugin-chinese']!.shadows).toEqual([{ source: 'global', version: '1.0.0', path: path.join(prefix, 'lib/node_modules/greeter-plugin-chinese') }]);
    expect(discovery.problems).toEqual([]);
  });

  it('skips global folders when autoDiscover is off', () => {
    const prefix = makeTree({ 'lib/node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙') });
    const config = { filepath: '/x/.greeterrc.json', config: { autoDiscover: false } };
    const discovery = discoverPlugins({ cwd: makeTree(), config, global: { env: { npm_config_prefix: prefix }, execPath: '/nonexistent/bin/node', platform: 'linux', home: '/nonexistent' } });
    expect(discovery.candidates).toEqual([]);
  });
});
