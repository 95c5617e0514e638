import { spawn, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, run as a user runs it: `pnpm test` builds first. */
export const bin = fileURLToPath(new URL('../../../bin/greeter.cjs', import.meta.url));

/** A process's output and exit code, without blocking the other tests (they run at once). */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; stdio?: StdioOptions }) {
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

/** Runs the built CLI in `cwd` with colour off and DEBUG unset, plus `env`. */
export function greeter(cwd: string, args: string[], env: Record<string, string> = {}) {
  const { DEBUG: _debug, ...inherited } = process.env;
  return run(process.execPath, [bin, ...args], { cwd, env: { ...inherited, NO_COLOR: '1', ...env } });
}
