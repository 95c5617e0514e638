import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTree, writeTree } from '@greeter/fixtures';
import { createLayout, dependsOn, everything, flat, homeEnv, linked, projectWith, scripted, subfolders, unless } from './layout.js';
import { bun, yarn1, yarn4, type Tool } from './tools.js';

// The layouts of the managers matrix, per package manager. A manager's
// layouts share one throwaway HOME, so its later installs are warm, with the
// environment that keeps that manager inside the HOME and on the suite's
// registry. Where a manager blocks dependencies' lifecycle scripts by
// default (pnpm, bun, Yarn 4), the project (and bun's global folder) allows
// those of the plugin `greeter add` installs, as a user who approved them
// would: greeter must still run none.

/** The suite's registry, from the npm user config, for Yarn 4 (which reads no .npmrc). */
function registryUrl(env: NodeJS.ProcessEnv): string {
  const url = /^registry=(.+)$/m.exec(readFileSync(env['npm_config_userconfig']!, 'utf8'))?.[1];
  if (url === undefined) throw new Error(`No registry= line in ${env['npm_config_userconfig']}`);
  return url.trim().replace(/\/$/, '');
}

const managerOf = (tool: Tool) => [tool.command, ...tool.args];

/** Yarn 4 projects, one per linker, sharing a HOME (Yarn's global cache). */
export function yarn4Layouts(base: NodeJS.ProcessEnv) {
  const yarn = yarn4();
  const registry = registryUrl(base);
  const env = homeEnv(base, [yarn.binDir]);
  const project = (linker: 'pnp' | 'pnpm' | 'node-modules', misfits: (folder: string) => string[]) => {
    // Yarn 4 reads no .npmrc: the registry is in the project's .yarnrc.yml, as a user would set it.
    const yarnrc = `npmRegistryServer: "${registry}"\nunsafeHttpWhitelist: ["127.0.0.1"]\nnpmMinimalAgeGate: 0\nenableTelemetry: false\nenableScripts: true\nnodeLinker: ${linker}\n`;
    const folder = projectWith(`yarn4-${linker}`, { '.yarnrc.yml': yarnrc });
    return createLayout({
      env,
      cwd: folder,
      install: (names) => ({ argv: [...managerOf(yarn), 'add', ...names], cwd: folder }),
      // PnP and the pnpm linker make no node_modules/.bin: there `yarn greeter` is how greeter runs.
      start: linker === 'node-modules' ? [path.join(folder, 'node_modules', '.bin', 'greeter')] : [...managerOf(yarn), 'greeter'],
      misfits: () => [
        ...unless(readFileSync(path.join(folder, 'yarn.lock'), 'utf8').includes('cacheKey:'), 'yarn.lock is not a Yarn 4 lockfile'),
        ...misfits(folder),
      ],
      has: (name) => dependsOn(folder, name),
    });
  };
  return {
    pnp: project('pnp', (folder) => [
      ...unless(existsSync(path.join(folder, '.pnp.cjs')), 'no .pnp.cjs'),
      ...unless(!existsSync(path.join(folder, 'node_modules')), 'a node_modules folder'),
    ]),
    pnpm: project('pnpm', (folder) => linked(path.join(folder, 'node_modules'), '/node_modules/.store/')),
    nodeModules: project('node-modules', (folder) => [
      ...unless(existsSync(path.join(folder, 'node_modules', '.yarn-state.yml')), 'no node_modules/.yarn-state.yml'),
      ...flat(path.join(folder, 'node_modules')),
    ]),
  };
}

