import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

/** What a finished command printed, and how it ended. */
export interface Ran {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a command to completion (no shell), with the given environment. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Ran {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (process.env['E2E_TIMING']) process.stderr.write(`[${Date.now() - started} ms] ${command} ${args.join(' ')}\n`);
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

/** How a command run with a time limit ended: `timedOut` when it was stopped at the limit. */
export interface Bounded extends Ran {
  timedOut: boolean;
}

/**
 * Runs a command that may hang and stops it after `timeoutMs`, so that a
 * hang fails the test that ran it instead of holding up the suite. coreutils
 * `timeout` runs it in a process group of its own and signals the whole
 * group (SIGTERM, then SIGKILL 2 s later): a child the command started,
 * such as an isolated plugin in a busy loop, ends with it. The spawnSync
 * timeout is the backstop.
 */
export function runBounded(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Bounded {
  const started = Date.now();
  const result = spawnSync('timeout', ['--kill-after=2', `${timeoutMs / 1000}`, command, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: timeoutMs + 10_000,
    killSignal: 'SIGKILL',
  });
  if (process.env['E2E_TIMING']) process.stderr.write(`[${Date.now() - started} ms] ${command} ${args.join(' ')}\n`);
  const backstop = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (result.error && !backstop) throw result.error;
  // 124: `timeout` stopped the command; SIGKILL: the command outlived SIGTERM.
  const timedOut = backstop || result.status === 124 || result.signal === 'SIGKILL';
  return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', code: result.status, timedOut };
}

/**
 * {@link runBounded} without blocking, so that commands can overlap (the
 * installs of different package managers); the output kept is the last
 * 64 KiB of each stream.
 */
export function runBoundedAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Bounded> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('timeout', ['--kill-after=2', `${timeoutMs / 1000}`, command, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = (stdout + chunk).slice(-65536)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-65536)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (process.env['E2E_TIMING']) process.stderr.write(`[${Date.now() - started} ms] ${command} ${args.join(' ')}\n`);
      resolve({ stdout, stderr, code, timedOut: code === 124 || signal === 'SIGKILL' });
    });
  });
}

/** Runs a command that must succeed within `timeoutMs`, without blocking; a failure or a hang rejects with its output. */
export async function runOkBounded(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Bounded> {
  const result = await runBoundedAsync(command, args, cwd, env, timeoutMs);
  if (result.code !== 0 || result.timedOut) {
    const ended = result.timedOut ? `was stopped after ${timeoutMs / 1000} s` : `exited ${result.code}`;
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${cwd} ${ended}\n--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`,
    );
  }
  return result;
}

/** Runs a command that must succeed; a failure throws with its output, so the test says why. */
export function runOk(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Ran {
  const result = run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${cwd} exited ${result.code}\n--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`,
    );
  }
  return result;
}

/**
 * Runs a command that must succeed without blocking, so that independent
 * installs can overlap; a failure rejects with its output, as {@link runOk} throws.
 */
export function runOkAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-6000)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-6000)));
    child.on('error', reject);
    child.on('close', (code) => {
      if (process.env['E2E_TIMING']) process.stderr.write(`[${Date.now() - started} ms] ${command} ${args.join(' ')}\n`);
      if (code === 0) resolve();
      else reject(new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited ${code}\n${output}`));
    });
  });
}

/**
 * The machine's own environment, without the npm_config_* settings pnpm
 * passes to the test run, and without CI: pnpm would otherwise refuse to
 * install a fresh project that has no lockfile yet.
 */
export function ownEnv(): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_SCRIPT)/i.test(key)));
  delete inherited['CI'];
  return inherited;
}

/**
 * The environment for package managers run by the suite: the machine's own,
 * without the npm_config_* settings pnpm passes to the test run, pointed at
 * the local registry through its user config.
 */
export function registryEnv(userconfig: string): NodeJS.ProcessEnv {
  // Without NODE_EXTRA_CA_CERTS: what runs here talks to the registry on
  // 127.0.0.1 over http, and Node 20 reads the whole bundle it names at every
  // start (about 50 ms of CPU, and the suite starts Node some thousand
  // times). Verdaccio, which reaches the machine's registry, keeps it.
  const { NODE_EXTRA_CA_CERTS: _unused, ...own } = ownEnv();
  return {
    ...own,
    npm_config_userconfig: userconfig,
    // Every package of the local registry was published seconds ago; pnpm's
    // default 24-hour minimum release age would hold each one back and
    // re-verify every lockfile entry against the registry before each run.
    pnpm_config_minimum_release_age: '0',
    NO_COLOR: '1',
  };
}

/**
 * `env` (a {@link registryEnv}) for an install that sets a test up, not one
 * a test is about: npm and pnpm take the metadata and tarballs this run
 * already fetched from the suite's registry instead of asking for them
 * again (the global setup fetched greeter's and its dependencies'). Their
 * caches are the run's own, beside the registry's user config: the
 * registry's address can be one an earlier run used, whose cached greeter
 * (same version, other bytes) would otherwise be taken; and the caches a
 * user has, where `npx` and `pnpm dlx` keep their installs, are left alone.
 */
export function setupEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const userconfig = env['npm_config_userconfig'];
  if (userconfig === undefined) throw new Error('setupEnv takes the environment registryEnv made');
  const caches = path.join(path.dirname(userconfig), 'setup-cache');
  return {
    ...env,
    npm_config_prefer_offline: 'true',
    npm_config_cache: path.join(caches, 'npm'),
    pnpm_config_prefer_offline: 'true',
    pnpm_config_cache_dir: path.join(caches, 'pnpm'),
  };
}
