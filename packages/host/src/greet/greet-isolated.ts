import { createRequire } from 'node:module';
import { GreeterError, type GreetOptions } from '@greeter/core';
import type { PluginCandidate } from '../types.js';
import { defaultTimeoutMs } from './greet-in-process.js';
import type { IsolateReport, IsolateRequest } from './isolate-child.js';
import { readAllowances } from './read-allowances.js';

/** How an isolated greeting runs. */
export interface IsolateOptions {
  /** The host's `@greeter/core` version, for the plugin's peer range. */
  coreVersion: string;
  /** Milliseconds the plugin may take to load and greet. Default: 5000. */
  timeoutMs?: number | undefined;
  /** The plugin process's heap limit in MiB. Default: 256. */
  memoryLimitMb?: number | undefined;
  /** Where the plugin's stdout and stderr go. Default: `process.stderr`. */
  output?: NodeJS.WritableStream | undefined;
  /** The environment of the plugin's process. Default: `process.env`. */
  env?: Record<string, string | undefined> | undefined;
}

/** The default heap limit of an isolated plugin, in MiB. */
export const defaultMemoryLimitMb = 256;

// Time the process gets beyond the timeout to report its own timeout before it is killed.
const killGraceMs = 500;

/**
 * Loads and greets with a plugin in a separate Node.js process (the same
 * `node`) under Node's permission model: it may read its own package folder
 * and those of its dependencies, nothing else; it may not write files, start
 * processes or threads, or load native addons. Its stdout and stderr go to
 * `output`, never to greeter's stdout; the result comes back over IPC; the
 * timeout kills it and its heap is limited.
 *
 * @throws GreeterError with the code of whatever went wrong,
 *   `GREETER_PERMISSION_DENIED` for a forbidden operation.
 */
export async function greetIsolated(candidate: PluginCandidate, greetOptions: GreetOptions, options: IsolateOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const memoryLimitMb = options.memoryLimitMb ?? defaultMemoryLimitMb;
  const output = options.output ?? process.stderr;
  // Imported here: child_process is not needed for an in-process greeting.
  const { spawn } = await import('node:child_process');
  // By package name: this code may run bundled into the greeter CLI.
  const childEntry = createRequire(import.meta.url).resolve('@greeter/host/isolate-child');
  const args = [...permissionArgs([childEntry, ...readAllowances(candidate)]), `--max-old-space-size=${memoryLimitMb}`, childEntry];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: options.env ?? process.env,
    // Its own process group, so the timeout ends everything it started.
    detached: true,
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const request: IsolateRequest = { candidate, coreVersion: options.coreVersion, greetOptions, timeoutMs };

  return new Promise<string>((resolve, reject) => {
    let report: IsolateReport | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill(child.pid);
    }, timeoutMs + killGraceMs);
    child.on('message', (message: IsolateReport) => {
      report ??= message;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `${candidate.name} could not be started in an isolated process: ${error.message}.`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const outOfMemory = report === undefined && /heap out of memory|Reached heap limit/.test(text);
      // V8's report of an exhausted heap is greeter's to explain, not the plugin's output.
      output.write(outOfMemory ? text.slice(0, text.search(/\n?<--- Last few GCs --->|\n?FATAL ERROR:/)) : text);
      if (report?.ok) resolve(report.greeting);
      else if (report) reject(GreeterError.from(report.error));
      else if (timedOut) reject(new GreeterError('GREETER_GREET_TIMEOUT', `${candidate.name} did not load and greet within ${timeoutMs} ms; its process was stopped.`));
      else if (outOfMemory) reject(new GreeterError('GREETER_GREET_FAILED', `${candidate.name} ran out of memory: it passed the ${memoryLimitMb} MiB limit of an isolated plugin.`));
      else reject(new GreeterError('GREETER_GREET_FAILED', `${candidate.name}'s isolated process ended (${signal ?? `exit code ${code}`}) before greeting.`));
    });
    child.send(request);
  });
}

/**
 * The permission model's flags: `--permission` where Node has it (22.13+,
 * 23.5+), `--experimental-permission` on Node 20, whose warning is kept off
 * the user's terminal; one read grant per folder, and no other grant.
 */
export function permissionArgs(readable: readonly string[]): string[] {
  const flag = process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
  return [flag, '--disable-warning=ExperimentalWarning', ...readable.map((folder) => `--allow-fs-read=${folder}`)];
}

function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
