import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GreeterError } from '@greeter/core';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, rejectionCode, removeTrees, writeTree, type Tree } from '@greeter/fixtures';
import { candidateAt, candidateOf } from '../test-helpers/candidates.js';
import { greetApart } from '../test-helpers/greet-apart.js';
import type { PluginCandidate } from '../types.js';

afterAll(removeTrees);

// The plugin's process runs the built dist/isolate-child.cjs: build first.

const candidate = (source: string, files: Tree = {}) => candidateOf(source, files);

const isolated = (plugin: PluginCandidate, { timeoutMs = 5000, memoryLimitMb = 64 } = {}) => greetApart(plugin, { timeoutMs, memoryLimitMb }, { name: 'Ada' });

const greetCode = (source: string, files: Tree = {}) => rejectionCode(isolated(candidate(source, files)).greeting);

// A folder the plugin would leave a file in, if what it tries were allowed.
const sentinelFolder = () => makeTree();

describe('greetIsolated', () => {
  it('greets from a process of its own', async () => {
    expect(await isolated(candidate('export const Greeter = { greet: ({ name }) => "Hi " + name };')).greeting).toBe('Hi Ada');
  });

  it('greets under the longest timeout the CLI takes (2^31 − 1 ms), which the kill timer must not overflow', async () => {
    const source = 'export const Greeter = { greet: () => new Promise((resolve) => setTimeout(() => resolve("Hi"), 50)) };';
    expect(await isolated(candidate(source), { timeoutMs: 2 ** 31 - 1 }).greeting).toBe('Hi');
  });

  it('refuses a read outside the plugin folder, while greeting and while loading', async () => {
    const whileGreeting = await greetCode(
      'import { readFileSync } from "node:fs";\nexport const Greeter = { greet: () => String(readFileSync("/etc/hostname")) };',
    );
    const whileLoading = await greetCode(
      'import { readFileSync } from "node:fs";\nreadFileSync("/etc/hostname");\nexport const Greeter = { greet: () => "x" };',
    );
    expect([whileGreeting, whileLoading]).toEqual(['GREETER_PERMISSION_DENIED', 'GREETER_PERMISSION_DENIED']);
  });

  it('refuses a write, and no file is written', async () => {
    const sentinel = path.join(sentinelFolder(), 'written');
    const code = await greetCode(
      `import { writeFileSync } from "node:fs";\nexport const Greeter = { greet() { writeFileSync(${JSON.stringify(sentinel)}, "x"); return "wrote"; } };`,
    );
    expect([code, existsSync(sentinel)]).toEqual(['GREETER_PERMISSION_DENIED', false]);
  });

  it('refuses to start a process, and none runs', async () => {
    const sentinel = path.join(sentinelFolder(), 'spawned');
    const code = await greetCode(
      `import { spawnSync } from "node:child_process";\nexport const Greeter = { greet() { const result = spawnSync("touch", [${JSON.stringify(sentinel)}]); if (result.error) throw result.error; return "spawned"; } };`,
    );
    expect([code, existsSync(sentinel)]).toEqual(['GREETER_PERMISSION_DENIED', false]);
  });

  it('refuses to start a worker thread, and none runs', async () => {
    const sentinel = path.join(sentinelFolder(), 'worker');
    const work = `require("node:fs").writeFileSync(${JSON.stringify(sentinel)}, "x")`;
    const code = await greetCode(
      `import { Worker } from "node:worker_threads";\nexport const Greeter = { greet() { new Worker(${JSON.stringify(work)}, { eval: true }); return "started"; } };`,
    );
    expect([code, existsSync(sentinel)]).toEqual(['GREETER_PERMISSION_DENIED', false]);
  });

  it('refuses to load a native addon', async () => {
    const code = await greetCode(
      'import { createRequire } from "node:module";\nexport const Greeter = { greet() { createRequire(import.meta.url)("./addon.node"); return "loaded"; } };',
      {
        'addon.node': 'not really an addon',
      },
    );
    expect(code).toBe('GREETER_PERMISSION_DENIED');
  });

  it('refuses to import a package that is not among its dependencies', async () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', {
          source: 'import other from "other-lib";\nexport const Greeter = { greet: () => other };',
        }),
        'other-lib': { 'package.json': '{"name":"other-lib","version":"1.0.0","main":"index.js"}', 'index.js': 'module.exports = "other";' },
      }),
    );
    expect(await rejectionCode(isolated(candidateAt(path.join(root, 'node_modules', 'greeter-plugin-x'))).greeting)).toBe('GREETER_PERMISSION_DENIED');
  });

  it('refuses a read outside the plugin folder even when its package.json names a dependency that climbs out', async () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-x': pluginPackage('greeter-plugin-x', 'x', {
          packageJson: { optionalDependencies: { '../../../../../../../../../../etc': '*' } },
          source: 'import { readFileSync } from "node:fs";\nexport const Greeter = { greet: () => String(readFileSync("/etc/hostname")) };',
        }),
      }),
    );
    expect(await rejectionCode(isolated(candidateAt(path.join(root, 'node_modules', 'greeter-plugin-x'))).greeting)).toBe('GREETER_PERMISSION_DENIED');
  });

  it('does not take a greeting that is not a string from a report the plugin forged', async () => {
    const forged = 'export const Greeter = { greet() { process.send({ ok: true, greeting: { not: "a string" } }); return new Promise(() => {}); } };';
    expect(await greetCode(forged)).toBe('GREETER_GREET_FAILED');
  });

  it('survives a report the plugin forged with a code outside the catalogue', () => {
    // Run in a process of its own: a crash here would take vitest's worker with it.
    const forged =
      'export const Greeter = { greet() { process.send({ ok: false, error: { code: "NOT_A_CODE", message: "forged", hint: "forged" } }); return new Promise(() => {}); } };';
    const plugin = candidate(forged);
    const stages = new URL('../../dist/stages.js', import.meta.url).href;
    const script = `
      const { greetIsolated } = await import(${JSON.stringify(stages)});
      const candidate = ${JSON.stringify(plugin)};
      const code = await greetIsolated(candidate, {}, { coreVersion: '1.0.0', timeoutMs: 5000, output: new (await import('node:stream')).PassThrough() })
        .then(() => 'greeted', (error) => error?.code ?? 'not a GreeterError');
      process.stdout.write(JSON.stringify({ code }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(child.stdout).toMatch(/^\{"code":"GREETER_[A-Z_]+"\}$/);
  });

  describe('a plugin with dependencies', () => {
    const source =
      'import word from "dep-lib";\nimport scoped from "@acme/dep";\nexport const Greeter = { greet: ({ name }) => word + " " + scoped + " " + name };';
    const packages: Record<string, Tree> = {
      'greeter-plugin-dep': pluginPackage('greeter-plugin-dep', 'x', { source, packageJson: { dependencies: { 'dep-lib': '1.0.0', '@acme/dep': '1.0.0' } } }),
      'dep-lib': {
        'package.json': JSON.stringify({ name: 'dep-lib', version: '1.0.0', main: 'index.js', dependencies: { deeper: '1.0.0' } }),
        'index.js': 'module.exports = require("deeper");',
      },
      '@acme/dep': { 'package.json': '{"name":"@acme/dep","version":"1.0.0","type":"module","exports":"./main.js"}', 'main.js': 'export default "scoped";' },
      deeper: { 'package.json': '{"name":"deeper","version":"1.0.0"}', 'index.js': 'module.exports = "deep";' },
    };

    it('greets in an npm layout', async () => {
      const root = makeTree(npmLayout(packages));
      expect(await isolated(candidateAt(path.join(root, 'node_modules', 'greeter-plugin-dep'))).greeting).toBe('deep scoped Ada');
    });

    it('greets in a pnpm layout, through the links of the virtual store', async () => {
      const root = makeTree(pnpmLayout(packages));
      // pnpm links each package's dependencies beside it in the store.
      writeTree(root, {
        'node_modules/.pnpm/greeter-plugin-dep@1.0.0/node_modules/dep-lib': { link: '../../dep-lib@1.0.0/node_modules/dep-lib' },
        'node_modules/.pnpm/greeter-plugin-dep@1.0.0/node_modules/@acme/dep': { link: '../../../@acme+dep@1.0.0/node_modules/@acme/dep' },
        'node_modules/.pnpm/dep-lib@1.0.0/node_modules/deeper': { link: '../../deeper@1.0.0/node_modules/deeper' },
      });
      expect(await isolated(candidateAt(path.join(root, 'node_modules', 'greeter-plugin-dep'))).greeting).toBe('deep scoped Ada');
    });
  });

  it('stops a synchronous busy loop at the timeout', async () => {
    expect(await rejectionCode(isolated(candidate('export const Greeter = { greet() { for (;;) {} } };'), { timeoutMs: 300 }).greeting)).toBe(
      'GREETER_GREET_TIMEOUT',
    );
  });

  it('passes the process only what finds the entry: a manifest nested thousands deep elsewhere greets, in "exports" it fails to load', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const plugin = (field: string) =>
      candidateAt(
        path.join(
          makeTree({
            plugin: {
              'package.json': `{ "name": "greeter-plugin-x", "type": "module", "main": "index.js", "${field}": ${deep} }`,
              'index.js': 'export const Greeter = { greet: () => "deep" };',
            },
          }),
          'plugin',
        ),
      );
    const nestedElsewhere = plugin('description');
    const nestedExports = plugin('exports');
    expect([await isolated(nestedElsewhere).greeting, await rejectionCode(isolated(nestedExports).greeting)]).toEqual(['deep', 'GREETER_PLUGIN_LOAD_FAILED']);
  });

  it('stops a runaway allocation at the memory limit', async () => {
    const hog = 'export const Greeter = { greet() { const kept = []; for (;;) kept.push(new Array(1e5).fill({})); } };';
    const failure = await isolated(candidate(hog), { timeoutMs: 20_000, memoryLimitMb: 64 }).greeting.then(
      () => undefined,
      (error: unknown) => error as GreeterError,
    );
    // Nearly always V8's own report; under load an allocation fails now and then where nothing can print, and the abort alone is told.
    expect(failure?.code).toBe('GREETER_GREET_FAILED');
    expect(failure?.message).toMatch(
      /^greeter-plugin-x( ran out of memory: it passed the 64 MiB limit|'s isolated process ended \(SIGABRT\) without a report; it may have passed the 64 MiB memory limit) of an isolated plugin\.$/,
    );
  });

  it('sends what the plugin writes to fd 1 to the output stream, not as the greeting', async () => {
    const noisy = `import fs from "node:fs";
      console.log("via-console");
      export const Greeter = { greet() { process.stdout.write("via-stdout\\n"); fs.writeSync(1, "via-writeSync\\n"); console.error("via-stderr"); return "quiet"; } };`;
    const run = isolated(candidate(noisy));
    const greeting = await run.greeting;
    const lines = run.output().split('\n');
    expect(greeting).toBe('quiet');
    expect(['via-console', 'via-stdout', 'via-writeSync', 'via-stderr'].filter((line) => !lines.includes(`[greeter-plugin-x] ${line}`))).toEqual([]);
  });

  it.each([
    ['a module without a greeter', 'export const Greeter = {};', 'GREETER_PLUGIN_INVALID'],
    ['a throw on import', 'throw new Error("x");', 'GREETER_PLUGIN_LOAD_FAILED'],
    ['process.exit while greeting', 'export const Greeter = { greet() { process.exit(4); } };', 'GREETER_GREET_FAILED'],
    ['a greet that nothing can settle', 'export const Greeter = { greet: () => new Promise(() => {}) };', 'GREETER_GREET_TIMEOUT'],
    ['a top-level await that nothing can settle', 'await new Promise(() => {});\nexport const Greeter = { greet: () => "x" };', 'GREETER_GREET_TIMEOUT'],
  ])('keeps the code of %s', async (_what, source, code) => {
    expect(await greetCode(source)).toBe(code);
  });
});
