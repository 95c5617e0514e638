import { AsyncLocalStorage } from 'node:async_hooks';
import type { GreeterError } from '@greeter/core';
import { patchProcess, restoreProcess, stderrDrained, type Originals, writeRealStdout } from './_process-patches.js';
import { errorForFailure, isHostError, type Failure, type Phase } from './failures.js';

/**
 * The one place that patches `process`. While plugin or config code may run,
 * every write it makes to stdout — `console`, `process.stdout` and its
 * internals, `fs` and `fs/promises` writers on fd 1 or a path to it — goes to
 * stderr, `process.exit` fails the run instead of ending
 * it, and exceptions and rejections it leaves behind are caught and charged
 * to the run they came from. Greeter keeps the real stdout and exit for its
 * own result.
 *
 * Re-entrant: each guarded run holds the patches; the last one to finish
 * restores the process, unless the CLI asked to keep them until it exits
 * (plugin timers may still fire after the result is decided). The state is
 * shared through a registered symbol, so two copies of the host in one
 * process (the CLI bundle and the library) patch and restore only once.
 */

/** What a guarded run is doing right now, for failures that happen during it. */
export interface GuardedRun {
  phase: Phase;
  /** The package or file named in the run's errors. */
  subject: string;
}

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
  /** Writes to the real stdout; resolves once the text is handed to the OS. */
  writeStdout(text: string): Promise<void>;
  /** Resolves once plugin output written to stderr is out (at most a second). */
  stderrDrained(): Promise<void>;
  exit(code: number): never;
}

// Marks the error thrown into plugin code in place of ending the process
// (registered, so every copy of the host knows it).
const exitBrand = Symbol.for('greeter.plugin-exit');

function pluginExitError(): Error {
  const error = new Error('process.exit was called by plugin or config code; greeter turned it into an error');
  Object.defineProperty(error, exitBrand, { value: true });
  return error;
}

function isPluginExitError(value: unknown): boolean {
  return value instanceof Error && Object.hasOwn(value, exitBrand);
}

interface Operation extends GuardedRun {
  fail(failure: Failure): void;
}

type Listener = [event: 'uncaughtException' | 'unhandledRejection' | 'beforeExit', listener: (value: unknown) => void];

// The listeners this copy of the host adds, to remove the same ones.
const listeners: Listener[] = [
  ['uncaughtException', onUncaught],
  ['unhandledRejection', onUnhandledRejection],
  ['beforeExit', onBeforeExit],
];

interface GuardState {
  users: number;
  keepUntilExit: boolean;
  /** Failures that came after every run had ended (kept only until exit, for the CLI). */
  late: GreeterError[];
  originals: Originals | undefined;
  /** Ends the process now, past 'exit' listeners and patches: captured when the state is made, before plugin code ran. */
  endProcess: (code: number) => never;
  operations: Set<Operation>;
  /**
   * Which run an asynchronous callback belongs to, so a failure there is
   * charged to its run alone. Not kept where runs never overlap (the CLI
   * and the isolated process, which keep the guard until exit): async
   * context tracking costs every promise, about 5% of a greeting on Node 20.
   */
  storage: AsyncLocalStorage<Operation> | undefined;
}

const stateKey = Symbol.for('greeter.process-guard');

function state(): GuardState {
  const global = globalThis as { [stateKey]?: GuardState };
  global[stateKey] ??= { users: 0, keepUntilExit: false, late: [], originals: undefined, endProcess: nativeExit(), operations: new Set(), storage: undefined };
  return global[stateKey];
}

// process.reallyExit ends the process without emitting 'exit'; process.exit where it is missing.
function nativeExit(): (code: number) => never {
  const { reallyExit } = process as { reallyExit?: (code: number) => never };
  const { exit } = process;
  return typeof reallyExit === 'function' ? (code) => reallyExit.call(process, code) : (code) => exit.call(process, code);
}

/**
 * Runs plugin or config code with the process guarded. Resolves with its
 * result only once plugin code can no longer change it (queued microtasks and
 * immediate callbacks have run); rejects with a classified GreeterError when
 * it throws, calls `process.exit`, throws from a callback, leaves a rejection
 * unhandled, stalls (the event loop emptied under it) or passes the deadline.
 */
