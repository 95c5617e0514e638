import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { detectPackageManager, installCommand } from './package-manager.js';

afterAll(removeTrees);

describe('detectPackageManager', () => {
  it.each([
    ['pnpm-lock.yaml', 'pnpm'],
    ['yarn.lock', 'yarn'],
    ['bun.lock', 'bun'],
    ['package-lock.json', 'npm'],
  ])('reads %s as %s, also from a parent folder', (lockfile, manager) => {
    const root = makeTree({ [lockfile]: '', 'app/package.json': '{}' });
    expect(detectPackageManager(path.join(root, 'app'))).toBe(manager);
  });

  it('reads the packageManager field when there is no lockfile', () => {
    expect(detectPackageManager(makeTree({ 'package.json': '{"packageManager":"yarn@4.5.0"}' }))).toBe('yarn');
  });

  it('falls back to the user agent, then npm', () => {
    const empty = makeTree();
    expect(detectPackageManager(empty, 'pnpm/12.21.0 npm/? node/v20.20.2 linux x64')).toBe('pnpm');
    expect(detectPackageManager(empty)).toBe('npm');
  });

  it('writes the install command of each', () => {
    expect(installCommand('npm', 'greeter-plugin-x')).toBe('npm install greeter-plugin-x');
    expect(installCommand('pnpm', 'greeter-plugin-x')).toBe('pnpm add greeter-plugin-x');
  });
});
