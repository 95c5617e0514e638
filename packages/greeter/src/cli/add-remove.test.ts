import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry } from '../registry/test-helpers/fake-registry.js';
import { bytesOf, npmProject } from '../registry/test-helpers/npm-project.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';
import { validate } from '../registry/test-helpers/schemas.js';

// The built CLI, run as a user runs it, against a registry on 127.0.0.1 and a real npm.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

const compatible = '>=0.0.0';
const incompatible = '^99.0.0';

let registry: FakeRegistry;
let env: Record<string, string>;

beforeAll(async () => {
  registry = await startFakeRegistry([
    publishedPlugin('greeter-plugin-esperanto', '1.0.0', compatible),
    publishedPlugin('greeter-plugin-esperanto', '2.0.0', incompatible),
    publishedPlugin('greeter-plugin-klingon', '1.0.0', incompatible),
    publishedPlugin('greeter-plugin-nosy', '1.0.0', compatible, `readFileSync('/etc/hostname', 'utf8')`),
    { manifest: { name: 'greeter-plugin-helper', version: '1.0.0', description: 'not a plugin' } },
  ]);
  env = cleanNpmEnv(registry.url);
});

afterAll(async () => {
  await registry?.close();
  removeTrees();
});

// Asynchronous: the registry answers from this process's event loop.
const greeter = (cwd: string, args: string[], environment = env) => runCli(bin, cwd, args, environment);

const tarballRequests = () => registry.requests.filter((request) => request.endsWith('.tgz'));

describe('greeter add', () => {
  it('installs the newest version compatible with this greeter, exactly, when latest is not; remove uninstalls it', async () => {
    const root = npmProject();
    const added = await greeter(root, ['add', 'esperanto', '--json']);
    expect([added.code, added.code === 0 ? '' : added.stdout + added.stderr]).toEqual([0, '']);
    const document = JSON.parse(added.stdout);
    expect(validate('add', document)).toEqual([]);
    expect(document).toEqual({
      schemaVersion: 1,
      ok: true,
      added: { name: 'greeter-plugin-esperanto', version: '1.0.0', languages: ['esperanto'] },
      greeting: 'Saluton Universo',
      notLatest: { latest: '2.0.0', reason: 'incompatible' },
      permissions: { asked: { net: false, env: [] }, granted: { net: false, env: [] } },
      integrity: expect.stringMatching(/^sha512-/),
      signature: 'unsupported',
      keyid: null,
      provenance: 'absent',
      build: null,
    });
    const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(Object.keys(packageJson.dependencies)).toEqual(['greeter-plugin-esperanto']);
    expect(JSON.parse(readFileSync(path.join(root, 'node_modules/greeter-plugin-esperanto/package.json'), 'utf8')).version).toBe('1.0.0');
    expect(await greeter(root, ['esperanto'])).toMatchObject({ code: 0, stdout: 'Saluton Universo\n' });

    const removed = await greeter(root, ['remove', 'esperanto', '--json']);
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual({ schemaVersion: 1, ok: true, removed: { name: 'greeter-plugin-esperanto' } });
    expect(validate('remove', JSON.parse(removed.stdout))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies ?? {}).toEqual({});
    expect(existsSync(path.join(root, 'node_modules/greeter-plugin-esperanto'))).toBe(false);
  });

  it('refuses a plugin no version of which is compatible, running nothing and changing no byte', async () => {
    const root = npmProject();
    const before = bytesOf(root);
    const tarballs = tarballRequests().length;
    const result = await greeter(root, ['add', 'klingon', '--json']);
    expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([1, 'GREETER_PLUGIN_INCOMPATIBLE']);
    expect(validate('error', JSON.parse(result.stdout))).toEqual([]);
    expect(bytesOf(root)).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
    expect(tarballRequests().length).toBe(tarballs);
  });

  it.each([
    ['a package that is no plugin', 'greeter-plugin-helper', 'GREETER_PLUGIN_INVALID'],
    ['a package the registry does not have', 'volapuk', 'GREETER_PLUGIN_NOT_FOUND'],
  ])('refuses %s, running nothing', async (_case, name, code) => {
    const root = npmProject();
    const before = bytesOf(root);
    const result = await greeter(root, ['add', name]);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, code, '']);
    expect(bytesOf(root)).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
  });

  it('uninstalls a plugin that fails its isolated check, leaving package.json and the lockfile as they were', async () => {
    const root = npmProject();
    const before = bytesOf(root);
    const result = await greeter(root, ['add', 'nosy']);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, 'GREETER_PERMISSION_DENIED', '']);
    expect(bytesOf(root)).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules/greeter-plugin-nosy'))).toBe(false);
  });

  it('outside a project, without -g, is a usage error whose hint names -g', async () => {
    const result = await greeter(makeTree(), ['add', 'esperanto', '--json']);
    expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([2, 'GREETER_USAGE']);
    expect(JSON.parse(result.stdout).error.hint).toContain('greeter add -g esperanto');
  });

  it('says which registry it could not reach, within seconds', async () => {
    const result = await greeter(npmProject(), ['add', 'esperanto', '--json'], { ...env, npm_config_registry: 'http://127.0.0.1:9/' });
    const { error } = JSON.parse(result.stdout);
    expect([result.code, error.code]).toEqual([1, 'GREETER_REGISTRY_UNREACHABLE']);
    expect(error.message).toContain('http://127.0.0.1:9/');
  });
});

describe('greeter add -g and remove -g', () => {
  it("use the project manager's global folder when greeter itself is not installed globally, and say so", async () => {
    const prefix = makeTree();
    const globalEnv = { ...env, npm_config_prefix: prefix };
    const added = await greeter(npmProject(), ['add', '-g', 'esperanto', '--json'], globalEnv);
    expect([added.code, added.code === 0 ? '' : added.stdout + added.stderr]).toEqual([0, '']);
    expect(JSON.parse(added.stdout).added).toEqual({ name: 'greeter-plugin-esperanto', version: '1.0.0', languages: ['esperanto'] });
    expect(added.stderr).toContain(prefix);
    expect(existsSync(path.join(prefix, 'lib/node_modules/greeter-plugin-esperanto/package.json'))).toBe(true);

    const removed = await greeter(makeTree(), ['remove', '-g', 'esperanto', '--json'], globalEnv);
    expect([removed.code, JSON.parse(removed.stdout)]).toEqual([0, { schemaVersion: 1, ok: true, removed: { name: 'greeter-plugin-esperanto' } }]);
    expect(existsSync(path.join(prefix, 'lib/node_modules/greeter-plugin-esperanto'))).toBe(false);
    const again = await greeter(makeTree(), ['remove', '-g', 'esperanto', '--json'], globalEnv);
    expect([again.code, JSON.parse(again.stdout).error.code]).toEqual([1, 'GREETER_PLUGIN_NOT_FOUND']);
  });
});

describe('greeter remove', () => {
  it('refuses a plugin the project does not depend on', async () => {
    const result = await greeter(npmProject(), ['remove', 'esperanto', '--json']);
    expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([1, 'GREETER_PLUGIN_NOT_FOUND']);
  });
});
