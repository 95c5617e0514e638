import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';

afterAll(removeTrees);

// Each scenario in test/fixtures/guard/ is a script run in a fresh `node`
// process on the built host, with the hostile plugins beside it; it prints
// its result as the last line of the real stdout.
const scenarios = fileURLToPath(new URL('../test/fixtures/guard/', import.meta.url));

interface ScenarioRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The JSON the scenario reported on the real stdout. */
  result: unknown;
  stderrLines: string[];
}

// Bounded: a scenario that hangs fails its test instead of stalling the suite.
function runScenario(name: string, options: { stdoutFile?: boolean } = {}): ScenarioRun {
  const scratch = makeTree();
  const stdoutFile = `${scratch}/stdout.txt`;
  const fd = options.stdoutFile ? openSync(stdoutFile, 'w') : undefined;
  const child = spawnSync(process.execPath, [`${scenarios}${name}.mjs`], {
    env: { ...process.env, GUARD_SCRATCH: scratch },
    encoding: 'utf8',
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
    timeout: 20_000,
  });
  if (fd !== undefined) closeSync(fd);
  const stdout = fd === undefined ? (child.stdout ?? '') : readFileSync(stdoutFile, 'utf8');
  const lastLine = stdout.trimEnd().split('\n').at(-1) ?? '';
  let result: unknown;
  try {
    result = JSON.parse(lastLine);
  } catch {
    result = { unparsable: stdout, stderr: child.stderr, status: child.status, signal: child.signal };
  }
  return { status: child.status, stdout, stderr: child.stderr, result, stderrLines: child.stderr.split('\n') };
}

const missing = (lines: string[], markers: string[]) => markers.filter((marker) => !lines.includes(`via-${marker}`));

