import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees, writeTree } from '@greeter/fixtures';

// The discovery index as the CLI keeps it (GREETER_CACHE_DIR): answers
// from it while nothing changed, and every change made by hand is seen at
// the next run. Each answer is compared with a run that keeps nothing
// (GREETER_CACHE=off), byte for byte.

const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));
// How long a change must lie behind a run for that run to keep it (the index's settleMs, and a margin).
const settle = () => sleep(3200);
// npm's fixed modification time of installed files (1985-10-26T08:15:00Z).
const npmTime = 499162500;

afterAll(removeTrees);

function greeter(cwd: string, args: string[], env: Record<string, string>) {
  const { DEBUG: _debug, GREETER_CACHE: _cache, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...inherited, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/** A project and a cache folder, with runs through the index and runs that keep nothing. */
function setUp() {
  const root = makeTree(
    npmLayout({
      'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] }),
      '@acme/greeter-plugin-klingon': pluginPackage('@acme/greeter-plugin-klingon', 'nuqneH', { languages: ['klingon', 'tlh'] }),
      'greeter-plugin-russian': pluginPackage('greeter-plugin-russian', 'Привет', { languages: ['russian', 'ru'] }),
      'greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej', { languages: ['swedish', 'sv'] }),
    }),
  );
  utimesSync(path.join(root, 'node_modules/greeter-plugin-russian/package.json'), npmTime, npmTime);
  const cache = makeTree();
  const indexed = (args: string[]) => greeter(root, args, { GREETER_CACHE_DIR: cache });
  const fresh = (args: string[]) => greeter(root, args, { GREETER_CACHE_DIR: cache, GREETER_CACHE: 'off' });
  const indexFiles = () => readdirSafe(path.join(cache, 'discovery')).map((name) => path.join(cache, 'discovery', name));
  return { root, cache, indexed, fresh, indexFiles };
}

// The bundles a run compiles are kept only once they are 3 s old (a build just before the tests).
async function bundlesSettled(): Promise<void> {
  const built = statSync(path.join(bin, '../../dist/bundle/greet.cjs'));
  await sleep(Math.max(0, Math.max(built.mtimeMs, built.ctimeMs) + 3200 - Date.now()));
}

function readdirSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

describe('the discovery index of the CLI', () => {
  it('answers from the index while nothing changed, and sees each change made by hand at the next run', { timeout: 60_000 }, async () => {
    const { root, indexed, fresh, indexFiles } = setUp();
    await settle();
    expect(indexed(['list', '--json'])).toEqual(fresh(['list', '--json']));
    const [file] = indexFiles();
    const kept = readFileSync(file!, 'utf8');
    // An index saying another version: a run that shows it answered from the index.
    writeFileSync(file!, kept.replaceAll('"version":"1.0.0"', '"version":"9.9.9"'));
    expect(JSON.parse(indexed(['list', '--json']).stdout).plugins.map((plugin: { version: string }) => plugin.version)).toContain('9.9.9');
    writeFileSync(file!, kept);

    // Installed by hand; found through full discovery (an alias no package name carries).
    writeTree(root, { 'node_modules/greeter-plugin-esperanto': pluginPackage('greeter-plugin-esperanto', 'Saluton', { languages: ['esperanto', 'eo'] }) });
    expect(indexed(['eo', '--no-isolate'])).toEqual({ stdout: 'Saluton\n', stderr: '', code: 0 });
    expect(indexed(['list', '--json'])).toEqual(fresh(['list', '--json']));

    // Edited in place to the same size, with npm's modification time kept, in the same second as the run before.
    const manifest = path.join(root, 'node_modules/greeter-plugin-russian/package.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"ru"', '"rx"'));
    utimesSync(manifest, npmTime, npmTime);
    expect(indexed(['rx', '--no-isolate'])).toEqual({ stdout: 'Привет\n', stderr: '', code: 0 });

    // A scoped folder added, a plugin removed.
    writeTree(root, { 'node_modules/@new/greeter-plugin': pluginPackage('@new/greeter-plugin', 'new') });
    rmSync(path.join(root, 'node_modules/greeter-plugin-swedish'), { recursive: true });
    expect(indexed(['list', '--json'])).toEqual(fresh(['list', '--json']));
    expect(indexed(['sv']).code).toBe(1);

    // A corrupt index is an empty one.
    writeFileSync(file!, '{"format":1,"listings":{"/":');
    expect(indexed(['list', '--json'])).toEqual(fresh(['list', '--json']));
    expect(indexed(['eo', '--no-isolate'])).toEqual(fresh(['eo', '--no-isolate']));
  });

  it('keeps nothing and reads nothing with GREETER_CACHE=off', async () => {
    const { indexed, fresh, cache, indexFiles } = setUp();
    await bundlesSettled();
    for (let run = 0; run < 3; run++) expect(fresh(['list', '--json']).code).toBe(0);
    expect(readdirSafe(cache)).toEqual([]);
    await settle();
    indexed(['list', '--json']);
    const [file] = indexFiles();
    writeFileSync(file!, readFileSync(file!, 'utf8').replaceAll('"version":"1.0.0"', '"version":"9.9.9"'));
    expect(fresh(['list', '--json']).stdout).not.toContain('9.9.9');
  });

  it('keeps compiled code between runs, and greets from it', async () => {
    const { indexed, cache } = setUp();
    await bundlesSettled();
    for (let run = 0; run < 3; run++) expect(indexed(['zh', '--no-isolate'])).toEqual({ stdout: '你好宇宙\n', stderr: '', code: 0 });
    // A V8 code cache per bundle and command, made at its second run.
    expect(readdirSafe(path.join(cache, 'code-cache')).filter((name) => statSync(path.join(cache, 'code-cache', name)).size > 0)).toEqual([
      expect.stringMatching(/^greet\.cjs\.greet\.[0-9a-f]{8}\.bin$/),
    ]);
    // A damaged cache only means compiling again.
    for (const name of readdirSafe(path.join(cache, 'code-cache'))) writeFileSync(path.join(cache, 'code-cache', name), 'damaged');
    expect(indexed(['zh', '--no-isolate'])).toEqual({ stdout: '你好宇宙\n', stderr: '', code: 0 });
    expect(indexed(['list', '--json']).code).toBe(0);
  });

  it('never waits on a FIFO put in place of a cache file', async () => {
    const { root, indexed, fresh, cache, indexFiles } = setUp();
    await bundlesSettled();
    await settle();
    for (let run = 0; run < 3; run++) indexed(['list', '--json']);
    const codeCache = readdirSafe(path.join(cache, 'code-cache')).map((name) => path.join(cache, 'code-cache', name));
    const files = [...indexFiles(), ...codeCache];
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      rmSync(file);
      execFileSync('mkfifo', [file]);
    }
    // Bounded by the spawn's own limit: a read of a FIFO with no writer would wait for ever.
    const result = spawnSync(process.execPath, [bin, 'list', '--json'], {
      cwd: root,
      env: { ...process.env, GREETER_CACHE_DIR: cache },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect({ code: result.status, stdout: result.stdout }).toEqual({ code: 0, stdout: fresh(['list', '--json']).stdout });
  });

  // Unreadable and unwritable for root too: the cache folder's parent is a
  // regular file (ENOTDIR). Nothing is ever kept, so there is no stat data to
  // check: this shows only that such a cache costs nothing but the start-up.
  it('answers as a fresh search when the cache folder cannot be written', () => {
    const { root, fresh } = setUp();
    const blocker = path.join(makeTree(), 'a-file');
    writeFileSync(blocker, '');
    const run = (args: string[]) => greeter(root, args, { GREETER_CACHE_DIR: blocker });
    expect(run(['list', '--json'])).toEqual(fresh(['list', '--json']));
    expect(run(['sv', '--no-isolate'])).toEqual({ stdout: 'Hej\n', stderr: '', code: 0 });
  });

  // Root writes through any mode bits: chattr +i makes the folders read-only
  // for root too (EPERM), where the file system supports it (ext4, xfs, btrfs).
  it.runIf(process.platform === 'linux')('answers from a read-only cache folder, and sees a change made since', { timeout: 30_000 }, async () => {
    const { indexed, fresh, cache, root, indexFiles } = setUp();
    await settle();
    indexed(['list', '--json']);
    const [file] = indexFiles();
    expect(readFileSync(file!, 'utf8')).toContain('node_modules/greeter-plugin-swedish');
    const folders = [cache, path.join(cache, 'discovery')];
    if (!folders.every((folder) => spawnSync('chattr', ['+i', folder]).status === 0)) return expect.fail('chattr +i is not supported here');
    try {
      expect(() => writeFileSync(path.join(cache, 'discovery', 'probe'), '')).toThrow();
      writeTree(root, { 'node_modules/greeter-plugin-latin': pluginPackage('greeter-plugin-latin', 'Salve', { languages: ['latin', 'la'] }) });
      rmSync(path.join(root, 'node_modules/greeter-plugin-swedish'), { recursive: true });
      expect(indexed(['list', '--json'])).toEqual(fresh(['list', '--json']));
      expect(indexed(['la', '--no-isolate'])).toEqual({ stdout: 'Salve\n', stderr: '', code: 0 });
      expect(indexed(['sv']).code).toBe(1);
    } finally {
      for (const folder of folders) spawnSync('chattr', ['-i', folder]);
    }
  });

  it('answers as a fresh search when its cache folder is deleted between reading the index and writing it', { timeout: 30_000 }, async () => {
    const { root, cache, indexed, fresh, indexFiles } = setUp();
    await settle();
    indexed(['list', '--json']);
    expect(indexFiles()).toHaveLength(1);
    writeTree(root, { 'node_modules/greeter-plugin-latin': pluginPackage('greeter-plugin-latin', 'Salve', { languages: ['latin', 'la'] }) });
    // Loaded before greeter: deletes the cache folder when greeter lists a
    // node_modules folder (the index has been read; it is written after
    // discovery), and leaves a sentinel saying it did.
    const hooks = makeTree();
    const sentinel = path.join(hooks, 'deleted');
    writeFileSync(
      path.join(hooks, 'delete-cache.cjs'),
      `const fs = require('node:fs');
const readdirSync = fs.readdirSync;
fs.readdirSync = function (folder, ...rest) {
  if (String(folder).endsWith('node_modules') && fs.existsSync(process.env.GREETER_CACHE_DIR)) {
    fs.rmSync(process.env.GREETER_CACHE_DIR, { recursive: true, force: true });
    fs.writeFileSync(${JSON.stringify(sentinel)}, '');
  }
  return readdirSync.call(this, folder, ...rest);
};
`,
    );
    const expected = fresh(['list', '--json']);
    const deleting = greeter(root, ['list', '--json'], { GREETER_CACHE_DIR: cache, NODE_OPTIONS: `--require ${path.join(hooks, 'delete-cache.cjs')}` });
    expect(existsSync(sentinel)).toBe(true);
    expect(deleting).toEqual(expected);
    expect(indexed(['list', '--json'])).toEqual(expected);
    expect(indexed(['la', '--no-isolate'])).toEqual({ stdout: 'Salve\n', stderr: '', code: 0 });
  });

  it('answers as a fresh search while its cache folder is deleted again and again during runs', { timeout: 60_000 }, async () => {
    const { root, cache, fresh, indexed } = setUp();
    await settle();
    indexed(['list', '--json']);
    // A change after the index was kept: a run that reads the index before the folder goes must still see it.
    writeTree(root, { 'node_modules/greeter-plugin-latin': pluginPackage('greeter-plugin-latin', 'Salve') });
    const expected = fresh(['list', '--json']).stdout;
    let deleting = true;
    const deleter = (async () => {
      while (deleting) {
        try {
          rmSync(cache, { recursive: true, force: true });
        } catch {
          // A run was writing its index at that moment (ENOTEMPTY): the next turn deletes it.
        }
        await sleep(1);
      }
    })();
    const { DEBUG: _debug, GREETER_CACHE: _off, ...inherited } = process.env;
    const runs = Array.from(
      { length: 8 },
      () =>
        new Promise<string>((resolve) => {
          const child = spawn(process.execPath, [bin, 'list', '--json'], { cwd: root, env: { ...inherited, GREETER_CACHE_DIR: cache } });
          let stdout = '';
          child.stdout.on('data', (chunk) => {
            stdout += chunk;
          });
          child.on('close', (code) => resolve(`${code} ${stdout}`));
        }),
    );
    const outputs = await Promise.all(runs);
    deleting = false;
    await deleter;
    expect(outputs).toEqual(Array.from({ length: 8 }, () => `0 ${expected}`));
  });
});
