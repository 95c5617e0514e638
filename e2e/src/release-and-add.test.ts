import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees } from '@greeter/fixtures';
import { codeIn, e2eEnv, newProject, projectGreeter, publishFolders, runGreeter, setupEnv } from './project.js';
import { runOk } from './shell.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const env = e2eEnv();

afterAll(removeTrees);

/** Runs the project's installed greeter. */
function greeter(project: string, args: string[]) {
  return runGreeter(projectGreeter(project), args, project, env);
}

function expectSeedTable(project: string) {
  expect(greeter(project, [])).toMatchObject({ stdout: 'Hello Universe\n', code: 0 });
  expect(greeter(project, ['english'])).toMatchObject({ stdout: 'Hello Universe\n', code: 0 });
  expect(greeter(project, ['chinese'])).toMatchObject({ stdout: '你好宇宙\n', code: 0 });
  const klingon = greeter(project, ['klingon']);
  expect([klingon.stdout, klingon.code, codeIn(klingon.stderr)]).toEqual(['', 1, 'GREETER_PLUGIN_NOT_FOUND']);
  expect(klingon.stderr).toContain('greeter-plugin-klingon');
}

describe('the release, through a real registry', () => {
  it('published every public package at the version changesets gave it', () => {
    const versions = ['@greeter/core', '@greeter/host', '@greeter/testkit', 'greeter', 'create-greeter-plugin', 'greeter-plugin-chinese'].map((name) =>
      runOk('npm', ['view', name, 'version'], repoRoot, env).stdout.trim(),
    );
    expect(new Set(versions).size).toBe(1);
    expect(versions[0]).toMatch(/^[1-9]\d*\.\d+\.\d+$/);
    const greeterDependencies = JSON.parse(runOk('npm', ['view', 'greeter', 'dependencies', '--json'], repoRoot, env).stdout);
    expect(greeterDependencies['@greeter/core']).toBe(`^${versions[0]}`);
  });

  it('installs with pnpm and greets', () => {
    const project = newProject('pnpm-user');
    // What is installed is the release; the metadata of this run's registry comes from the run's cache (see setupEnv).
    runOk('pnpm', ['add', 'greeter', 'greeter-plugin-chinese'], project, setupEnv(env));
    expectSeedTable(project);
  });

  it('installs with npm and greets', () => {
    const project = newProject('npm-user');
    runOk('npm', ['install', '--no-audit', '--no-fund', 'greeter', 'greeter-plugin-chinese'], project, setupEnv(env));
    expectSeedTable(project);
  });
});

describe('a third-party plugin from nothing', () => {
  let pluginDir: string;

  it('is scaffolded by `pnpm create greeter-plugin`, and installs, tests, builds and publishes with no edit', () => {
    const cwd = makeTree();
    const created = runOk('pnpm', ['create', 'greeter-plugin', 'esperanto', '--greeting', 'Saluton Universo'], cwd, env);
    expect(created.stdout).toContain('pnpm install');
    pluginDir = path.join(cwd, 'greeter-plugin-esperanto');
    runOk('pnpm', ['install'], pluginDir, env);
    const tested = runOk('pnpm', ['test'], pluginDir, env);
    expect(tested.stdout).toMatch(/Tests\s+\d+ passed/);
    expect(existsSync(path.join(pluginDir, 'dist', 'index.js'))).toBe(true);
    runOk('pnpm', ['publish'], pluginDir, env);
    expect(runOk('npm', ['view', 'greeter-plugin-esperanto', 'version'], cwd, env).stdout.trim()).toBe('0.1.0');
  });

  it('is scaffolded by `npm create greeter-plugin@latest` too', () => {
    const cwd = makeTree();
    // A cache of its own: npx keeps what it installed by name and version, and every run of this suite publishes the same versions.
    runOk('npm', ['create', '--yes', 'greeter-plugin@latest', 'pirate', '--', '--scope', '@acme'], cwd, { ...env, npm_config_cache: makeTree() });
    const packageJson = JSON.parse(readFileSync(path.join(cwd, 'greeter-plugin-pirate', 'package.json'), 'utf8'));
    expect(packageJson.name).toBe('@acme/greeter-plugin-pirate');
  });

  it('is added to another project with `greeter add`, greets, and is removed with `greeter remove`', () => {
    const project = newProject('esperanto-user');
    runOk('pnpm', ['add', 'greeter'], project, setupEnv(env));
    const added = greeter(project, ['add', 'esperanto', '--json']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toEqual({
      schemaVersion: 1,
      ok: true,
      added: { name: 'greeter-plugin-esperanto', version: '0.1.0', languages: ['esperanto'] },
      greeting: 'Saluton Universo',
      notLatest: null,
      permissions: { asked: { net: false, env: [] }, granted: { net: false, env: [] } },
      // Verdaccio publishes no signing keys, and the scaffold was published from a laptop, not CI.
      integrity: expect.stringMatching(/^sha512-/),
      signature: 'unsupported',
      keyid: null,
      provenance: 'absent',
      build: null,
    });
    expect(greeter(project, ['esperanto'])).toMatchObject({ stdout: 'Saluton Universo\n', code: 0 });
    const removed = greeter(project, ['remove', 'esperanto', '--json']);
    expect([removed.code, JSON.parse(removed.stdout)]).toEqual([0, { schemaVersion: 1, ok: true, removed: { name: 'greeter-plugin-esperanto' } }]);
    expect(codeIn(greeter(project, ['esperanto']).stderr)).toBe('GREETER_PLUGIN_NOT_FOUND');
    expect(JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).dependencies).not.toHaveProperty('greeter-plugin-esperanto');
  });
});

describe('greeter add refuses before installing', () => {
  let project: string;
  let before: string;

  beforeAll(async () => {
    const packages = makeTree({
      impostor: pluginPackage('greeter-plugin-impostor', 'x', { packageJson: { keywords: ['greeting'] } }),
      future: pluginPackage('greeter-plugin-future', 'x', { coreRange: '^99.0.0' }),
    });
    await publishFolders(
      ['impostor', 'future'].map((name) => path.join(packages, name)),
      env,
    );
    project = newProject('careful-user');
    runOk('pnpm', ['add', 'greeter'], project, setupEnv(env));
    before = readFileSync(path.join(project, 'package.json'), 'utf8');
  });

  it.each([
    ['impostor', 'GREETER_PLUGIN_INVALID'],
    ['future', 'GREETER_PLUGIN_INCOMPATIBLE'],
    ['nonexistent', 'GREETER_PLUGIN_NOT_FOUND'],
  ])('greeter add %s fails with %s and changes nothing', (name, code) => {
    const result = greeter(project, ['add', name]);
    expect([result.code, codeIn(result.stderr)]).toEqual([1, code]);
    expect(readFileSync(path.join(project, 'package.json'), 'utf8')).toBe(before);
    expect(existsSync(path.join(project, 'node_modules', `greeter-plugin-${name}`))).toBe(false);
  });
});
