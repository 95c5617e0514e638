import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees, type Tree } from '@greeter/fixtures';
import { detectPackageManager, formatCommand, fromUserAgent, installCommand, packageCommand, type PackageManager } from './package-manager.js';

afterAll(removeTrees);

const detect = (tree: Tree, env: Record<string, string | undefined> = {}, from = '.') => detectPackageManager(path.join(makeTree(tree), from), env);

describe('detectPackageManager', () => {
  it.each<[string, Tree, PackageManager]>([
    ['pnpm-lock.yaml', { 'pnpm-lock.yaml': '' }, { name: 'pnpm', agent: 'pnpm' }],
    ['pnpm-workspace.yaml', { 'pnpm-workspace.yaml': '' }, { name: 'pnpm', agent: 'pnpm' }],
    ['yarn.lock', { 'yarn.lock': '' }, { name: 'yarn', agent: 'yarn' }],
    ['package-lock.json', { 'package-lock.json': '{}' }, { name: 'npm', agent: 'npm' }],
    ['npm-shrinkwrap.json', { 'npm-shrinkwrap.json': '{}' }, { name: 'npm', agent: 'npm' }],
    ['bun.lock', { 'bun.lock': '' }, { name: 'bun', agent: 'bun' }],
    ['bun.lockb', { 'bun.lockb': '' }, { name: 'bun', agent: 'bun' }],
    ['.pnp.cjs', { '.pnp.cjs': '' }, { name: 'yarn', agent: 'yarn@berry' }],
    ['.yarnrc.yml', { '.yarnrc.yml': '' }, { name: 'yarn', agent: 'yarn@berry' }],
  ])('reads %s', (_file, tree, manager) => {
    expect(detect(tree)).toEqual(manager);
  });

  it("takes two lockfiles side by side in package-manager-detector's order, whatever order the folder lists them in", () => {
    expect(detect({ 'package-lock.json': '{}', 'pnpm-lock.yaml': '' })).toEqual({ name: 'pnpm', agent: 'pnpm' });
    expect(detect({ 'package-lock.json': '{}', 'yarn.lock': '' })).toEqual({ name: 'yarn', agent: 'yarn' });
    expect(detect({ 'bun.lock': '', 'package-lock.json': '{}', 'yarn.lock': '' })).toEqual({ name: 'bun', agent: 'bun' });
  });

  it.each<[string, PackageManager]>([
    ['yarn@4.1.0', { name: 'yarn', agent: 'yarn@berry' }],
    ['yarn@1.22.19', { name: 'yarn', agent: 'yarn' }],
    ['pnpm@9.0.0+sha512.abc', { name: 'pnpm', agent: 'pnpm' }],
    ['bun@1.1.0', { name: 'bun', agent: 'bun' }],
  ])('reads the packageManager field %s, over a lockfile beside it', (field, manager) => {
    expect(detect({ 'package.json': JSON.stringify({ packageManager: field }), 'package-lock.json': '{}' })).toEqual(manager);
  });

  it('passes over a packageManager it does not speak, and a package.json that does not parse', () => {
    expect(detect({ 'package.json': '{"packageManager":"deno@2.0.0"}', 'yarn.lock': '' })).toEqual({ name: 'yarn', agent: 'yarn' });
    expect(detect({ 'package.json': '{', 'pnpm-lock.yaml': '' })).toEqual({ name: 'pnpm', agent: 'pnpm' });
  });

  it('takes the nearest folder that says anything', () => {
    expect(detect({ 'pnpm-lock.yaml': '', 'app/package-lock.json': '{}', 'app/src/index.js': '' }, {}, 'app/src')).toEqual({ name: 'npm', agent: 'npm' });
  });

  it('falls back to the package manager that started greeter, then to npm', () => {
    expect(detect({}, { npm_config_user_agent: 'pnpm/12.21.0 npm/? node/v20.20.2 linux x64' })).toEqual({ name: 'pnpm', agent: 'pnpm' });
    expect(detect({}, {})).toEqual({ name: 'npm', agent: 'npm' });
  });
});

