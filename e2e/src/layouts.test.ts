import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { codeIn, e2eEnv, newProject, projectGreeter, runGreeter } from './project.js';
import { runOk } from './shell.js';

// Each layout is made by the real package manager, greeter and the plugin
// installed in separate commands, then the installed CLI is run.
const env = e2eEnv();

afterAll(removeTrees);

function expectChinese(executable: string, cwd: string, runEnv = env, source = 'project') {
  expect(runGreeter(executable, ['chinese'], cwd, runEnv)).toMatchObject({ stdout: '你好宇宙\n', code: 0 });
  expect(runGreeter(executable, [], cwd, runEnv)).toMatchObject({ stdout: 'Hello Universe\n', code: 0 });
  const listed = JSON.parse(runGreeter(executable, ['list', '--json'], cwd, runEnv).stdout);
  const chinese = listed.plugins.find((plugin: { name: string }) => plugin.name === 'greeter-plugin-chinese');
  expect(chinese).toMatchObject({ source, status: 'ok' });
}

describe('project layouts', () => {
  it('pnpm hoisted (node-linker=hoisted)', () => {
    const project = newProject('hoisted');
    writeFileSync(path.join(project, 'pnpm-workspace.yaml'), 'nodeLinker: hoisted\n');
    runOk('pnpm', ['add', 'greeter'], project, env);
    runOk('pnpm', ['add', 'greeter-plugin-chinese'], project, env);
    expectChinese(projectGreeter(project), project);
  });

  it('a pnpm workspace: the plugin at the root, greeter run in a package', () => {
    const root = makeTree({
      'package.json': JSON.stringify({ name: 'monorepo', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
      'packages/app/package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true }),
    });
    runOk('pnpm', ['add', '-w', 'greeter-plugin-chinese'], root, env);
    const app = path.join(root, 'packages', 'app');
    runOk('pnpm', ['add', 'greeter'], app, env);
    expectChinese(projectGreeter(app), app);
  });

  it('npm, run from a nested folder of the project', () => {
    const project = newProject('nested');
    runOk('npm', ['install', '--no-audit', '--no-fund', 'greeter'], project, env);
    runOk('npm', ['install', '--no-audit', '--no-fund', 'greeter-plugin-chinese'], project, env);
    const nested = path.join(project, 'src', 'deep');
    mkdirSync(nested, { recursive: true });
    expectChinese(projectGreeter(project), nested);
  });
});

describe('global installs', () => {
  it('npm install -g, greeter and the plugin in separate commands', () => {
    const prefix = makeTree();
    const globalEnv = { ...env, npm_config_prefix: prefix };
    runOk('npm', ['install', '-g', '--no-audit', '--no-fund', 'greeter'], makeTree(), globalEnv);
    runOk('npm', ['install', '-g', '--no-audit', '--no-fund', 'greeter-plugin-chinese'], makeTree(), globalEnv);
    const greeter = path.join(prefix, 'bin', 'greeter');
    // Found from the folder greeter runs from, with and without npm_config_prefix.
    expectChinese(greeter, makeTree(), env, 'global');
    expectChinese(greeter, makeTree(), globalEnv, 'global');
  });

  it('pnpm add -g, greeter and the plugin in separate commands, with and without PNPM_HOME', () => {
    const home = makeTree();
    const pnpmHome = path.join(home, '.local', 'share', 'pnpm');
    const globalEnv = { ...env, HOME: home, PNPM_HOME: pnpmHome, PATH: `${path.join(pnpmHome, 'bin')}:${env['PATH']}` };
    runOk('pnpm', ['add', '-g', 'greeter'], home, globalEnv);
    runOk('pnpm', ['add', '-g', 'greeter-plugin-chinese'], home, globalEnv);
    const greeter = path.join(pnpmHome, 'bin', 'greeter');
    expectChinese(greeter, makeTree(), globalEnv, 'global');
    const { PNPM_HOME: _set, ...defaultHome } = globalEnv;
    expectChinese(greeter, makeTree(), defaultHome, 'global');
  });

  it('pnpm add -g with PNPM_HOME and a store-dir of its own: greeter knows it for pnpm, hints pnpm, and adds beside itself', () => {
    const home = makeTree();
    const pnpmHome = path.join(home, '.local', 'share', 'pnpm');
    const store = path.join(makeTree(), 'my-packages');
    const globalEnv = { ...env, HOME: home, PNPM_HOME: pnpmHome, pnpm_config_store_dir: store, PATH: `${path.join(pnpmHome, 'bin')}:${env['PATH']}` };
    runOk('pnpm', ['add', '-g', 'greeter'], home, globalEnv);
    const greeter = path.join(pnpmHome, 'bin', 'greeter');
    const missing = runGreeter(greeter, ['chinese'], makeTree(), globalEnv);
    expect([codeIn(missing.stderr), missing.stderr.includes('`pnpm add -g greeter-plugin-chinese`')], missing.stderr).toEqual([
      'GREETER_PLUGIN_NOT_FOUND',
      true,
    ]);
    const added = runGreeter(greeter, ['add', '-g', 'chinese'], makeTree(), globalEnv);
    expect(added.code, added.stderr).toBe(0);
    // Into pnpm's global folders (one per package), not npm's prefix.
    const globalFolders = readdirSync(path.join(pnpmHome, 'global')).flatMap((version) =>
      readdirSync(path.join(pnpmHome, 'global', version)).map((id) => path.join(pnpmHome, 'global', version, id, 'node_modules')),
    );
    expect(globalFolders.some((folder) => existsSync(path.join(folder, 'greeter-plugin-chinese', 'package.json')))).toBe(true);
    expectChinese(greeter, makeTree(), globalEnv, 'global');
  });

  it('lets a project copy shadow a global one', () => {
    const prefix = makeTree();
    runOk('npm', ['install', '-g', '--no-audit', '--no-fund', 'greeter-plugin-chinese'], makeTree(), { ...env, npm_config_prefix: prefix });
    const project = newProject('shadowing');
    runOk('pnpm', ['add', 'greeter', 'greeter-plugin-chinese'], project, env);
    const listed = JSON.parse(runGreeter(projectGreeter(project), ['list', '--json'], project, { ...env, npm_config_prefix: prefix }).stdout);
    const chinese = listed.plugins.find((plugin: { name: string }) => plugin.name === 'greeter-plugin-chinese');
    expect(chinese.source).toBe('project');
    expect(chinese.shadows.map((copy: { source: string }) => copy.source)).toEqual(['global']);
    expect(codeIn(runGreeter(projectGreeter(project), ['klingon'], project).stderr)).toBe('GREETER_PLUGIN_NOT_FOUND');
  });
});
