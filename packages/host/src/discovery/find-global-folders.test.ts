import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { createContainment } from './containment.js';
import { discoverPlugins } from './discover-plugins.js';
import { findGlobalFolders, installedBeside, pnpmHomeOf, type GlobalEnvironment } from './find-global-folders.js';

afterAll(removeTrees);

const home = '/nonexistent-greeter-home/ada';
// yarn classic keeps root's global folder under /usr/local/share.
const rootYarn = process.getuid?.() === 0 ? ['/usr/local/share/.config/yarn/global/node_modules'] : [];

describe('findGlobalFolders', () => {
  it('lists the folder greeter was installed into, then npm, pnpm, yarn and bun global folders, from the environment alone', () => {
    const folders = findGlobalFolders({
      env: { npm_config_prefix: '/opt/npm' },
      execPath: '/usr/local/bin/node',
      platform: 'linux',
      home,
      hostDir: '/usr/lib/node_modules/greeter',
    });
    expect(folders).toEqual([
      '/usr/lib/node_modules',
      '/opt/npm/lib/node_modules',
      '/usr/local/lib/node_modules',
      `${home}/.local/share/pnpm/global/5/node_modules`,
      `${home}/.config/yarn/global/node_modules`,
      ...rootYarn,
      `${home}/.bun/install/global/node_modules`,
    ]);
  });

  it('lists a folder once when two settings name it', () => {
    const folders = findGlobalFolders({
      env: { npm_config_prefix: '/usr/local' },
      execPath: '/usr/local/bin/node',
      platform: 'linux',
      home,
      hostDir: '/usr/local/lib/node_modules/greeter',
    });
    expect(folders.filter((folder) => folder === '/usr/local/lib/node_modules')).toHaveLength(1);
  });

  it('takes the folders the environment names over the defaults', () => {
    const env = { XDG_DATA_HOME: '/data', YARN_GLOBAL_FOLDER: '/yarn-global', BUN_INSTALL: '/bun' };
    expect(findGlobalFolders({ env, execPath: '/usr/bin/node', platform: 'linux', home })).toEqual([
      '/usr/lib/node_modules',
      '/data/pnpm/global/5/node_modules',
      '/yarn-global/node_modules',
      '/data/yarn/global/node_modules',
      `${home}/.config/yarn/global/node_modules`,
      ...rootYarn,
      '/bun/install/global/node_modules',
    ]);
  });

  it("lists each pnpm 11 global package's own folder, real folders only, in a stable order", () => {
    const pnpmHome = makeTree({ 'global/v11/bbb-1/node_modules': {}, 'global/v11/aaa-0/node_modules': {}, 'global/v11/hash': { link: 'aaa-0' } });
    const folders = findGlobalFolders({ env: { PNPM_HOME: pnpmHome }, execPath: '/usr/bin/node', platform: 'linux', home });
    expect(folders.filter((folder) => folder.startsWith(pnpmHome))).toEqual([
      path.join(pnpmHome, 'global/v11/aaa-0/node_modules'),
      path.join(pnpmHome, 'global/v11/bbb-1/node_modules'),
      path.join(pnpmHome, 'global/5/node_modules'),
    ]);
  });

  it('does not take a pnpm virtual store for the folder greeter was installed into', () => {
    const folders = findGlobalFolders({
      env: {},
      execPath: '/usr/bin/node',
      platform: 'linux',
      home,
      hostDir: '/p/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter',
    });
    expect(folders[0]).toBe('/p/node_modules');
    expect(folders).not.toContain('/p/node_modules/.pnpm/greeter@1.0.0/node_modules');
  });
});

describe('installedBeside', () => {
  it.each([
    ['/x/node_modules/greeter', '/x/node_modules'],
    ['/x/node_modules/@acme/greeter', '/x/node_modules'],
    ['/x/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter', '/x/node_modules'],
    ['/h/pnpm/store/v10/links/@/greeter/1.0.0/abc/node_modules/greeter', undefined],
    ['/src/greeter', undefined],
  ])('%s was installed into %s', (packageDir, folder) => {
    expect(installedBeside(packageDir)).toBe(folder);
  });
});

