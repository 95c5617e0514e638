import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGreeterError } from '@greeter/core';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { createHost } from './host/create-host.js';
import { oneOffCommand, oneOffRunOf } from './one-off-run.js';

afterAll(removeTrees);

const runPackage = JSON.stringify({ dependencies: { 'greeter-plugin-chinese': '^1.0.0', greeter: '^1.0.0' } });

describe('one-off runs', () => {
  it("recognise npx's folder and give the same npx run with the plugin added", () => {
    const root = makeTree({
      '.npm/_npx/0a1b2c/package.json': runPackage,
      '.npm/_npx/0a1b2c/node_modules/greeter/package.json': '{"name":"greeter"}',
    });
    const run = oneOffRunOf(path.join(root, '.npm/_npx/0a1b2c/node_modules/greeter'));
    expect(run).toEqual({ kind: 'npx', packages: ['greeter', 'greeter-plugin-chinese'] });
    expect(oneOffCommand(run!, 'greeter-plugin-klingon')).toEqual([
      'npx',
      '-p',
      'greeter',
      '-p',
      'greeter-plugin-chinese',
      '-p',
      'greeter-plugin-klingon',
      'greeter',
    ]);
  });

  it("recognise pnpm dlx's cache folder, where greeter lies in its virtual store", () => {
    const run = path.join('.cache/pnpm/dlx/h4sh/19a-2b');
    const root = makeTree({
      [`${run}/package.json`]: runPackage,
      [`${run}/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter/package.json`]: '{"name":"greeter"}',
    });
    const found = oneOffRunOf(path.join(root, run, 'node_modules/.pnpm/greeter@1.0.0/node_modules/greeter'));
    expect(found?.kind).toBe('pnpm-dlx');
    expect(oneOffCommand(found!, 'greeter-plugin-chinese')).toEqual(['pnpm', 'dlx', '--package', 'greeter', '--package', 'greeter-plugin-chinese', 'greeter']);
    expect(oneOffCommand(found!, 'greeter-plugin-latin', 'la').slice(-4)).toEqual(['--package', 'greeter-plugin-latin', 'greeter', 'la']);
  });

  it("give a missing language's hint as the same run with its plugin added, greeting in that language", async () => {
    const root = makeTree({
      '.npm/_npx/0a1b2c/package.json': runPackage,
      '.npm/_npx/0a1b2c/node_modules/greeter/package.json': '{"name":"greeter"}',
      'project/package.json': '{}',
    });
    const host = createHost({
      cwd: path.join(root, 'project'),
      config: null,
      env: { npm_config_prefix: path.join(root, 'prefix'), PNPM_HOME: path.join(root, 'pnpm'), BUN_INSTALL: path.join(root, 'bun') },
      builtinsFrom: path.join(root, '.npm/_npx/0a1b2c/node_modules/greeter'),
    });
    const error: unknown = await host.resolve('nope').catch((thrown: unknown) => thrown);
    expect(isGreeterError(error) && [error.code, error.hint]).toEqual([
      'GREETER_PLUGIN_NOT_FOUND',
      expect.stringContaining('`npx -p greeter -p greeter-plugin-chinese -p greeter-plugin-nope greeter nope`'),
    ]);
  });

  it('leave every other install alone', () => {
    const root = makeTree({ 'project/node_modules/greeter/package.json': '{"name":"greeter"}' });
    expect(oneOffRunOf(path.join(root, 'project/node_modules/greeter'))).toBeUndefined();
  });
});