/** A yarn 1 project and yarn 1's global folder. As root, yarn 1 ignores HOME: its folders are set one by one. */
export function yarn1Layouts(base: NodeJS.ProcessEnv) {
  const yarn = yarn1();
  const env = homeEnv(base, [yarn.binDir, '<home>/yarn-prefix/bin'], (home) => ({
    YARN_CACHE_FOLDER: path.join(home, 'yarn-cache'),
    YARN_GLOBAL_FOLDER: path.join(home, 'yarn-global'),
    YARN_PREFIX: path.join(home, 'yarn-prefix'),
    YARN_DISABLE_SELF_UPDATE_CHECK: 'true',
  }));
  const project = projectWith('yarn1');
  const globalFolder = env['YARN_GLOBAL_FOLDER']!;
  return {
    project: createLayout({
      env,
      cwd: project,
      install: (names) => ({ argv: [...managerOf(yarn), 'add', ...names], cwd: project }),
      start: [path.join(project, 'node_modules', '.bin', 'greeter')],
      // `yarn greeter add latin`, as the README says to run it there: inside
      // `yarn run`, whose npm_config_registry is yarn's own default.
      changeStart: [...managerOf(yarn), 'greeter'],
      misfits: () => [
        ...unless(readFileSync(path.join(project, 'yarn.lock'), 'utf8').includes('# yarn lockfile v1'), 'yarn.lock is not a yarn 1 lockfile'),
        ...unless(existsSync(path.join(project, 'node_modules', '.yarn-integrity')), 'no node_modules/.yarn-integrity'),
        ...flat(path.join(project, 'node_modules')),
      ],
      has: (name) => dependsOn(project, name),
    }),
    global: createLayout({
      env,
      cwd: makeTree(),
      install: (names) => ({ argv: [...managerOf(yarn), 'global', 'add', ...names], cwd: env['HOME']! }),
      start: [path.join(env['YARN_PREFIX']!, 'bin', 'greeter')],
      misfits: () => flat(path.join(globalFolder, 'node_modules')),
      has: (name) => existsSync(path.join(globalFolder, 'node_modules', name, 'package.json')),
    }),
  };
}

/** bun projects (hoisted, isolated) and bun's global folder. */
export function bunLayouts(base: NodeJS.ProcessEnv) {
  const tool = bun();
  const env = homeEnv(base, [tool.binDir, '<home>/.bun/bin'], (home) => ({ BUN_INSTALL: path.join(home, '.bun'), DO_NOT_TRACK: '1' }));
  const project = (linker: 'hoisted' | 'isolated', misfits: (folder: string) => string[]) => {
    // bunfig keeps the linker for later `bun add`s (greeter add's too).
    const folder = projectWith(`bun-${linker}`, { 'bunfig.toml': `[install]\nlinker = "${linker}"\n` }, { trustedDependencies: scripted });
    return createLayout({
      env,
      cwd: folder,
      install: (names) => ({ argv: [...managerOf(tool), 'add', '--linker', linker, ...names], cwd: folder }),
      start: [path.join(folder, 'node_modules', '.bin', 'greeter')],
      misfits: () => [...unless(existsSync(path.join(folder, 'bun.lock')), 'no bun.lock'), ...misfits(folder)],
      has: (name) => dependsOn(folder, name),
    });
  };
  const globalFolder = path.join(env['BUN_INSTALL']!, 'install', 'global', 'node_modules');
  writeTree(path.dirname(globalFolder), { 'package.json': JSON.stringify({ trustedDependencies: scripted }) });
  return {
    hoisted: project('hoisted', (folder) => flat(path.join(folder, 'node_modules'))),
    isolated: project('isolated', (folder) => linked(path.join(folder, 'node_modules'), '/node_modules/.bun/')),
    global: createLayout({
      env,
      cwd: makeTree(),
      install: (names) => ({ argv: [...managerOf(tool), 'add', '-g', ...names], cwd: env['HOME']! }),
      start: [path.join(env['BUN_INSTALL']!, 'bin', 'greeter')],
      misfits: () => flat(globalFolder),
      has: (name) => existsSync(path.join(globalFolder, name, 'package.json')),
    }),
  };
}

/** An npm project and a pnpm project (allowing every dependency's build scripts), in the suite's environment. */
export function npmAndPnpmProjects(env: NodeJS.ProcessEnv) {
  const project = (manager: 'npm' | 'pnpm', files: Record<string, string>, install: string[], misfits: (folder: string) => string[]) => {
    const folder = projectWith(`${manager}-project`, files);
    return createLayout({
      env,
      cwd: folder,
      install: (names) => ({ argv: [...install, ...names], cwd: folder }),
      start: [path.join(folder, 'node_modules', '.bin', 'greeter')],
      misfits: () => misfits(folder),
      has: (name) => dependsOn(folder, name),
    });
  };
  return {
    npm: project('npm', {}, ['npm', 'install', '--no-audit', '--no-fund'], (folder) => [
      ...unless(existsSync(path.join(folder, 'package-lock.json')), 'no package-lock.json'),
      ...flat(path.join(folder, 'node_modules')),
    ]),
    pnpm: project('pnpm', { 'pnpm-workspace.yaml': 'dangerouslyAllowAllBuilds: true\n' }, ['pnpm', 'add'], (folder) => [
      ...unless(existsSync(path.join(folder, 'pnpm-lock.yaml')), 'no pnpm-lock.yaml'),
      ...linked(path.join(folder, 'node_modules'), '/node_modules/.pnpm/'),
    ]),
  };
}

