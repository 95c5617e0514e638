import { spawnSync } from 'node:child_process';

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

/** Runs a command that must succeed; a failure throws with its output, so the test says why. */
export function runOk(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Ran {
  const result = run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` in ${cwd} exited ${result.code}\n--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`);
  }
  return result;
}

/**
 * The environment for package managers run by the suite: the machine's own,
 * without the npm_config_* settings pnpm passes to the test run, pointed at
 * the local registry through its user config. CI is unset: pnpm would
 * otherwise refuse to install a fresh project that has no lockfile yet.
 */
export function registryEnv(userconfig: string): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_SCRIPT)/i.test(key)));
  delete inherited['CI'];
  return {
    ...inherited,
    npm_config_userconfig: userconfig,
    // Every package of the local registry was published seconds ago; pnpm's
    // default 24-hour minimum release age would hold each one back and
    // re-verify every lockfile entry against the registry before each run.
    pnpm_config_minimum_release_age: '0',
    NO_COLOR: '1',
  };
}
