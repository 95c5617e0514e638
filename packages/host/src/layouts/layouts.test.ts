import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { packageCommand } from '../package-manager.js';
import {
  findGlobalFolders,
  globalInstallOf,
  globalLocationOf,
  installedBeside,
  isInstallLocation,
  pnpmHomeOf,
  virtualStoreRootOf,
  type LayoutEnvironment,
} from './layouts.js';

afterAll(removeTrees);

const home = '/nonexistent-greeter-home/ada';

/** A machine for the layouts, as a non-root Linux user unless told otherwise. */
function machine(env: Record<string, string | undefined> = {}, overrides: Partial<LayoutEnvironment> = {}): LayoutEnvironment {
  return { env, platform: 'linux', home, uid: 1000, execPath: '/usr/local/bin/node', ...overrides };
}

describe('findGlobalFolders', () => {
  it('lists the folder greeter was installed into, then npm, pnpm, yarn and bun global folders, from the environment alone', () => {
    expect(findGlobalFolders(machine({ npm_config_prefix: '/opt/npm' }), '/usr/lib/node_modules/greeter')).toEqual([
      '/usr/lib/node_modules',
      '/opt/npm/lib/node_modules',
      '/usr/local/lib/node_modules',
      `${home}/.local/share/pnpm/global/5/node_modules`,
      `${home}/.config/yarn/global/node_modules`,
      `${home}/.bun/install/global/node_modules`,
    ]);
  });

  it('lists a folder once when two settings name it', () => {
    const folders = findGlobalFolders(machine({ npm_config_prefix: '/usr/local' }), '/usr/local/lib/node_modules/greeter');
    expect(folders.filter((folder) => folder === '/usr/local/lib/node_modules')).toHaveLength(1);
  });

  it('takes the folders the environment names over the defaults', () => {
    const env = { XDG_DATA_HOME: '/data', YARN_GLOBAL_FOLDER: '/yarn-global', BUN_INSTALL: '/bun' };
    expect(findGlobalFolders(machine(env, { execPath: '/usr/bin/node' }))).toEqual([
      '/usr/lib/node_modules',
      '/data/pnpm/global/5/node_modules',
      '/yarn-global/node_modules',
      '/data/yarn/global/node_modules',
      `${home}/.config/yarn/global/node_modules`,
      '/bun/install/global/node_modules',
    ]);
    expect(findGlobalFolders(machine({ BUN_INSTALL_GLOBAL_DIR: '/bun-global' })).at(-1)).toBe('/bun-global/node_modules');
  });

  it("takes yarn classic's home for root from /usr/local/share, as yarn does", () => {
    expect(findGlobalFolders(machine({}, { uid: 0 }))).toContain('/usr/local/share/.config/yarn/global/node_modules');
    expect(findGlobalFolders(machine({}, { uid: 0 }))).not.toContain(`${home}/.config/yarn/global/node_modules`);
  });

  it("lists each pnpm 11 global package's own folder, real folders only, in a stable order", () => {
    const pnpmHome = makeTree({ 'global/v11/bbb-1/node_modules': {}, 'global/v11/aaa-0/node_modules': {}, 'global/v11/hash': { link: 'aaa-0' } });
    expect(findGlobalFolders(machine({ PNPM_HOME: pnpmHome })).filter((folder) => folder.startsWith(pnpmHome))).toEqual([
      path.join(pnpmHome, 'global/v11/aaa-0/node_modules'),
      path.join(pnpmHome, 'global/v11/bbb-1/node_modules'),
      path.join(pnpmHome, 'global/5/node_modules'),
    ]);
  });

  it('does not take a pnpm virtual store for the folder greeter was installed into', () => {
    const folders = findGlobalFolders(machine(), '/p/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter');
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

describe('virtualStoreRootOf', () => {
  it.each([
    ['/p/node_modules/.pnpm/x@1.0.0/node_modules/x', '/p/node_modules/.pnpm'],
    ['/home/u/.local/share/pnpm/store/v10/links/@/x/1.0.0/h/node_modules/x', '/home/u/.local/share/pnpm/store/v10/links'],
    ['/p/node_modules/.bun/x@1.0.0/node_modules/x', '/p/node_modules/.bun'],
    ['/p/node_modules/x', undefined],
    ['/p/.pnpm/x', undefined],
  ])('%s lies in the store %s', (real, store) => {
    expect(virtualStoreRootOf(real)).toBe(store);
  });
});

describe('isInstallLocation', () => {
  it.each([
    ['/p/node_modules/dep', 'dep', true],
    ['/p/node_modules/@acme/dep', '@acme/dep', true],
    ['/p/node_modules/.pnpm/dep@1.0.0/node_modules/dep', 'dep', true],
    ['/s/v10/links/@/dep/1.0.0/h/node_modules/dep', 'dep', true],
    ['/p/.yarn/cache/dep-npm-1.0.0-abc.zip/node_modules/dep', 'dep', true],
    ['/p/node_modules/other', 'dep', false],
    ['/p/packages/dep', 'dep', false],
    ['/home/ada/.ssh', 'dep', false],
    ['/p/node_modules/dep/node_modules/x/dep', 'dep', false],
  ])('%s installs %s: %s', (real, name, expected) => {
    expect(isInstallLocation(real, name)).toBe(expected);
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
    expect(pnpmHomeOf(machine(env, { platform }))).toBe(expected);
  });
});

describe('globalInstallOf', () => {
  it.each<[string, Record<string, string>, unknown]>([
    ['/usr/local/lib/node_modules/greeter', {}, { manager: { name: 'npm', agent: 'npm' }, prefix: '/usr/local' }],
    ['/opt/npm/lib/node_modules/@acme/greeter', {}, { manager: { name: 'npm', agent: 'npm' }, prefix: '/opt/npm' }],
    [`${home}/.local/share/pnpm/global/5/node_modules/greeter`, {}, { manager: { name: 'pnpm', agent: 'pnpm' } }],
    ['/pnpm/global/v11/abc/node_modules/greeter', { PNPM_HOME: '/pnpm' }, { manager: { name: 'pnpm', agent: 'pnpm' } }],
    ['/cache/pnpm/store/v10/links/@/greeter/1.0.0/h/node_modules/greeter', {}, { manager: { name: 'pnpm', agent: 'pnpm' } }],
    [`${home}/.config/yarn/global/node_modules/greeter`, {}, { manager: { name: 'yarn', agent: 'yarn' } }],
    [`${home}/.bun/install/global/node_modules/greeter`, {}, { manager: { name: 'bun', agent: 'bun' } }],
    ['/bun/install/global/node_modules/greeter', { BUN_INSTALL: '/bun' }, { manager: { name: 'bun', agent: 'bun' } }],
    ['/work/app/node_modules/greeter', {}, undefined],
    ['/work/app/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter', {}, undefined],
    ['/work/greeter', {}, undefined],
  ])('%s (%o)', (packageDir, env, install) => {
    expect(globalInstallOf(packageDir, machine(env))).toEqual(install);
  });

  it("recognises pnpm's store by its own folders, whatever the store is called", () => {
    const store = makeTree({ 'v11/files/00': {}, 'v11/links/@/greeter/1.0.0/h/node_modules/greeter/package.json': '{}' });
    const elsewhere = makeTree({ 'v11/links/@/greeter/1.0.0/h/node_modules/greeter/package.json': '{}' });
    const realDir = (root: string) => path.join(root, 'v11/links/@/greeter/1.0.0/h/node_modules/greeter');
    expect(globalInstallOf(realDir(store), machine())).toEqual({ manager: { name: 'pnpm', agent: 'pnpm' } });
    expect(globalInstallOf(realDir(elsewhere), machine())).toBeUndefined();
  });
});

// Where `greeter add -g` installs: beside greeter, in the global folder of the manager that installed it.
describe('globalLocationOf', () => {
  function locate(packageDir: string, env: Record<string, string | undefined> = {}) {
    const install = globalInstallOf(packageDir, machine(env));
    if (install === undefined) throw new Error(`${packageDir} is not a global install`);
    return { install, location: globalLocationOf(install, packageDir, machine(env)) };
  }

  it('npm: the prefix greeter is installed under, passed with --prefix', () => {
    const { install, location } = locate('/opt/node/lib/node_modules/greeter');
    expect(location).toMatchObject({ folder: '/opt/node/lib/node_modules', folders: ['/opt/node/lib/node_modules'], env: {}, args: [] });
    expect(packageCommand(install.manager, 'add', 'greeter-plugin-x@1.0.0', install)).toEqual([
      'npm',
      'i',
      '-g',
      '--prefix',
      '/opt/node',
      'greeter-plugin-x@1.0.0',
    ]);
  });

  it("pnpm: PNPM_HOME from greeter's own path, its bin folder on PATH, every per-package global folder", () => {
    const pnpmHome = path.join(
      makeTree({ 'pnpm/global/v11/aaaa-1/node_modules/greeter-plugin-x/package.json': '{}', 'pnpm/global/v11/bbbb-2/node_modules/greeter/package.json': '{}' }),
      'pnpm',
    );
    for (const packageDir of [
      path.join(pnpmHome, 'store/v11/links/@/greeter/1.0.0/0123abcd/node_modules/greeter'),
      path.join(pnpmHome, 'global/v11/bbbb-2/node_modules/greeter'),
    ]) {
      const { location } = locate(packageDir, { PATH: '/usr/bin' });
      expect(location.folder).toBe(path.join(pnpmHome, 'global'));
      expect(location.folders).toEqual(
        expect.arrayContaining([path.join(pnpmHome, 'global/v11/aaaa-1/node_modules'), path.join(pnpmHome, 'global/v11/bbbb-2/node_modules')]),
      );
      expect(location.env).toEqual({ PNPM_HOME: pnpmHome, PATH: `${path.join(pnpmHome, 'bin')}${path.delimiter}/usr/bin` });
    }
  });

  it('pnpm with a store of any name: PNPM_HOME as configured', () => {
    const store = makeTree({ 'v11/files/00': {} });
    const pnpmHome = makeTree({ 'global/v11/aaaa-1/node_modules': {} });
    const { location } = locate(path.join(store, 'v11/links/@/greeter/1.0.0/h/node_modules/greeter'), { PNPM_HOME: pnpmHome });
    expect(location).toMatchObject({
      folder: path.join(pnpmHome, 'global'),
      folders: [path.join(pnpmHome, 'global/v11/aaaa-1/node_modules'), path.join(pnpmHome, 'global/5/node_modules')],
    });
  });

  it('yarn classic: the global folder greeter is in, passed with --global-folder; its package.json and lockfile restorable', () => {
    const { install, location } = locate('/data/yarn/global/node_modules/greeter');
    expect(location).toMatchObject({
      folder: '/data/yarn/global',
      args: ['--global-folder', '/data/yarn/global'],
      files: ['/data/yarn/global/package.json', '/data/yarn/global/yarn.lock'],
    });
    expect(packageCommand(install.manager, 'remove', 'greeter-plugin-x', install)).toEqual(['yarn', 'global', 'remove', 'greeter-plugin-x']);
  });

  it('bun: BUN_INSTALL_GLOBAL_DIR, the folder greeter is in', () => {
    const { location } = locate(`${home}/.bun/install/global/node_modules/greeter`);
    expect(location).toMatchObject({
      folder: `${home}/.bun/install/global`,
      env: { BUN_INSTALL_GLOBAL_DIR: `${home}/.bun/install/global` },
      folders: [`${home}/.bun/install/global/node_modules`],
    });
  });

  it("without greeter's folder: the manager's configured or default folder", () => {
    const yarn = globalLocationOf({ manager: { name: 'yarn', agent: 'yarn' } }, undefined, machine({ YARN_GLOBAL_FOLDER: '/y' }));
    expect(yarn.args).toEqual(['--global-folder', '/y']);
    const rootYarn = globalLocationOf({ manager: { name: 'yarn', agent: 'yarn' } }, undefined, machine({}, { uid: 0 }));
    expect(rootYarn.folder).toBe('/usr/local/share/.config/yarn/global');
    const npm = globalLocationOf({ manager: { name: 'npm', agent: 'npm' } }, undefined, machine({ npm_config_prefix: '/p' }));
    expect(npm.folders).toEqual(['/p/lib/node_modules']);
    const berry = globalLocationOf({ manager: { name: 'yarn', agent: 'yarn@berry' } }, undefined, machine({ npm_config_prefix: '/p' }));
    expect(berry.folders).toEqual(['/p/lib/node_modules']);
  });
});
