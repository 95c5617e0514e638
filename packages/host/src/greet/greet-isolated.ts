import module, { createRequire } from 'node:module';
import { GreeterError, errorCatalogue, type GreetOptions } from '@greeter/core';
import { findPnpProject } from '../discovery/pnp.js';
import { assertCompatible } from '../load/load-plugin.js';
import type { PluginCandidate } from '../types.js';
import type { IsolateReport, IsolateRequest } from './isolate-child.js';
import { defaultMemoryLimitMb, defaultTimeoutMs } from './limits.js';
import { archiveOf, pnpReadAllowances, readAllowances } from './read-allowances.js';

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
  /** The environment the plugin's process starts from (see {@link isolatedEnvironment}). Default: `process.env`. */
  env?: Record<string, string | undefined> | undefined;
}

// Time the process gets beyond the timeout to report its own timeout before it is killed.
const killGraceMs = 500;
// Data beyond the heap limit an isolated process may use (the limit counts
// every private writable mapping): Node 20 needs about 64 MiB of it before
// the plugin allocates anything, Node 24 about 560 MiB (V8's code range and
// other reservations); the rest is the young generation and what a plugin
// keeps outside the heap (Buffers).
const dataHeadroomMb = 768;
// What greeter keeps of a plugin's output (its head and tail) and of the report channel.
const maxOutputBytes = 1024 * 1024;
const maxReportBytes = 4 * 1024 * 1024;

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
  const plainOutput = options.output ?? process.stderr;
  // The process may not read semver: the range is checked here.
  assertCompatible(candidate, options.coreVersion);
  const plan = isolationPlan(candidate, memoryLimitMb);
  // Imported here: crypto and child_process are not needed for an in-process greeting.
  const [{ randomUUID }, { spawn }] = await Promise.all([import('node:crypto'), import('node:child_process')]);
  const nonce = randomUUID();
  const request: IsolateRequest = { nonce, candidate, greetOptions, timeoutMs, via: plan.via };
  // No core dump of a crashed plugin (it would be written to disk), and its
  // data — Buffers and WebAssembly memory too, which the heap limit does not
  // count — limited with the heap; Windows has neither.
  const dataLimitKb = (memoryLimitMb + dataHeadroomMb) * 1024;
  const [command, args] =
    process.platform === 'win32'
      ? [process.execPath, plan.args]
      : ['/bin/sh', ['-c', `ulimit -c 0 2>/dev/null; ulimit -d ${dataLimitKb} 2>/dev/null; exec "$0" "$@"`, process.execPath, ...plan.args]];
  // The request on stdin, the report on its own pipe (fd 3): Node's IPC
  // channel would let plugin code send messages that crash greeter.
  const child = spawn(command, args, {
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
    env: isolatedEnvironment(options.env ?? process.env),
    cwd: '/',
    // Its own process group, so the timeout ends everything it started.
    detached: true,
  });
  const output = new BoundedText(maxOutputBytes);
  const reports = new BoundedText(maxReportBytes);
  child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
  (child.stdio[3] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => reports.add(chunk));
  child.stdin?.on('error', () => {});
  child.stdin?.end(JSON.stringify(request));

  return new Promise<string>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill(child.pid);
    }, timeoutMs + killGraceMs);
    // Kept until the child is gone, so greeter exiting (the CLI) takes the plugin with it.
    const onExit = () => kill(child.pid);
    process.once('exit', onExit);
    child.on('error', (error) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      reject(
        new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `${candidate.name} could not be started in an isolated process: ${error.message}.`, { cause: error }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      const text = output.text();
      const report = lastReport(reports.text(), nonce);
      const outOfMemory = report === undefined && /heap out of memory|Reached heap limit|Allocation failed/.test(text);
      // V8's report of an exhausted heap is greeter's to explain, not the plugin's output.
      const cut = outOfMemory ? text.search(/\n?<--- Last few GCs --->|\n?FATAL ERROR:|\n?#\s*Fatal/) : -1;
      plainOutput.write(cut >= 0 ? text.slice(0, cut) : text);
      if (report?.ok) resolve(report.greeting);
      // The plugin's process wrote the message; greeter's own catalogue says what to do.
      else if (report) reject(new GreeterError(report.error.code, report.error.message));
      else if (timedOut)
        reject(new GreeterError('GREETER_GREET_TIMEOUT', `${candidate.name} did not load and greet within ${timeoutMs} ms; its process was stopped.`));
      else if (outOfMemory)
        reject(
          new GreeterError('GREETER_GREET_FAILED', `${candidate.name} ran out of memory: it passed the ${memoryLimitMb} MiB limit of an isolated plugin.`),
        );
      else reject(new GreeterError('GREETER_GREET_FAILED', `${candidate.name}'s isolated process ended (${signal ?? `exit code ${code}`}) without a report.`));
    });
  });
}

/** How the plugin's process is started: its argv after `node`, and how it loads the plugin. */
interface IsolationPlan {
  args: string[];
  via: 'import' | 'require';
}