describe('pnpmHomeOf', () => {
  it.each([
    [{ PNPM_HOME: '/pnpm' }, 'linux', '/pnpm'],
    [{}, 'linux', `${home}/.local/share/pnpm`],
    [{ XDG_DATA_HOME: '/data' }, 'linux', '/data/pnpm'],
    [{}, 'darwin', `${home}/Library/pnpm`],
    [{ LOCALAPPDATA: '/appdata' }, 'win32', '/appdata/pnpm'],
  ] as const)('%o on %s is %s', (env, platform, expected) => {
    expect(pnpmHomeOf(env, platform, home)).toBe(expected);
  });
});

describe('global discovery', () => {
  const discover = (cwd: string, global: GlobalEnvironment, config: Parameters<typeof discoverPlugins>[0]['config'] = null) =>
    discoverPlugins({
      cwd,
      config,
      global,
      containment: createContainment({ env: global.env, platform: global.platform, home: global.home ?? home }),
      addCommand: (name) => `npm i -g ${name}`,
    });

  it('finds plugins in npm and pnpm 11 global folders, below the project', () => {
    const pnpmHome = makeTree({
      'global/v11/aaa-0/node_modules/greeter-plugin-klingon': {
        link: '../../../../store/v11/links/@/greeter-plugin-klingon/1.0.0/h/node_modules/greeter-plugin-klingon',
      },
      'global/v11/aaa-0/node_modules/.modules.yaml': JSON.stringify({ virtualStoreDir: '../../../../store/v11/links' }),
      'store/v11/links/@/greeter-plugin-klingon/1.0.0/h/node_modules/greeter-plugin-klingon': pluginPackage('greeter-plugin-klingon', 'nuqneH'),
      'global/v11/hash': { link: 'aaa-0' },
    });
    const prefix = makeTree({ 'lib/node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { version: '1.0.0' }) });
    const project = makeTree(npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '2.0.0' }) }));
    const discovery = discover(project, {
      env: { PNPM_HOME: pnpmHome, npm_config_prefix: prefix },
      execPath: '/nonexistent/bin/node',
      platform: 'linux',
      home,
    });
    const globalCopy = path.join(prefix, 'lib/node_modules/greeter-plugin-chinese');
    expect(discovery.problems).toEqual([]);
    expect(discovery.candidates.map((candidate) => [candidate.name, candidate.source, candidate.shadows])).toEqual([
      ['greeter-plugin-chinese', 'project', [{ source: 'global', version: '1.0.0', path: globalCopy, realPath: globalCopy }]],
      ['greeter-plugin-klingon', 'global', []],
    ]);
  });

  it('refuses a global plugin linked outside pnpm folders', () => {
    const outside = makeTree(pluginPackage('greeter-plugin-klingon', 'nuqneH'));
    const pnpmHome = makeTree({ 'global/v11/aaa-0/node_modules/greeter-plugin-klingon': { link: outside } });
    const discovery = discover(makeTree(), { env: { PNPM_HOME: pnpmHome }, execPath: '/nonexistent/bin/node', platform: 'linux', home });
    expect(discovery.problems.map((problem) => [problem.name, problem.error.code])).toEqual([['greeter-plugin-klingon', 'GREETER_PLUGIN_LOAD_FAILED']]);
  });

  it('searches no global folder when autoDiscover is off', () => {
    const prefix = makeTree({ 'lib/node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙') });
    const config = { filepath: '/nonexistent/.greeterrc.json', config: { autoDiscover: false } };
    const discovery = discover(makeTree(), { env: { npm_config_prefix: prefix }, execPath: '/nonexistent/bin/node', platform: 'linux', home }, config);
    expect({ candidates: discovery.candidates, searched: discovery.searched }).toEqual({ candidates: [], searched: [] });
  });
});