describe('fromUserAgent', () => {
  it.each<[string | undefined, PackageManager | undefined]>([
    ['npm/10.8.2 node/v20.20.2 linux x64 workspaces/false', { name: 'npm', agent: 'npm' }],
    ['yarn/1.22.19 npm/? node/v20.20.2', { name: 'yarn', agent: 'yarn' }],
    ['yarn/4.1.0 npm/? node/v20.20.2', { name: 'yarn', agent: 'yarn@berry' }],
    ['bun/1.1.0 npm/? node/v20.20.2', { name: 'bun', agent: 'bun' }],
    ['deno/2.0.0', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %s', (userAgent, manager) => {
    expect(fromUserAgent(userAgent)).toEqual(manager);
  });
});

describe('packageCommand', () => {
  const managers: Record<string, PackageManager> = {
    npm: { name: 'npm', agent: 'npm' },
    pnpm: { name: 'pnpm', agent: 'pnpm' },
    yarn: { name: 'yarn', agent: 'yarn' },
    berry: { name: 'yarn', agent: 'yarn@berry' },
    bun: { name: 'bun', agent: 'bun' },
  };

  it.each([
    ['npm', ['npm', 'i', 'x'], ['npm', 'uninstall', 'x']],
    ['pnpm', ['pnpm', 'add', 'x'], ['pnpm', 'remove', 'x']],
    ['yarn', ['yarn', 'add', 'x'], ['yarn', 'remove', 'x']],
    ['berry', ['yarn', 'add', 'x'], ['yarn', 'remove', 'x']],
    ['bun', ['bun', 'add', 'x'], ['bun', 'remove', 'x']],
  ])('adds and removes with %s', (name, add, remove) => {
    const manager = managers[name]!;
    expect([packageCommand(manager, 'add', 'x'), packageCommand(manager, 'remove', 'x')]).toEqual([add, remove]);
  });

  it('installs globally into the prefix greeter lives in', () => {
    const npm = managers['npm']!;
    expect(packageCommand(npm, 'add', 'x', { manager: npm, prefix: '/opt/npm' })).toEqual(['npm', 'i', '-g', '--prefix', '/opt/npm', 'x']);
    expect(packageCommand(npm, 'remove', 'x', { manager: npm, prefix: '/opt/npm' })).toEqual(['npm', 'uninstall', '-g', '--prefix', '/opt/npm', 'x']);
  });

  it("installs globally with the manager that installed greeter, whatever the project's", () => {
    expect(packageCommand(managers['npm']!, 'add', 'x', { manager: managers['pnpm']! })).toEqual(['pnpm', 'add', '-g', 'x']);
    expect(packageCommand(managers['pnpm']!, 'add', 'x', { manager: managers['yarn']! })).toEqual(['yarn', 'global', 'add', 'x']);
  });
});

describe('installCommand', () => {
  const npm: PackageManager = { name: 'npm', agent: 'npm' };
  const berry: PackageManager = { name: 'yarn', agent: 'yarn@berry' };

  it.each([
    [npm, { argv: ['npm', 'i', '--ignore-scripts', 'x@1.0.0'], env: {} }],
    [
      { name: 'pnpm', agent: 'pnpm' },
      { argv: ['pnpm', 'add', '--ignore-scripts', 'x@1.0.0'], env: {} },
    ],
    [
      { name: 'yarn', agent: 'yarn' },
      { argv: ['yarn', 'add', '--ignore-scripts', 'x@1.0.0'], env: { YARN_IGNORE_SCRIPTS: 'true' } },
    ],
    [berry, { argv: ['yarn', 'add', 'x@1.0.0'], env: { YARN_ENABLE_SCRIPTS: 'false' } }],
    [
      { name: 'bun', agent: 'bun' },
      { argv: ['bun', 'add', '--ignore-scripts', 'x@1.0.0'], env: {} },
    ],
  ] as [PackageManager, unknown][])('adds with %o with its lifecycle scripts off', (manager, command) => {
    expect(installCommand(manager, 'add', 'x@1.0.0')).toEqual(command);
  });

  it('removes with lifecycle scripts off too', () => {
    expect([installCommand(npm, 'remove', 'x'), installCommand(berry, 'remove', 'x')]).toEqual([
      { argv: ['npm', 'uninstall', '--ignore-scripts', 'x'], env: {} },
      { argv: ['yarn', 'remove', 'x'], env: { YARN_ENABLE_SCRIPTS: 'false' } },
    ]);
  });

  it("turns off the global manager's scripts, whatever the project's manager", () => {
    expect(installCommand(berry, 'add', 'x', { manager: npm, prefix: '/opt/npm' })).toEqual({
      argv: ['npm', 'i', '-g', '--prefix', '/opt/npm', '--ignore-scripts', 'x'],
      env: {},
    });
    expect(installCommand(npm, 'add', 'x', { manager: { name: 'yarn', agent: 'yarn' } })).toEqual({
      argv: ['yarn', 'global', 'add', '--ignore-scripts', 'x'],
      env: { YARN_IGNORE_SCRIPTS: 'true' },
    });
  });
});

describe('formatCommand', () => {
  it('quotes for a POSIX shell only what needs it', () => {
    expect(formatCommand(['npm', 'i', '@acme/greeter-plugin-x@1.2.3', 'a b', "it's", '$(rm -rf /)', '^1.0.0'])).toBe(
      `npm i @acme/greeter-plugin-x@1.2.3 'a b' 'it'\\''s' '$(rm -rf /)' '^1.0.0'`,
    );
  });
});