function isolationPlan(candidate: PluginCandidate, memoryLimitMb: number): IsolationPlan {
  // By package name: this code may run bundled into the greeter CLI.
  const require = createRequire(import.meta.filename);
  const childEntry = require.resolve('@greeter/host/isolate-child');
  const pnp = findPnpProject(candidate.realPath);
  const heap = `--max-old-space-size=${memoryLimitMb}`;
  if (!pnp) return { args: [...permissionArgs([childEntry, ...readAllowances(candidate)]), heap, childEntry], via: 'import' };
  // Yarn's ESM loader needs a worker thread: where Node can run hooks in the
  // plugin's thread (22.15+), greeter's own hooks resolve through the map;
  // elsewhere the plugin is loaded with require() (ESM through require(esm)).
  const hooks = typeof (module as { registerHooks?: unknown }).registerHooks === 'function' ? require.resolve('@greeter/host/pnp-hooks') : undefined;
  if (!hooks && isModuleWithDependencies(candidate)) {
    // require(esm) loads the plugin, but its own imports go through Node's
    // resolver, which cannot see the Plug'n'Play map.
    throw new GreeterError(
      'GREETER_PLUGIN_LOAD_FAILED',
      `${candidate.name} is an ES module with dependencies, which an isolated plugin of a Yarn Plug'n'Play project can load only on Node.js 22.15 or newer (this is ${process.version}).`,
      { hint: 'Run greeter on Node.js 22.15+ to isolate it, or run it in-process if you trust it: `--no-isolate`.' },
    );
  }
  const preload = [pnp.mapFile, ...(hooks ? [hooks] : [])];
  // Greeter itself may be installed by Yarn too: its files are then read out of a zip archive, which is what is granted.
  const readable = [childEntry, ...preload].map(archiveOf).concat(pnpReadAllowances(pnp, candidate));
  return { args: [...permissionArgs(readable), heap, ...preload.flatMap((file) => ['--require', file]), childEntry], via: hooks ? 'import' : 'require' };
}

// An ES module entry (by "type" or extension) that depends on other packages.
function isModuleWithDependencies({ packageJson }: PluginCandidate): boolean {
  const dependencies = packageJson.dependencies;
  const hasDependencies = typeof dependencies === 'object' && dependencies !== null && Object.keys(dependencies).length > 0;
  const main = typeof packageJson.main === 'string' ? packageJson.main : '';
  return hasDependencies && (packageJson.type === 'module' || main.endsWith('.mjs'));
}

/**
 * The permission model's flags for this Node: `--permission` (22.13+, 24) or
 * `--experimental-permission` (20, whose warning is kept off the user's
 * terminal); one read grant per path and no other grant; and the switches
 * that close writes the model does not cover (node:sqlite on 22+, heap
 * snapshots near the heap limit, trace event files).
 */
export function permissionArgs(readable: readonly string[]): string[] {
  const flags = process.allowedNodeEnvironmentFlags;
  return [
    flags.has('--permission') ? '--permission' : '--experimental-permission',
    '--disable-warning=ExperimentalWarning',
    ...(flags.has('--no-experimental-sqlite') ? ['--no-experimental-sqlite'] : []),
    '--diagnostic-dir=/dev/null',
    '--trace-event-file-pattern=/dev/null',
    // Each path once: Node 20 aborts when one is granted twice.
    ...[...new Set(readable)].map((folder) => `--allow-fs-read=${folder}`),
  ];
}

// Variables named like secrets (tokens, keys, passwords) stay with greeter:
// the permission model does not close the network. NODE_OPTIONS and its kin
// would change the isolated process's own flags (`--allow-fs-read=*`).
const secretName = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|AUTH/i;
const runtimeVariables = new Set([
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_EXTRA_CA_CERTS',
  'NODE_COMPILE_CACHE',
  'NODE_REPL_EXTERNAL_MODULE',
  'NODE_V8_COVERAGE',
  'NODE_DEBUG_NATIVE',
]);

/**
 * The environment of an isolated plugin's process: greeter's own, without
 * Node's runtime variables and without anything named like a secret.
 */
export function isolatedEnvironment(env: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || runtimeVariables.has(name.toUpperCase()) || secretName.test(name)) continue;
    result[name] = value;
  }
  return result;
}

// The report is the last line on fd 3 that parses, carries the nonce and
// has the right shape: plugin code runs in that process and may write there
// too (it cannot know the nonce), but the child's own report comes last.
function lastReport(text: string, nonce: string): IsolateReport | undefined {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    let message: unknown;
    try {
      message = JSON.parse(lines[index]!);
    } catch {
      continue;
    }
    const report = validReport(message, nonce);
    if (report) return report;
  }
  return undefined;
}

function validReport(message: unknown, nonce: string): IsolateReport | undefined {
  if (typeof message !== 'object' || message === null || (message as { nonce?: unknown }).nonce !== nonce) return undefined;
  const { ok, greeting, error } = message as { ok?: unknown; greeting?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok === true && typeof greeting === 'string') return { nonce, ok: true, greeting };
  if (ok === false && typeof error?.code === 'string' && Object.hasOwn(errorCatalogue, error.code) && typeof error.message === 'string') {
    return { nonce, ok: false, error: { code: error.code as keyof typeof errorCatalogue, message: error.message, hint: '' } };
  }
  return undefined;
}

// A plugin's output, kept to a bounded size: its start and its end (where
// V8 reports an exhausted heap), whatever it floods in between.
class BoundedText {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail = Buffer.alloc(0);
  private dropped = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    if (this.headBytes < this.limit / 2) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      return;
    }
    const joined = Buffer.concat([this.tail, chunk]);
    const keep = this.limit / 2;
    this.dropped += Math.max(0, joined.length - keep);
    this.tail = joined.length > keep ? joined.subarray(joined.length - keep) : joined;
  }

  text(): string {
    const middle = this.dropped > 0 ? `\n[greeter: ${this.dropped} bytes of the isolated plugin's output left out]\n` : '';
    return `${Buffer.concat(this.head).toString('utf8')}${middle}${this.tail.toString('utf8')}`;
  }
}

function kill(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
