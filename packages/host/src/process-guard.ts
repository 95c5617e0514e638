import { AsyncLocalStorage } from 'node:async_hooks';
import { syncBuiltinESMExports } from 'node:module';
import type { GreeterError } from '@greeter/core';
import { errorForFailure, isHostError, type Phase } from './failures.js';
import { installExit } from './guard/exit.js';
import { installFsDescriptors } from './guard/fs-descriptors.js';
import { installFsOpeners } from './guard/fs-openers.js';
import { installFsPaths } from './guard/fs-paths.js';
import { installFsPromises } from './guard/fs-promises.js';
import { installKill } from './guard/kill.js';
import { installListeners } from './guard/listeners.js';
import { installMicrotask } from './guard/microtask.js';
import { type GuardStreams, installParts, type Part } from './guard/part.js';
import { stderrDrained, writeRealStdout } from './guard/real-stdout.js';
import { installStderrStream } from './guard/stderr-stream.js';
import { describeStdout } from './guard/stdout-file.js';
import { installStdoutStream } from './guard/stdout-stream.js';
import { type GuardedRun, hooks, type Operation, state } from './guard/runs.js';

export type { GuardedRun } from './guard/runs.js';

/**
 * The one place that patches `process`. While plugin or config code may run,
 * every write it makes to stdout — `console`, `process.stdout` and its
 * internals, `fs` and `fs/promises` writers, copiers and openers on fd 1 or
 * a path to it — goes to stderr, `process.exit` fails the run instead of
 * ending it, and exceptions and rejections it leaves behind are charged to
 * the run they came from. Greeter keeps the real stdout and exit for its own result.
 *
 * Re-entrant: each guarded run holds the patches; the last one to finish
 * restores the process, unless the CLI asked to keep them until it exits
 * (plugin timers may still fire after the result is decided). The patches
 * are the parts below (guard/), installed in order and disposed of in
 * reverse. The guard's state, the functions it replaced and its exit path
 * live in this module alone: no global name reaches them.
 */
const parts: readonly Part[] = [
  installListeners,
  installExit,
  installKill,
  installMicrotask,
  installStdoutStream,
  installStderrStream,
  installFsDescriptors,
  installFsPaths,
  installFsOpeners,
  installFsPromises,
];

/** How a guarded run ends when something goes wrong. */
export interface GuardOptions {
  phase: Phase;
  subject: string;
  /** Epoch milliseconds after which the run fails with a timeout. */
  deadline?: number | undefined;
  /** The timeout as the user gave it, for the message. */
  timeoutMs?: number | undefined;
}

/** The real stdout and exit, as they were before any plugin ran. */
export interface RealProcess {
  /**
   * Failures of plugin or config code that came after its run had ended (a
   * timer that threw later): the CLI fails a result it has not written yet,
   * and reports one it has.
   */
  lateFailures(): GreeterError[];
  /**
   * Writes to the real stdout; resolves once the text is handed to the OS.
   * Rejects when fd 1 is no longer the stdout of the first call to
   * {@link keepGuardUntilExit} (plugin code closed it and opened another file).
   */
  writeStdout(text: string): Promise<void>;
  /** Resolves once plugin output written to stderr is out (at most a second). */
  stderrDrained(): Promise<void>;
  exit(code: number): never;
}

// Captured when the host is loaded, before any plugin code ran: the exit
// (process.reallyExit ends the process without emitting 'exit'; process.exit
// where it is missing) and the Promise this module makes its own with.
const { reallyExit } = process as { reallyExit?: (code: number) => never };
const { exit } = process;
const endProcess = (code: number): never => (typeof reallyExit === 'function' ? reallyExit.call(process, code) : exit.call(process, code));
const SafePromise = Promise;

/**
 * Runs plugin or config code with the process guarded. Resolves with its
 * result only once plugin code can no longer change it (queued microtasks and
 * immediate callbacks have run); rejects with a classified GreeterError when
 * it throws, calls `process.exit`, throws from a callback, leaves a rejection
 * unhandled, stalls (the event loop emptied under it) or passes the deadline.
 */
export async function runGuarded<T>(work: (run: GuardedRun) => T | Promise<T>, options: GuardOptions): Promise<T> {
  acquire();
  let timer: NodeJS.Timeout | undefined;
  let operation: Operation | undefined;
  try {
    return await new SafePromise<T>((resolve, reject) => {
      let settled = false;
      const run: Operation = {
        phase: options.phase,
        subject: options.subject,
        fail(failure) {
          if (settled) return;
          settled = true;
          reject(errorForFailure(failure, run.phase, run.subject));
        },
      };
      operation = run;
      state.operations.add(run);
      if (options.deadline !== undefined) {
        const timeoutMs = options.timeoutMs ?? 0;
        // Unref'd: a run that nothing keeps alive is reported as stalled at once.
        timer = setTimeout(() => run.fail({ kind: 'timeout', timeoutMs }), Math.max(0, options.deadline - Date.now()));
        timer.unref();
      }
      if (!state.keepUntilExit) state.storage ??= new AsyncLocalStorage();
      const start = (body: () => Promise<void>) => void (state.storage ? state.storage.run(run, body) : body());
      start(async () => {
        let value: T;
        try {
          await undefined;
          value = await work(run);
        } catch (error) {
          // The host classifies what plugin code throws where it calls it;
          // anything else (an error dressed as greeter's included) is classified now.
          if (!isHostError(error)) return run.fail({ kind: 'threw', value: error });
          if (!settled) reject(error);
          settled = true;
          return;
        }
        await settle();
        if (settled) return;
        settled = true;
        resolve(value);
      });
    });
  } finally {
    clearTimeout(timer);
    if (operation) state.operations.delete(operation);
    release();
  }
}

/**
 * For the CLI: keeps the guard's patches from being restored until the
 * process ends, and gives the real stdout and exit. Patches nothing by
 * itself: a run that never loads plugin or config code pays nothing.
 */
export function keepGuardUntilExit(): RealProcess {
  state.keepUntilExit = true;
  // Described once, before any plugin or config code runs: the parts match paths to it, the result must reach it.
  state.stdout ??= describeStdout();
  const { stdout } = state;
  return {
    lateFailures: () => state.late,
    writeStdout: (text) => writeRealStdout(state.streams, stdout, text),
    stderrDrained: () => stderrDrained(state.streams, 1000),
    // Plugin code may have added 'exit' listeners that would write or throw, or replaced process.exit: neither runs.
    exit: endProcess,
  };
}

// Lets microtasks, and immediate callbacks queued by them, run before a result is decided.
async function settle(): Promise<void> {
  await new SafePromise<void>((resolve) => setImmediate(resolve));
  await new SafePromise<void>((resolve) => setImmediate(resolve));
}

function acquire(): void {
  state.users++;
  if (state.dispose !== undefined) return;
  const streams: GuardStreams = { own: new Map(), ours: new WeakSet() };
  state.streams = streams;
  state.dispose = installParts(parts, { hooks, owner: state.keepUntilExit, stdout: state.stdout ?? describeStdout(), streams });
  // ES modules that import { writeSync } from 'node:fs' (or 'node:fs/promises') see the patches too.
  syncBuiltinESMExports();
}

function release(): void {
  state.users--;
  if (state.users > 0 || state.keepUntilExit || state.dispose === undefined) return;
  state.dispose();
  state.dispose = undefined;
  state.streams = undefined;
  syncBuiltinESMExports();
}
