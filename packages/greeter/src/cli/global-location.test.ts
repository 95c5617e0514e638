import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import type { GlobalInstall } from '@greeter/host';
import { globalInstallOf, globalLocationOf, packageCommand } from '@greeter/host/stages';

// Where `greeter add -g` installs: beside greeter, in the global folder of
// the manager that installed it (layouts from the managers research).
afterAll(removeTrees);

const home = '/home/ada';

function locate(packageDir: string, env: Record<string, string | undefined> = {}) {
  const install = globalInstallOf(packageDir, env, home);
  expect(install).toBeDefined();
  return { install: install as GlobalInstall, location: globalLocationOf(install as GlobalInstall, packageDir, env, home, 'linux') };
}

describe('globalLocationOf', () => {
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
    const { location } = locate('/home/ada/.bun/install/global/node_modules/greeter');
    expect(location).toMatchObject({
      folder: '/home/ada/.bun/install/global',
      env: { BUN_INSTALL_GLOBAL_DIR: '/home/ada/.bun/install/global' },
      folders: ['/home/ada/.bun/install/global/node_modules'],
    });
  });

  it("without greeter's folder: the manager's configured or default folder", () => {
    const yarn = globalLocationOf({ manager: { name: 'yarn', agent: 'yarn' } }, undefined, { YARN_GLOBAL_FOLDER: '/y' }, home, 'linux');
    expect(yarn.args).toEqual(['--global-folder', '/y']);
    const npm = globalLocationOf({ manager: { name: 'npm', agent: 'npm' } }, undefined, { npm_config_prefix: '/p' }, home, 'linux');
    expect(npm.folders).toEqual(['/p/lib/node_modules']);
  });
});
