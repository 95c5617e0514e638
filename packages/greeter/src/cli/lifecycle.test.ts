import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry, type FakeVersion } from '../registry/test-helpers/fake-registry.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';
import { validate } from '../registry/test-helpers/schemas.js';

// outdated, update and info with the built CLI, a registry on 127.0.0.1 and a real npm.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

function plugin(name: string, version: string, coreRange: string, greet: string, extra: Record<string, unknown> = {}): FakeVersion {
  return publishedPlugin(name, version, coreRange, greet, { description: `${name} ${version}`, ...extra });
}

let registry: FakeRegistry;
let env: Record<string, string>;

beforeAll(async () => {
  registry = await startFakeRegistry([
    plugin('greeter-plugin-esperanto', '1.0.0', '>=0.0.0', "'Saluton'"),
    plugin('greeter-plugin-esperanto', '1.1.0', '>=0.0.0', "'Saluton Universo'"),
    plugin('greeter-plugin-esperanto', '2.0.0', '^99.0.0', "'Saluton 2'"),
    plugin('greeter-plugin-latin', '1.0.0', '>=0.0.0', "'Salve'", { greeterPlugin: { languages: ['latin', 'la'], permissions: { net: true } } }),
    // 1.1.0 reads a file outside its folder: its isolated check fails.
    plugin('greeter-plugin-latin', '1.1.0', '>=0.0.0', "readFileSync('/etc/hostname', 'utf8')", { greeterPlugin: { languages: ['latin', 'la'] } }),
  ]);
  env = cleanNpmEnv(registry.url);
});

afterAll(async () => {
  await registry?.close();
  removeTrees();
});

const greeter = (cwd: string, args: string[], environment = env) => runCli(bin, cwd, args, environment);

/** npm, run without blocking this event loop (the registry answers from it). */
function npm(cwd: string, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, { cwd, env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

/** A project with esperanto 1.0.0 and latin 1.0.0 installed by npm itself. */
async function projectWithOldPlugins(): Promise<string> {
  const root = makeTree({ 'package.json': '{\n  "name": "project",\n  "version": "1.0.0"\n}\n' });
  expect(await npm(root, ['install', 'greeter-plugin-esperanto@1.0.0', 'greeter-plugin-latin@1.0.0'])).toBe(0);
  return root;
}

const versionIn = (root: string, name: string) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const bytesOf = (root: string) => ['package.json', 'package-lock.json'].map((file) => readFileSync(path.join(root, file), 'base64'));

describe('greeter outdated, update and info in an npm project', () => {
  let root: string;

  beforeAll(async () => {
    root = await projectWithOldPlugins();
  });

  it('outdated shows the installed, the newest compatible and the newest version of each plugin', async () => {
    const result = await greeter(root, ['outdated', '--json']);
    const document = JSON.parse(result.stdout);
    expect([result.code, validate('outdated', document)]).toEqual([0, []]);
    const rows = Object.fromEntries(document.plugins.map((row: { name: string }) => [row.name, row]));
    expect(rows['greeter-plugin-esperanto']).toMatchObject({ current: '1.0.0', compatible: '1.1.0', latest: '2.0.0', outdated: true, source: 'project' });
    expect(rows['greeter-plugin-latin']).toMatchObject({ current: '1.0.0', compatible: '1.1.0', latest: '1.1.0', outdated: true });
    const text = await greeter(root, ['outdated']);
    expect(text.stdout.split('\n')[0]).toMatch(/^PACKAGE\s+CURRENT\s+COMPATIBLE\s+LATEST\s+LANGUAGE$/);
    expect(text.stdout).toMatch(/greeter-plugin-esperanto\s+1\.0\.0\s+1\.1\.0\s+2\.0\.0\s+esperanto/);
  });

  it('info describes the installed copy, the registry versions and the permissions asked and granted', async () => {
    const result = await greeter(root, ['info', 'la', '--json']);
    const document = JSON.parse(result.stdout);
    expect([result.code, validate('info', document)]).toEqual([0, []]);
    expect(document).toMatchObject({
      name: 'greeter-plugin-latin',
      languages: ['latin', 'la'],
      installed: { version: '1.0.0', source: 'project', status: 'ok' },
      registry: { url: registry.url, latest: '1.1.0', compatible: '1.1.0', versions: 2 },
      permissions: { asked: { net: true, env: [] }, granted: { net: false, env: [] } },
    });
    const text = await greeter(root, ['info', 'latin']);
    expect(text.stdout).toMatch(/^installed: +1\.0\.0 \(project\)/m);
  });

  it('update rolls a plugin whose new version fails its check back, changing no byte, and says why', async () => {
    const before = bytesOf(root);
    const result = await greeter(root, ['update', 'latin', '--json']);
    expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([1, 'GREETER_PERMISSION_DENIED']);
    expect(bytesOf(root)).toEqual(before);
    expect(versionIn(root, 'greeter-plugin-latin')).toBe('1.0.0');
  });

  it('update installs the newest compatible version exactly, checks it, and then has nothing left to do', async () => {
    const result = await greeter(root, ['update', 'esperanto', '--json']);
    const document = JSON.parse(result.stdout);
    expect([result.code, validate('update', document)]).toEqual([0, []]);
    expect(document.updated).toEqual([
      {
        name: 'greeter-plugin-esperanto',
        from: '1.0.0',
        to: '1.1.0',
        languages: ['esperanto'],
        greeting: 'Saluton Universo',
        verified: { integrity: expect.stringMatching(/^sha512-/), signature: 'unsupported', keyid: null, provenance: 'absent', build: null },
      },
    ]);
    expect(versionIn(root, 'greeter-plugin-esperanto')).toBe('1.1.0');
    expect(await greeter(root, ['esperanto'])).toMatchObject({ code: 0, stdout: 'Saluton Universo\n' });
    const again = JSON.parse((await greeter(root, ['update', 'esperanto', '--json'])).stdout);
    expect(again).toMatchObject({ updated: [], upToDate: [{ name: 'greeter-plugin-esperanto', version: '1.1.0', latest: '2.0.0' }] });
  });

  it("update's text prints under each plugin updated the signature and provenance lines add prints", async () => {
    const [updated, added] = await Promise.all([
      projectWithOldPlugins().then((old) => greeter(old, ['update', 'esperanto'])),
      greeter(makeTree({ 'package.json': '{"name":"fresh","version":"1.0.0"}' }), ['add', 'esperanto']),
    ]);
    expect([updated.code, added.code]).toEqual([0, 0]);
    const [update, ...notes] = updated.stdout.trimEnd().split('\n');
    expect(update).toMatch(/^Updated greeter-plugin-esperanto 1\.0\.0 → 1\.1\.0:/);
    expect(notes).toEqual([`  signature: none, the registry does not sign (${registry.url})`, '  provenance: none published']);
    expect(added.stdout.trimEnd().split('\n').slice(1)).toEqual(notes);
  });

  it('update of a plugin that is not installed is GREETER_PLUGIN_NOT_FOUND, running nothing', async () => {
    const result = await greeter(root, ['update', 'klingon']);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, 'GREETER_PLUGIN_NOT_FOUND', '']);
  });
});

