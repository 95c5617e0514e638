import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { findRegistry } from '../registry/find-registry.js';
import { readInstallRecord } from '../registry/installed/read-install-record.js';
import { snapshotFiles } from './commands/_run-package-manager.js';

// Files are never waited on: a FIFO or a device where greeter expects a
// package.json, a config, or a package manager's file is a clean error or
// is passed over, at once. Each run is bounded, so a greeter that waits
// fails the test instead of stalling the suite.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

const writers: ChildProcess[] = [];
afterAll(() => {
  for (const writer of writers) writer.kill();
  removeTrees();
});

function greeter(cwd: string, args: string[]) {
  const { DEBUG: _debug, ...env } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A FIFO at `file` in place of whatever was there: opening it to read would wait for a writer forever.
function fifo(file: string): string {
  rmSync(file, { force: true });
  execFileSync('mkfifo', [file]);
  return file;
}

// The sentinel: writes `text` into the FIFO, once for each reader that opens it. A reader
// that waits gets it; one that does not wait never reads it. Ended after the tests.
function feed(file: string, text: string): string {
  writers.push(spawn('sh', ['-c', 'while :; do printf %s "$0" > "$1"; sleep 0.2; done', text, file], { stdio: 'ignore' }));
  return file;
}

const chinese = pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese'] });

describe("a FIFO as a plugin's package.json", () => {
  const root = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese, 'greeter-plugin-fifo': {} }));
  fifo(path.join(root, 'node_modules', 'greeter-plugin-fifo', 'package.json'));

  it('greeter list --json lists it as broken, the others as they are', () => {
    const result = greeter(root, ['list', '--json']);
    const plugins = JSON.parse(result.stdout).plugins as Array<{ name?: string; path: string; status: string }>;
    const status = Object.fromEntries(plugins.map((plugin) => [path.basename(plugin.path), plugin.status]));
    expect({ code: result.code, chinese: status['greeter-plugin-chinese'], fifo: status['greeter-plugin-fifo'] }).toEqual({
      code: 0,
      chinese: 'ok',
      fifo: 'broken',
    });
  });

  it('greeter doctor --json names it as broken and exits 1', () => {
    const result = greeter(root, ['doctor', '--json']);
    const plugins = JSON.parse(result.stdout).plugins as Array<{ path: string; status: string; error: { code: string } | null }>;
    const found = plugins.find((plugin) => path.basename(plugin.path) === 'greeter-plugin-fifo');
    expect({ code: result.code, status: found?.status, error: found?.error?.code }).toEqual({ code: 1, status: 'broken', error: 'GREETER_PLUGIN_LOAD_FAILED' });
  });

  it('greeter chinese still greets', () => {
    expect(greeter(root, ['chinese'])).toMatchObject({ code: 0, stdout: '你好宇宙\n' });
  });
});

describe('a FIFO or a device as the config', () => {
  // [what, the file made a FIFO (none: /dev/zero), the arguments]
  it.each([
    ['--config /dev/zero', undefined, ['--config', '/dev/zero']],
    ['--config <fifo>', 'greeter.yaml', ['--config', 'greeter.yaml']],
    ['--config <fifo>.json', 'greeter.json', ['--config', 'greeter.json']],
    ['--config <fifo>.mjs', 'greeter.config.mjs', ['--config', 'greeter.config.mjs']],
    ['a .greeterrc.json FIFO found by the search', '.greeterrc.json', []],
    ['a greeter.config.ts FIFO found by the search', 'greeter.config.ts', []],
    ['a package.json FIFO found by the search', 'package.json', []],
  ])('%s: GREETER_CONFIG_INVALID, exit 2', (_what, file, args) => {
    const root = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));
    if (file !== undefined) fifo(path.join(root, file));
    const result = greeter(root, ['chinese', ...args]);
    expect({ code: result.code, error: codeIn(result.stderr), stdout: result.stdout }).toEqual({ code: 2, error: 'GREETER_CONFIG_INVALID', stdout: '' });
  });
});

describe("a FIFO as a package manager's file", () => {
  it('.modules.yaml, pnpm-workspace.yaml and the lockfile are passed over: greeter greets and lists', () => {
    // A plugin linked to a folder outside node_modules makes discovery read
    // .modules.yaml (a pnpm virtual store?) and the workspace file (a listed package?).
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': chinese }),
      packages: { 'greeter-plugin-linked': pluginPackage('greeter-plugin-linked', 'linked') },
    });
    symlinkSync('../packages/greeter-plugin-linked', path.join(root, 'node_modules', 'greeter-plugin-linked'));
    for (const file of ['node_modules/.modules.yaml', 'pnpm-workspace.yaml', 'pnpm-lock.yaml']) fifo(path.join(root, file));
    const greeting = greeter(root, ['chinese']);
    const listing = greeter(root, ['list', '--json']);
    expect({ greeting: [greeting.code, greeting.stdout], listing: listing.code }).toEqual({ greeting: [0, '你好宇宙\n'], listing: 0 });
  });

  // Read in this process: a waiting read would get what the sentinel feeds the FIFO.
  it.each([
    ['npm', '.npmrc', 'GREETER_CONFIG_INVALID'],
    ['pnpm', 'pnpm-workspace.yaml', 'https://registry.npmjs.org/'],
    ['yarn@berry', '.yarnrc.yml', 'https://registry.npmjs.org/'],
    ['yarn', '.yarnrc', 'https://registry.npmjs.org/'],
  ] as const)('%s: the registry is found without waiting on a FIFO %s in the project and the home folder', (agent, file, registry) => {
    const root = makeTree({ 'package.json': '{"name":"app"}' });
    const home = makeTree();
    const fed = {
      npm: 'registry=http://127.0.0.1:9/waited/\n',
      pnpm: 'registry: http://127.0.0.1:9/waited/\n',
      'yarn@berry': 'npmRegistryServer: http://127.0.0.1:9/waited/\n',
      yarn: 'registry "http://127.0.0.1:9/waited/"\n',
    }[agent];
    for (const folder of [root, home]) feed(fifo(path.join(folder, file)), fed);
    const manager = { name: agent === 'yarn@berry' ? 'yarn' : agent, agent } as const;
    let found: string;
    try {
      found = findRegistry({ manager, projectRoot: root, env: {}, home }).url;
    } catch (error) {
      found = (error as { code: string }).code;
    }
    expect(found).toBe(registry);
  });

  it('add and remove leave a FIFO lockfile out of the files they put back, and find no install record in it', () => {
    const root = makeTree({ 'package.json': '{"name":"app"}' });
    const record = '{"lockfileVersion":3,"packages":{"node_modules/greeter-plugin-x":{"version":"6.6.6"}}}';
    const lockfile = feed(fifo(path.join(root, 'package-lock.json')), record);
    const snapshot = snapshotFiles([path.join(root, 'package.json'), lockfile]);
    const installed = readInstallRecord({ root, spec: '^6.0.0', lockfiles: [lockfile] }, 'greeter-plugin-x');
    expect({ kept: [...snapshot.keys()], installed }).toEqual({ kept: [path.join(root, 'package.json')], installed: undefined });
  });
});