describe('runGuarded in a clean process', () => {
  it('leaves every property of process, fs, fs.promises, the stdout stream and globalThis as it found it', () => {
    const { result } = runScenario('restore');
    const round = [{ value: 'touched' }, { code: 'GREETER_GREET_FAILED' }, { value: 'nested' }];
    expect(result).toEqual({ outcomes: [round, round], changed: [] });
  });

  it('keeps 20 concurrent greetings apart, and their noise off stdout', () => {
    const { stdout, result } = runScenario('concurrent');
    expect(result).toEqual(Array.from({ length: 20 }, (_, index) => `greeting ${index}`));
    expect(stdout).toBe(`${JSON.stringify(result)}\n`);
  });

  it('sends every write to fd 1 made during a run to stderr, and none to stdout', () => {
    const { stdout, stderrLines, result } = runScenario('noisy');
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
    expect({ result, stdout, missing: missing(stderrLines, markers) }).toEqual({ result: { value: 'hello' }, stdout: '{"value":"hello"}\n', missing: [] });
  });

  it('restores the process only when the last of nested and overlapping runs ends', () => {
    expect(runScenario('nesting').result).toEqual({ values: ['outer', 'overlapping'], states: { afterNested: true, afterOuter: true, afterLast: false } });
  });

  it('turns every way to end the process into a failure of the phase that tried it, and the process goes on', () => {
    const { status, result } = runScenario('exits');
    const greetFailed = 'GREETER_GREET_FAILED';
    expect({ status, result }).toEqual({
      status: 0,
      result: {
        codes: {
          'exit-greet': greetFailed,
          'exit-load': 'GREETER_PLUGIN_LOAD_FAILED',
          'exit-swallowed': greetFailed,
          'really-exit': greetFailed,
          aborts: greetFailed,
          'kill-string': greetFailed,
          'underscore-kill': greetFailed,
          config: 'GREETER_CONFIG_INVALID',
        },
        alive: true,
      },
    });
  });

  describe('charges what a plugin leaves behind to its own run, while another run goes on', () => {
    let rounds: Record<string, unknown> | undefined;
    const round = (kind: string) => {
      rounds ??= runScenario('leftovers').result as Record<string, unknown>;
      return rounds[kind];
    };

    it.each([
      ['timer', 'a timer that throws during greet', 'GREETER_GREET_FAILED', 'from-timer'],
      ['load-timer', 'a timer that throws during a top-level await', 'GREETER_PLUGIN_LOAD_FAILED', 'from-load-timer'],
      ['rejection', 'a rejection left unhandled by greet', 'GREETER_GREET_FAILED', 'from-rejection'],
      ['microtask', 'a microtask that throws after greet returned', 'GREETER_GREET_FAILED', 'from-microtask'],
      ['forges-exit-brand', "a timer that throws an error branded as the guard's exit", 'GREETER_GREET_FAILED', 'a timer failed'],
    ])('%s: %s', (kind, _what, code, cause) => {
      expect(round(kind)).toEqual({ failed: { code, cause }, innocent: { value: 'innocent' } });
    });
  });

  it('charges a failure that belongs to no run to every run in progress', () => {
    expect(runScenario('stray').result).toEqual([
      { code: 'GREETER_GREET_FAILED', cause: 'stray' },
      { code: 'GREETER_PLUGIN_LOAD_FAILED', cause: 'stray' },
    ]);
  });

  it('reports a load or greet that nothing can settle as a timeout at once, and one kept alive when its time is up', () => {
    expect(runScenario('stalls').result).toEqual({
      stalledLoad: { code: 'GREETER_GREET_TIMEOUT' },
      stalledGreet: { code: 'GREETER_GREET_TIMEOUT' },
      timedOut: { code: 'GREETER_GREET_TIMEOUT' },
    });
  });

  it('ends a greeting whose thenable resolves with itself, or with new thenables forever', () => {
    expect(runScenario('thenables').result).toEqual({ self: 'GREETER_GREET_FAILED', chain: 'GREETER_GREET_TIMEOUT' });
  });

  it('keeps the patches after the run once keepGuardUntilExit was called, and its exit really exits', () => {
    const { status, stdout, stderrLines, result } = runScenario('keep');
    expect({ status, result }).toEqual({
      status: 7,
      result: { greeting: { value: 'on time' }, stdoutWrite: true, exit: true, writeSync: true, listeners: true },
    });
    expect({ stdout, late: stderrLines.includes('late-noise') }).toEqual({ stdout: `${JSON.stringify(result)}\n`, late: true });
  });

  it("sends writes through stdout's internals, fs/promises and other paths to stdout to stderr, and cannot end, cork or destroy it", () => {
    const { status, stdout, stderr, stderrLines, result } = runScenario('sneaky');
    const markers = ['_write', 'prototype-write', 'promises-writeFile', 'url-appendFile', 'link', 'stream-fd', 'end'];
    expect({ status, result, stdout, missing: missing(stderrLines, markers) }).toEqual({
      status: 0,
      result: { value: 'hello' },
      stdout: '{"value":"hello"}\n',
      missing: [],
    });
    expect(stderr).not.toContain('via-exit-listener');
  });

  it('sends copies onto stdout to stderr, and never truncates it, in every form node:fs has', () => {
    const { status, stdout, stderrLines, result } = runScenario('copies', { stdoutFile: true });
    const markers = ['copyFileSync', 'copyFile', 'promises-copyFile', 'cpSync', 'cp', 'promises-cp'];
    expect({ status, result, stdout, missing: missing(stderrLines, markers) }).toEqual({
      status: 0,
      result: { value: 'copied greeting' },
      stdout: '{"value":"copied greeting"}\n',
      missing: [],
    });
  });
});

describe('the guard keeps its state out of reach', () => {
  it('adds no global property (its state, originals and exit path are in no global)', () => {
    expect(runScenario('globals').result).toEqual([]);
  });

  it("reports an error dressed as greeter's own as the failure of the plugin or config that threw it", () => {
    expect(runScenario('forged-error').result).toEqual({
      plugin: { code: 'GREETER_GREET_FAILED', forgedHint: false },
      config: { code: 'GREETER_CONFIG_INVALID', forgedHint: false },
    });
  });
});