describe('greeter info, registry and --registry', () => {
  it('describes a plugin that is not installed from the registry alone', async () => {
    const result = await greeter(makeTree({ 'package.json': '{}' }), ['info', 'esperanto', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ installed: null, registry: { latest: '2.0.0', compatible: '1.1.0' }, languages: ['esperanto'] });
  });

  it('tells an unreachable registry (GREETER_REGISTRY_UNREACHABLE) from a package it does not have', async () => {
    const offline = { ...env, npm_config_registry: 'http://127.0.0.1:9/' };
    const empty = makeTree({ 'package.json': '{}' });
    const unreachable = await greeter(empty, ['info', 'esperanto', '--json'], offline);
    expect([unreachable.code, JSON.parse(unreachable.stdout).error.code]).toEqual([1, 'GREETER_REGISTRY_UNREACHABLE']);
    const missing = await greeter(empty, ['info', 'volapuk', '--json']);
    expect([missing.code, JSON.parse(missing.stdout).error.code]).toEqual([1, 'GREETER_PLUGIN_NOT_FOUND']);
    const outdated = await greeter(await projectWithOldPlugins(), ['outdated', '--json'], offline);
    expect([outdated.code, JSON.parse(outdated.stdout).error.code]).toEqual([1, 'GREETER_REGISTRY_UNREACHABLE']);
  });

  it('describes an installed plugin when the registry cannot be reached, noting it on stderr', async () => {
    const root = await projectWithOldPlugins();
    const result = await greeter(root, ['info', 'esperanto', '--json'], { ...env, npm_config_registry: 'http://127.0.0.1:9/' });
    expect([result.code, JSON.parse(result.stdout).registry, JSON.parse(result.stdout).installed.version]).toEqual([0, null, '1.0.0']);
    expect(result.stderr).toContain('http://127.0.0.1:9/');
  });

  it('takes --registry over the configured one, and installs from it', async () => {
    const root = makeTree({ 'package.json': '{\n  "name": "project",\n  "version": "1.0.0"\n}\n' });
    const offline = { ...env, npm_config_registry: 'http://127.0.0.1:9/' };
    const added = await greeter(root, ['add', 'esperanto', '--registry', registry.url, '--json'], offline);
    expect([added.code, added.code === 0 ? '' : added.stdout + added.stderr]).toEqual([0, '']);
    expect(versionIn(root, 'greeter-plugin-esperanto')).toBe('1.1.0');
    const outdated = await greeter(root, ['outdated', '--registry', registry.url, '--json'], offline);
    expect(JSON.parse(outdated.stdout).plugins).toMatchObject([{ name: 'greeter-plugin-esperanto', outdated: true, registry: registry.url }]);
    const bad = await greeter(root, ['search', '--registry', 'ftp://x']);
    expect([bad.code, codeIn(bad.stderr)]).toEqual([2, 'GREETER_USAGE']);
  });
});

describe('greeter outdated -g', () => {
  it('checks the plugins of the global folder greeter would add to', async () => {
    const prefix = makeTree();
    const globalEnv = { ...env, npm_config_prefix: prefix };
    const added = await greeter(makeTree(), ['add', '-g', 'esperanto', '--json'], globalEnv);
    expect([added.code, added.code === 0 ? '' : added.stdout + added.stderr]).toEqual([0, '']);
    expect(existsSync(path.join(prefix, 'lib/node_modules/greeter-plugin-esperanto'))).toBe(true);
    const result = await greeter(makeTree(), ['outdated', '-g', '--json'], globalEnv);
    expect(JSON.parse(result.stdout)).toMatchObject({
      global: true,
      plugins: [{ name: 'greeter-plugin-esperanto', current: '1.1.0', compatible: '1.1.0', latest: '2.0.0', source: 'global' }],
    });
  });
});