/** npm's global prefix, and `npx -p` (sharing npm's cache, but not that prefix: npx would use a global greeter). */
export function npmLayouts(base: NodeJS.ProcessEnv) {
  const env = homeEnv(base, ['<home>/npm-prefix/bin'], (home) => ({ npm_config_prefix: path.join(home, 'npm-prefix') }));
  const globalFolder = path.join(env['npm_config_prefix']!, 'lib', 'node_modules');
  const { npm_config_prefix: _global, ...npxEnv } = env;
  const npx = ['npx', '-y', ...everything.flatMap((name) => ['-p', name]), 'greeter'];
  const npxFolders = () => subfolders(path.join(env['HOME']!, '.npm', '_npx')).map((folder) => path.join(folder, 'node_modules'));
  return {
    global: createLayout({
      env,
      cwd: makeTree(),
      install: (names) => ({ argv: ['npm', 'install', '-g', '--no-audit', '--no-fund', ...names], cwd: env['HOME']! }),
      start: [path.join(env['npm_config_prefix']!, 'bin', 'greeter')],
      misfits: () => flat(globalFolder),
      has: (name) => existsSync(path.join(globalFolder, name, 'package.json')),
    }),
    npx: createLayout({
      env: npxEnv,
      cwd: makeTree(),
      // npx installs on first use: a first run fills its cache.
      install: () => ({ argv: [...npx, '--version'], cwd: makeTree() }),
      start: npx,
      misfits: () =>
        unless(
          npxFolders().some((folder) => flat(folder).length === 0),
          `no folder in ~/.npm/_npx holds ${everything.join(', ')}`,
        ),
      // Nothing is added to a one-off run.
      has: () => false,
    }),
  };
}

/** pnpm's global folders, and `pnpm dlx --package`, sharing PNPM_HOME (and its store). */
export function pnpmLayouts(base: NodeJS.ProcessEnv) {
  const env = homeEnv(base, ['<home>/.local/share/pnpm/bin'], (home) => ({ PNPM_HOME: path.join(home, '.local', 'share', 'pnpm') }));
  const pnpmHome = env['PNPM_HOME']!;
  // pnpm 12 gives each global package a folder of its own: <PNPM_HOME>/global/v<N>/<id>/node_modules.
  const globalFolders = () =>
    subfolders(path.join(pnpmHome, 'global'))
      .flatMap(subfolders)
      .map((folder) => path.join(folder, 'node_modules'));
  const dlx = ['pnpm', 'dlx', ...everything.flatMap((name) => ['--package', name]), 'greeter'];
  const dlxFolders = () => subfolders(path.join(env['XDG_CACHE_HOME']!, 'pnpm', 'dlx')).map((folder) => path.join(folder, 'pkg', 'node_modules'));
  return {
    global: createLayout({
      env,
      cwd: makeTree(),
      install: (names) => ({ argv: ['pnpm', 'add', '-g', ...names], cwd: env['HOME']! }),
      start: [path.join(pnpmHome, 'bin', 'greeter')],
      misfits: () =>
        everything.flatMap((name) =>
          unless(
            globalFolders().some((folder) => linked(folder, '/store/', [name]).length === 0),
            `${name} is not in a global folder linked from pnpm's store`,
          ),
        ),
      has: (name) => globalFolders().some((folder) => existsSync(path.join(folder, name, 'package.json'))),
    }),
    dlx: createLayout({
      env,
      cwd: makeTree(),
      // dlx installs on first use: a first run fills its cache.
      install: () => ({ argv: [...dlx, '--version'], cwd: makeTree() }),
      start: dlx,
      misfits: () =>
        unless(
          dlxFolders().some((folder) => linked(folder, '/node_modules/.pnpm/').length === 0),
          `no pnpm dlx folder links ${everything.join(', ')}`,
        ),
      // Nothing is added to a one-off run.
      has: () => false,
    }),
  };
}