export async function runGuarded<T>(work: (run: GuardedRun) => T | Promise<T>, options: GuardOptions): Promise<T> {
  const guard = acquire();
  let timer: NodeJS.Timeout | undefined;
  let operation: Operation | undefined;
  try {
    return await new Promise<T>((resolve, reject) => {
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
      guard.operations.add(run);
      if (options.deadline !== undefined) {
        const timeoutMs = options.timeoutMs ?? 0;
        // Unref'd: a run that nothing keeps alive is reported as stalled at once.
        timer = setTimeout(() => run.fail({ kind: 'timeout', timeoutMs }), Math.max(0, options.deadline - Date.now()));
        timer.unref();
      }
      if (!guard.keepUntilExit) guard.storage ??= new AsyncLocalStorage();
      const start = (work: () => void) => (guard.storage ? guard.storage.run(run, work) : work());
      start(() => {
        Promise.resolve()
          .then(() => work(run))
          .then(
            async (value) => {
              await settle();
              if (settled) return;
              settled = true;
              resolve(value);
            },
            (error: unknown) => {
              // The host classifies what plugin code throws where it calls it;
              // anything else (a GreeterError a plugin or config made itself
              // included) is classified now.
              if (isHostError(error)) {
                if (settled) return;
                settled = true;
                reject(error);
              } else run.fail({ kind: 'threw', value: error });
            },
          );
      });
    });
  } finally {
    clearTimeout(timer);
    if (operation) guard.operations.delete(operation);
    release(guard);
  }
}

/**
 * For the CLI: keeps the guard's patches from being restored until the
 * process ends, and gives the real stdout and exit. Patches nothing by
 * itself: a run that never loads plugin or config code pays nothing.
 */
export function keepGuardUntilExit(): RealProcess {
  const guard = state();
  guard.keepUntilExit = true;
  return {
    lateFailures: () => guard.late,
    writeStdout(text) {
      return new Promise((resolve, reject) => {
        try {
          writeRealStdout(guard.originals, text, (error) => (error ? reject(error) : resolve()));
        } catch (error) {
          // A file stream writes synchronously: ENOSPC (`> /dev/full`) throws here.
          reject(error);
        }
      });
    },
    stderrDrained: () => stderrDrained(guard.originals, 1000),
    // Plugin code may have added 'exit' listeners that would write or throw, or replaced process.exit: neither runs.
    exit: (code) => guard.endProcess(code),
  };
}

// Lets microtasks, and immediate callbacks queued by them, run before a result is decided.
async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

function acquire(): GuardState {
  const guard = state();
  guard.users++;
  if (guard.originals === undefined) patch(guard);
  return guard;
}

function release(guard: GuardState): void {
  guard.users--;
  if (guard.users === 0 && !guard.keepUntilExit && guard.originals !== undefined) restore(guard);
}

// Failures with no run of their own (a timer of a finished run, say) are
// charged to every run in progress; with none, nothing is left to fail.
function charge(failure: Failure, origin?: Operation): void {
  const guard = state();
  const current = origin ?? guard.storage?.getStore();
  if (current && guard.operations.has(current)) current.fail(failure);
  else if (guard.operations.size > 0) {
    for (const operation of guard.operations) operation.fail(failure);
  } else if (guard.keepUntilExit) {
    guard.late.push(errorForFailure(failure, current?.phase ?? 'greet', current?.subject ?? 'A plugin'));
  }
}

function onUncaught(error: unknown): void {
  // The exit attempt was charged already; this is its unwinding.
  if (isPluginExitError(error)) return;
  charge({ kind: 'uncaught', value: error });
}

function onUnhandledRejection(reason: unknown): void {
  if (isPluginExitError(reason)) return;
  charge({ kind: 'unhandled-rejection', value: reason });
}

function onBeforeExit(): void {
  // The event loop emptied while runs were waiting: none of them can finish.
  for (const operation of state().operations) operation.fail({ kind: 'stalled' });
}

function patch(guard: GuardState): void {
  guard.originals = patchProcess(
    {
      exit(code) {
        charge({ kind: 'exit', code });
        throw pluginExitError();
      },
      microtaskThrew(error, origin) {
        if (!isPluginExitError(error)) charge({ kind: 'uncaught', value: error }, origin as Operation | undefined);
      },
      origin: () => guard.storage?.getStore(),
    },
    { owner: guard.keepUntilExit },
  );
  for (const [event, listener] of listeners) process.on(event, listener);
}

function restore(guard: GuardState): void {
  restoreProcess(guard.originals!);
  for (const [event, listener] of listeners) process.off(event, listener);
  guard.originals = undefined;
}
