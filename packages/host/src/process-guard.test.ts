import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees, type Tree } from '@greeter/fixtures';

afterAll(removeTrees);

// Each scenario runs in a fresh `node` process on the built host, so that
// what it patches, the listeners it adds and what its plugins leave behind
// (timers, exits, stray exceptions) cannot leak into vitest or another test.
const stagesUrl = new URL('../dist/stages.js', import.meta.url).href;

// Saves the real stdout and exit before anything runs; `report` prints the
// result as the only line of the real stdout, `outcome` turns a greeting or
// its error into data.
const prelude = `
import fs, { writeSync as esmWriteSync } from 'node:fs';
import path from 'node:path';
const stages = await import(${JSON.stringify(stagesUrl)});
const real = { write: process.stdout.write, exit: process.exit, reallyExit: process.reallyExit, writeSync: fs.writeSync, write_: fs.write };
const events = ['uncaughtException', 'unhandledRejection', 'beforeExit', 'exit'];
const listenerCounts = () => Object.fromEntries(events.map((event) => [event, process.listenerCount(event)]));
const plugins = path.join(import.meta.dirname, 'plugins');
const candidate = (name) => {
  const entry = stages.readPluginPackage({ path: path.join(plugins, name), source: 'project', origin: 'test' }, { realpath: (p) => fs.realpathSync(p), addCommand: (n) => n });
  if ('error' in entry) throw entry.error;
  return entry;
};
const greet = (name, timeoutMs = 60000, options = {}) => stages.greetInProcess(candidate(name), options, { coreVersion: '1.0.0', timeoutMs });
const outcome = (promise) => promise.then(
  (value) => ({ value }),
  (error) => ({ code: error?.code ?? 'not a GreeterError', cause: error?.cause instanceof Error ? error.cause.message : undefined }),
);
const deferred = () => { let resolve; const promise = new Promise((r) => { resolve = r; }); return { promise, resolve }; };
const report = (value) => new Promise((resolve) => real.write.call(process.stdout, JSON.stringify(value) + '\\n', resolve)).then(() => real.exit.call(process, 0));
`;

interface ChildRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The JSON the script reported on the real stdout. */
  result: unknown;
}

function runScript(body: string, plugins: Record<string, Tree>): ChildRun {
  const root = makeTree({ 'main.mjs': `${prelude}\n${body}`, plugins });
  const child = spawnSync(process.execPath, [path.join(root, 'main.mjs')], { encoding: 'utf8', timeout: 20_000 });
  const lastLine = child.stdout.trimEnd().split('\n').at(-1) ?? '';
  let result: unknown;
  try {
    result = JSON.parse(lastLine);
  } catch {
    result = { unparsable: child.stdout, stderr: child.stderr, status: child.status };
  }
  return { status: child.status, stdout: child.stdout, stderr: child.stderr, result };
}

const plugin = (name: string, source: string) => pluginPackage(name, 'unused', { source });

