import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, removeTrees } from '@greeter/fixtures';

// The in-process guard as a user meets it: the built CLI, run with
// --no-isolate on the hostile plugins in test/fixtures/guard/, each copied
// into a project's node_modules (a link would lead out of the searched folders).
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));
const scenarios = fileURLToPath(new URL('../../test/fixtures/guard/', import.meta.url));

afterAll(removeTrees);

function project(...plugins: string[]): string {
  const root = makeTree(npmLayout({}));
  for (const name of plugins)
    cpSync(path.join(scenarios, `greeter-plugin-${name}`), path.join(root, 'node_modules', `greeter-plugin-${name}`), { recursive: true });
  return root;
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Bounded: a greeter that hangs fails the test instead of stalling the suite.
function greeter(cwd: string, args: string[], options: { env?: Record<string, string>; stdout?: number } = {}): Outcome {
  const { DEBUG: _debug, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: { ...inherited, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr };
}

// stdout to a file, as `greeter … > file` does.
function greeterToFile(cwd: string, args: string[], env: Record<string, string> = {}): Outcome {
  const file = path.join(cwd, 'stdout.txt');
  const fd = openSync(file, 'w');
  try {
    return { ...greeter(cwd, args, { env, stdout: fd }), stdout: readFileSync(file, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

// Exit code and stdout agree: the greeting with exit 0, or nothing (the error document with --json) with exit 1.
function agreement({ code, stdout }: Outcome, greeting: string): string {
  if (code === 0) return stdout === `${greeting}\n` ? 'greeting, exit 0' : `exit 0 beside ${JSON.stringify(stdout)}`;
  return code === 1 && stdout === '' ? 'no greeting, exit 1' : `exit ${code} beside ${JSON.stringify(stdout)}`;
}

describe('the guard keeps its state out of reach', () => {
  it('gives plugin code nothing under a global name to write past it or exit with', () => {
    const result = greeter(project('forges-exit'), ['forges-exit', '--no-isolate']);
    expect({ code: result.code, error: codeIn(result.stderr), stdout: result.stdout }).toEqual({ code: 1, error: 'GREETER_GREET_FAILED', stdout: '' });
    expect(result.stderr).toContain('nothing to forge with');
  });
});

describe('one copy of the guard per run', () => {
  const bundle = (name: string) => readFileSync(fileURLToPath(new URL(`../../dist/bundle/${name}`, import.meta.url)), 'utf8');
  // A text only the guard holds (the error it throws in place of process.exit), and the modules esbuild names.
  const copies = (name: string) => bundle(name).split('process.exit was called by plugin or config code').length - 1;
  const guardModules = (name: string) => bundle(name).match(/^\/\/ \S*host\/dist\/(process-guard|_process-patches|guard\/)\S*$/gm) ?? [];

  it('is in greet.cjs and greeter.cjs once each, and nothing of it in on-use.cjs, which greet.cjs loads beside itself', () => {
    expect({ greet: copies('greet.cjs'), greeter: copies('greeter.cjs'), onUse: [copies('on-use.cjs'), ...guardModules('on-use.cjs')] }).toEqual({
      greet: 1,
      greeter: 1,
      onUse: [0],
    });
  });
});

describe('the result goes to the stdout greeter started with', () => {
  it.each([
    ['a file', greeterToFile],
    ['a pipe', greeter],
  ])('fails, and writes nothing to the file plugin code opened in its place, when stdout is %s', (_what, run) => {
    const root = project('reopens-stdout');
    const capture = path.join(root, 'captured.txt');
    writeFileSync(capture, '');
    const result = run(root, ['reopens-stdout', '--no-isolate'], { GREETER_TEST_CAPTURE: capture });
    expect({ code: result.code, stdout: result.stdout, captured: readFileSync(capture, 'utf8') }).toEqual({ code: 1, stdout: '', captured: '' });
  });
});

describe('prototype changes of plugin code change neither the document nor the exit code', () => {
  it('prints the greeting alone, exit 0', () => {
    expect(greeter(project('pollutes'), ['pollutes', '--no-isolate'])).toMatchObject({ code: 0, stdout: 'polluted greeting\n' });
  });

  it('prints one JSON document with the greeting, exit 0', () => {
    const result = greeter(project('pollutes'), ['pollutes', '--no-isolate', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, greeting: 'polluted greeting', plugin: { name: 'greeter-plugin-pollutes' } });
  });

  it('writes the result when plugin code replaced the global Promise', () => {
    expect(greeter(project('replaces-promise'), ['replaces-promise', '--no-isolate'])).toMatchObject({ code: 0, stdout: 'promise-free greeting\n' });
  });

  it('reports a failure with exit 1, never exit 0 beside it, when plugin code broke the global Promise', () => {
    const result = greeter(project('breaks-promise'), ['breaks-promise', '--no-isolate']);
    expect({ agreement: agreement(result, 'broken-promise greeting'), error: codeIn(result.stderr) }).toEqual({
      agreement: 'no greeting, exit 1',
      error: 'GREETER_GREET_FAILED',
    });
  });
});
