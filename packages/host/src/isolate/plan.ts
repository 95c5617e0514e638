import type { GreetOptions } from '@greeter/core';
import type { PluginCandidate } from '../types.js';
import { isolatedEnvironment } from './environment.js';
import { protocolVersion, type IsolateRequest } from './protocol.js';

/** What this Node offers the sandbox (see {@link nodeFeaturesOf}). */
export interface NodeFeatures {
  /** `--permission` (22.13+), else `--experimental-permission` (20). */
  permissionFlag: '--permission' | '--experimental-permission';
  /** The permission model denies the network unless `--allow-net` is given (25+). */
  deniesNetwork: boolean;
  /** `--no-experimental-sqlite` exists: node:sqlite writes files past the model, so it is switched off. */
  canDisableSqlite: boolean;
  /**
   * A V8 flag (the heap limit) leaves the code cache of Node's own modules
   * usable (24+). Before 24 any V8 flag discards it, and every built-in
   * module the process loads is compiled again: a third of a Node start.
   */
  heapFlagIsFree: boolean;
}

/** What the user granted one plugin (config `permissions`). */
export interface Grant {
  net: boolean;
  env: readonly string[];
}

/** Everything a plan is made from; nothing is read from the process. */
export interface PlanInput {
  candidate: PluginCandidate;
  greetOptions: GreetOptions;
  timeoutMs: number;
  memoryLimitMb: number;
  /** The child's own file (greeter's isolate-child.cjs). */
  childEntry: string;
  /** Files run before it: Yarn's `.pnp.cjs` and greeter's Plug'n'Play hooks. */
  preload: readonly string[];
  /** The paths the process may read: the child's own files and the plugin's (see readGrants). */
  readable: readonly string[];
  via: IsolateRequest['via'];
  grant: Grant;
  node: NodeFeatures;
  /** greeter's environment, filtered for the plugin. */
  env: Record<string, string | undefined>;
  execPath: string;
  platform: NodeJS.Platform;
}

/** How the plugin's process is started, and what it is asked. */
export interface IsolationPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
  request: IsolateRequest;
}

// Data beyond the heap limit an isolated process may use (the limit counts
// every private writable mapping): Node 20 needs about 64 MiB of it before
// the plugin allocates anything, Node 24 about 560 MiB (V8's code range and
// other reservations); the rest is the young generation and what a plugin
// keeps outside the heap (Buffers).
const dataHeadroomMb = 768;
// Before Node 24 the data segment alone is the limit (no heap flag, see
// NodeFeatures.heapFlagIsFree): the plugin's share, heap and Buffers
// together, plus what Node takes before the plugin allocates anything.
const nodeOwnDataMb = 128;

/**
 * The features of a Node version (`process.version` of the Node that runs
 * greeter, which also runs the plugin), from the releases that brought
 * them: read from the version, since `process.allowedNodeEnvironmentFlags`
 * costs a few milliseconds to build. `--permission` came with 22.13 and
 * 23.5; node:sqlite (and its switch) with 22.5; the network permission
 * with 25.0.
 */
export function nodeFeaturesOf(version: string): NodeFeatures {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const atLeast = (wantMajor: number, wantMinor: number) => major > wantMajor || (major === wantMajor && minor >= wantMinor);
  return {
    permissionFlag: atLeast(23, 5) || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission',
    deniesNetwork: major >= 25,
    canDisableSqlite: atLeast(22, 5),
    heapFlagIsFree: major >= 24,
  };
}

/**
 * The isolated process, worked out from its inputs alone: Node's permission
 * model with one read grant per path and no other grant but the network
 * where the user granted it; the switches that close what the model does not
 * cover (node:sqlite, heap snapshots near the heap limit, trace files); on
 * POSIX, a shell that caps the data segment (Buffers too), CPU time and core
 * dumps, and has the process killed with greeter, before it becomes `node`;
 * the heap limit, where the flag costs nothing or no shell caps the data
 * segment; the environment by allow-list; and
 * the request, which asks the child to lock the network itself where this
 * Node's model cannot.
 */
export function planIsolation(input: PlanInput): IsolationPlan {
  const { node, grant } = input;
  // Each path once: Node 20 aborts when one is granted twice.
  const readable = [...new Set(input.readable)];
  const posix = input.platform !== 'win32';
  const heapFlag = !posix || node.heapFlagIsFree;
  const nodeArgs = [
    node.permissionFlag,
    '--disable-warning=ExperimentalWarning',
    ...(node.canDisableSqlite ? ['--no-experimental-sqlite'] : []),
    ...(node.deniesNetwork && grant.net ? ['--allow-net'] : []),
    '--diagnostic-dir=/dev/null',
    '--trace-event-file-pattern=/dev/null',
    ...readable.map((file) => `--allow-fs-read=${file}`),
    ...(heapFlag ? [`--max-old-space-size=${input.memoryLimitMb}`] : []),
    ...input.preload.flatMap((file) => ['--require', file]),
    input.childEntry,
  ];
  const request: IsolateRequest = {
    protocol: protocolVersion,
    candidate: input.candidate,
    greetOptions: input.greetOptions,
    timeoutMs: input.timeoutMs,
    via: input.via,
    lockNetwork: grant.net ? 'none' : node.deniesNetwork ? 'udp' : 'all',
  };
  const env = isolatedEnvironment(input.env, grant.env);
  if (!posix) return { command: input.execPath, args: nodeArgs, env, request };
  const dataLimitKb = (input.memoryLimitMb + (heapFlag ? dataHeadroomMb : nodeOwnDataMb)) * 1024;
  // CPU seconds past the timeout, for a process greeter could not stop (greeter itself killed).
  const cpuSeconds = Math.ceil(input.timeoutMs / 1000) + 2;
  // The shell adds PWD (and some shells SHLVL, OLDPWD and _) to what it passes on: unset again.
  // setpriv (util-linux), where there is one, has the kernel kill the process when greeter ends, however it ends.
  const limits = [
    'ulimit -c 0 2>/dev/null',
    `ulimit -d ${dataLimitKb} 2>/dev/null`,
    `ulimit -t ${cpuSeconds} 2>/dev/null`,
    'unset PWD OLDPWD SHLVL _',
    'command -v setpriv >/dev/null 2>&1 && exec setpriv --pdeathsig KILL -- "$0" "$@"',
    'exec "$0" "$@"',
  ].join('; ');
  return { command: '/bin/sh', args: ['-c', limits, input.execPath, ...nodeArgs], env, request };
}