describe('runGuarded in a clean process', () => {
  it('keeps 20 concurrent greetings apart and restores the process after the last', () => {
    const plugins: Record<string, Tree> = {};
    for (let index = 0; index < 20; index++) {
      const greeting = JSON.stringify(`greeting ${index}`);
      const source =
        index % 2 === 0
          ? `export const Greeter = { greet: () => new Promise((resolve) => setTimeout(() => { console.log('noise ${index}'); resolve(${greeting}); }, ${index * 2})) };`
          : `export const Greeter = { greet: () => ${greeting} };`;
      plugins[`p${index}`] = plugin(`greeter-plugin-p${index}`, source);
    }
    const { result } = runScript(
      `
      const before = listenerCounts();
      const greetings = await Promise.all(Array.from({ length: 20 }, (_, index) => greet('p' + index)));
      await report({
        greetings,
        restored: {
          stdoutWrite: process.stdout.write === real.write,
          exit: process.exit === real.exit,
          reallyExit: process.reallyExit === real.reallyExit,
          writeSync: fs.writeSync === real.writeSync,
          write: fs.write === real.write_,
          esmWriteSync: esmWriteSync === real.writeSync,
          listeners: JSON.stringify(listenerCounts()) === JSON.stringify(before),
        },
      });
      `,
      plugins,
    );
    expect(result).toEqual({
      greetings: Array.from({ length: 20 }, (_, index) => `greeting ${index}`),
      restored: { stdoutWrite: true, exit: true, reallyExit: true, writeSync: true, write: true, esmWriteSync: true, listeners: true },
    });
  });

  it('sends every write to fd 1 made during a run to stderr, and none to stdout', () => {
    const source = `
      import fs, { writeSync } from 'node:fs';
      console.log('via-console-at-import');
      export const Greeter = {
        greet: () => new Promise((resolve, reject) => {
          console.log('via-console');
          process.stdout.write('via-stdout-write\\n');
          fs.writeSync(1, 'via-fs-writeSync\\n');
          writeSync(1, 'via-esm-writeSync\\n');
          fs.writevSync(1, [Buffer.from('via-fs-writevSync\\n')]);
          fs.writeFileSync(1, 'via-fs-writeFileSync\\n');
          fs.appendFileSync(1, 'via-fs-appendFileSync\\n');
          fs.write(1, 'via-fs-write\\n', (error) => (error ? reject(error) : resolve('hello')));
        }),
      };`;
    const { stdout, stderr, result } = runScript(`await report(await outcome(greet('noisy')));`, { noisy: plugin('greeter-plugin-noisy', source) });
    const markers = [
      'console-at-import',
      'console',
      'stdout-write',
      'fs-writeSync',
      'esm-writeSync',
      'fs-writevSync',
      'fs-writeFileSync',
      'fs-appendFileSync',
      'fs-write',
    ];
    expect(stdout).toBe(`${JSON.stringify(result)}\n`);
    expect(result).toEqual({ value: 'hello' });
    expect(markers.filter((marker) => !stderr.split('\n').includes(`via-${marker}`))).toEqual([]);
  });

  it('restores the process only when the last of nested and overlapping runs ends', () => {
    const { result } = runScript(
      `
      const patched = () => process.stdout.write !== real.write;
      const options = { phase: 'greet', subject: 'test' };
      const states = {};
      const nestedDone = deferred();
      const releaseOuter = deferred();
      const releaseOverlapping = deferred();
      const outer = stages.runGuarded(async () => {
        await stages.runGuarded(() => 'nested', options);
        states.afterNested = patched();
        nestedDone.resolve();
        await releaseOuter.promise;
        return 'outer';
      }, options);
      const overlapping = stages.runGuarded(() => releaseOverlapping.promise, options);
      await nestedDone.promise;
      releaseOuter.resolve();
      const values = [await outer];
      states.afterOuter = patched();
      releaseOverlapping.resolve('overlapping');
      values.push(await overlapping);
      states.afterLast = patched();
      await report({ values, states });
      `,
      {},
    );
    expect(result).toEqual({ values: ['outer', 'overlapping'], states: { afterNested: true, afterOuter: true, afterLast: false } });
  });

  it('turns process.exit into a failure of the phase that called it, and the process goes on', () => {
    const plugins = {
      'exit-greet': plugin('greeter-plugin-exit-greet', 'export const Greeter = { greet() { process.exit(3); } };'),
      'exit-load': plugin('greeter-plugin-exit-load', 'process.exit(0);\nexport const Greeter = { greet: () => "unreachable" };'),
      'exit-swallowed': plugin('greeter-plugin-exit-swallowed', 'export const Greeter = { greet() { try { process.exit(0); } catch {} return "pretends"; } };'),
      'really-exit': plugin('greeter-plugin-really-exit', 'export const Greeter = { greet() { process.reallyExit(5); } };'),
    };
    const { status, result } = runScript(
      `
      const codes = {};
      for (const name of ['exit-greet', 'exit-load', 'exit-swallowed', 'really-exit']) codes[name] = (await outcome(greet(name))).code;
      codes.config = (await outcome(stages.runGuarded(() => process.exit(1), { phase: 'config', subject: 'a config' }))).code;
      await report({ codes, alive: true });
      `,
      plugins,
    );
    expect({ status, result }).toEqual({
      status: 0,
      result: {
        codes: {
          'exit-greet': 'GREETER_GREET_FAILED',
          'exit-load': 'GREETER_PLUGIN_LOAD_FAILED',
          'exit-swallowed': 'GREETER_GREET_FAILED',
          'really-exit': 'GREETER_GREET_FAILED',
          config: 'GREETER_CONFIG_INVALID',
        },
        alive: true,
      },
    });
  });

  describe('charges what a plugin leaves behind to its own run, while another run goes on', () => {
    const plugins = {
      timer: plugin(
        'greeter-plugin-timer',
        'export const Greeter = { greet() { setTimeout(() => { throw new Error("from-timer"); }); return new Promise(() => {}); } };',
      ),
      'load-timer': plugin(
        'greeter-plugin-load-timer',
        'setTimeout(() => { throw new Error("from-load-timer"); });\nawait new Promise(() => {});\nexport const Greeter = { greet: () => "x" };',
      ),
      rejection: plugin('greeter-plugin-rejection', 'export const Greeter = { greet() { Promise.reject(new Error("from-rejection")); return "pretends"; } };'),
      microtask: plugin(
        'greeter-plugin-microtask',
        'export const Greeter = { greet() { queueMicrotask(() => { throw new Error("from-microtask"); }); return "pretends"; } };',
      ),
      innocent: plugin(
        'greeter-plugin-innocent',
        'export const Greeter = { greet: () => new Promise((resolve) => setTimeout(() => resolve("innocent"), 20)) };',
      ),
    };
    // One process, one round per kind: the plugin beside an innocent greeting.
    let rounds: Record<string, unknown> | undefined;
    const round = (kind: string) => {
      rounds ??= runScript(
        `
        const rounds = {};
        for (const kind of ['timer', 'load-timer', 'rejection', 'microtask']) {
          const [failed, innocent] = await Promise.all([outcome(greet(kind)), outcome(greet('innocent'))]);
          rounds[kind] = { failed, innocent };
        }
        await report(rounds);
        `,
        plugins,
      ).result as Record<string, unknown>;
      return rounds[kind];
    };

    it.each([
      ['timer', 'a timer that throws during greet', 'GREETER_GREET_FAILED'],
      ['load-timer', 'a timer that throws during a top-level await', 'GREETER_PLUGIN_LOAD_FAILED'],
      ['rejection', 'a rejection left unhandled by greet', 'GREETER_GREET_FAILED'],
      ['microtask', 'a microtask that throws after greet returned', 'GREETER_GREET_FAILED'],
    ])('%s: %s', (kind, _what, code) => {
      expect(round(kind)).toEqual({ failed: { code, cause: `from-${kind}` }, innocent: { value: 'innocent' } });
    });
  });

  it('charges a failure that belongs to no run to every run in progress', () => {
    const { result } = runScript(
      `
      setTimeout(() => { throw new Error('stray'); });
      const options = { phase: 'greet', subject: 'test' };
      const outcomes = await Promise.all([outcome(stages.runGuarded(() => new Promise(() => {}), options)), outcome(stages.runGuarded(() => new Promise(() => {}), { ...options, phase: 'load' }))]);
      await report(outcomes);
      `,
      {},
    );
    expect(result).toEqual([
      { code: 'GREETER_GREET_FAILED', cause: 'stray' },
      { code: 'GREETER_PLUGIN_LOAD_FAILED', cause: 'stray' },
    ]);
  });

  it('reports a load or greet that nothing can settle as a timeout at once, and one kept alive when its time is up', () => {
    const plugins = {
      'never-loads': plugin('greeter-plugin-never-loads', 'await new Promise(() => {});\nexport const Greeter = { greet: () => "x" };'),
      'never-greets': plugin('greeter-plugin-never-greets', 'export const Greeter = { greet: () => new Promise(() => {}) };'),
      'kept-alive': plugin('greeter-plugin-kept-alive', 'export const Greeter = { greet() { setInterval(() => {}, 1000); return new Promise(() => {}); } };'),
    };
    const { result } = runScript(
      `
      // A stall is seen only when nothing else keeps the process alive: one at a time, the live interval last.
      const stalledLoad = await outcome(greet('never-loads', 60000));
      const stalledGreet = await outcome(greet('never-greets', 60000));
      const timedOut = await outcome(greet('kept-alive', 100));
      await report({ stalledLoad, stalledGreet, timedOut });
      `,
      plugins,
    );
    expect(result).toEqual({
      stalledLoad: { code: 'GREETER_GREET_TIMEOUT' },
      stalledGreet: { code: 'GREETER_GREET_TIMEOUT' },
      timedOut: { code: 'GREETER_GREET_TIMEOUT' },
    });
  });

  it('keeps the patches after the run once keepGuardUntilExit was called, and its exit really exits', () => {
    const late = plugin(
      'greeter-plugin-late',
      'export const Greeter = { greet() { setTimeout(() => { console.log("late-noise"); globalThis.lateDone(); }); return "on time"; } };',
    );
    const { status, stdout, stderr, result } = runScript(
      `
      const before = listenerCounts();
      const kept = stages.keepGuardUntilExit();
      const lateDone = new Promise((resolve) => { globalThis.lateDone = resolve; });
      const greeting = await outcome(greet('late'));
      await lateDone;
      const after = listenerCounts();
      const state = {
        greeting,
        stdoutWrite: process.stdout.write !== real.write,
        exit: process.exit !== real.exit,
        writeSync: fs.writeSync !== real.writeSync,
        listeners: after.uncaughtException > before.uncaughtException && after.unhandledRejection > before.unhandledRejection,
      };
      await kept.writeStdout(JSON.stringify(state) + '\\n');
      kept.exit(7);
      `,
      { late },
    );
    expect({ status, result }).toEqual({
      status: 7,
      result: { greeting: { value: 'on time' }, stdoutWrite: true, exit: true, writeSync: true, listeners: true },
    });
    expect(stdout).toBe(`${JSON.stringify(result)}\n`);
    expect(stderr.split('\n')).toContain('late-noise');
  });

  it("sends writes through stdout's internals, fs/promises and other paths to stdout to stderr, and cannot end, cork or destroy it", () => {
    const source = `
      import fs from 'node:fs';
      import { writeFile } from 'node:fs/promises';
      import { Writable } from 'node:stream';
      export const Greeter = {
        async greet() {
          process.stdout._write('via-_write\\n', 'utf8', () => {});
          Writable.prototype.write.call(process.stdout, 'via-prototype-write\\n');
          await writeFile('/dev/stdout', 'via-promises-writeFile\\n');
          await fs.promises.appendFile(new URL('file:///dev/fd/1'), 'via-url-appendFile\\n');
          fs.symlinkSync('/proc/self/fd/1', globalThis.linkPath);
          fs.writeFileSync(globalThis.linkPath, 'via-link\\n');
          await new Promise((resolve) => fs.createWriteStream(null, { fd: 1, autoClose: false }).end('via-stream-fd\\n', resolve));
          process.stdout.cork();
          process.stdout.end('via-end\\n');
          process.stdout.destroy();
          process.on('exit', () => fs.writeSync(1, 'via-exit-listener\\n'));
          return 'hello';
        },
      };`;
    const { status, stdout, stderr, result } = runScript(
      `
      globalThis.linkPath = path.join(import.meta.dirname, 'stdout-link');
      const kept = stages.keepGuardUntilExit();
      const greeting = await outcome(greet('sneaky'));
      await kept.writeStdout(JSON.stringify(greeting) + '\\n');
      kept.exit(0);
      `,
      { sneaky: plugin('greeter-plugin-sneaky', source) },
    );
    const markers = ['_write', 'prototype-write', 'promises-writeFile', 'url-appendFile', 'link', 'stream-fd', 'end'];
    expect({ status, result, stdout }).toEqual({ status: 0, result: { value: 'hello' }, stdout: '{"value":"hello"}\n' });
    expect(markers.filter((marker) => !stderr.split('\n').includes(`via-${marker}`))).toEqual([]);
    expect(stderr).not.toContain('via-exit-listener');
  });

  it.each([
    ['process.kill with the pid as a string', 'process.kill(String(process.pid), "SIGTERM")'],
    ['process._kill', 'process._kill(process.pid, 15)'],
    ['process.reallyExit', 'process.reallyExit(3)'],
  ])('turns %s into a failed greeting, and the process lives on', (_name, call) => {
    const { status, result } = runScript(`await report(await outcome(greet('killer')));`, {
      killer: plugin('greeter-plugin-killer', `export const Greeter = { greet() { ${call}; return 'survived'; } };`),
    });
    expect({ status, result }).toEqual({ status: 0, result: { code: 'GREETER_GREET_FAILED' } });
  });
});
