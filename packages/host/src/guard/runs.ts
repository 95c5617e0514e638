import type { AsyncLocalStorage } from 'node:async_hooks';
import type { GreeterError } from '@greeter/core';
import { errorForFailure, type Failure, type Phase } from '../failures.js';
import type { Dispose, GuardHooks, GuardStreams } from './part.js';
import type { StdoutFile } from './stdout-file.js';

/** What a guarded run is doing right now, for failures that happen during it. */
export interface GuardedRun {
  phase: Phase;
  /** The package or file named in the run's errors. */
  subject: string;
}

/** A run in progress, as the guard keeps it. */
export interface Operation extends GuardedRun {
  fail(failure: Failure): void;
}

/** The guard's state. */
interface GuardState {
  /** Runs holding the parts. */
  users: number;
  keepUntilExit: boolean;
  /** Failures that came after every run had ended (kept only until exit, for the CLI). */
  late: GreeterError[];
  /** Undoes the parts while they are installed. */
  dispose: Dispose | undefined;
  streams: GuardStreams | undefined;
  /** What fd 1 was before any plugin or config code ran (for the process's owner). */
  stdout: StdoutFile | undefined;
  operations: Set<Operation>;
  /**
   * Which run an asynchronous callback belongs to, so a failure there is
   * charged to its run alone. Not kept where runs never overlap (the CLI
   * and the isolated process, which keep the guard until exit): async
   * context tracking costs every promise, about 5% of a greeting on Node 20.
   */
  storage: AsyncLocalStorage<Operation> | undefined;
}

/**
 * The guard's state: in this module alone, so that no global name reaches
 * it. One host is loaded per process (greeter's bundle or the library).
 */
export const state: GuardState = {
  users: 0,
  keepUntilExit: false,
  late: [],
  dispose: undefined,
  streams: undefined,
  stdout: undefined,
  operations: new Set(),
  storage: undefined,
};

// The errors thrown into plugin code in place of ending the process: their
// unwinding was charged already. Known by identity: plugin code cannot make one.
const exitErrors = new WeakSet<object>();

const isExitError = (value: unknown) => typeof value === 'object' && value !== null && exitErrors.has(value);

/** What the guard does with the calls and events its parts catch. */
export const hooks: GuardHooks = {
  exit(code) {
    charge({ kind: 'exit', code });
    const error = new Error('process.exit was called by plugin or config code; greeter turned it into an error');
    exitErrors.add(error);
    throw error;
  },
  microtaskThrew(error, origin) {
    if (!isExitError(error)) charge({ kind: 'uncaught', value: error }, origin as Operation | undefined);
  },
  origin: () => state.storage?.getStore(),
  uncaught(error) {
    if (!isExitError(error)) charge({ kind: 'uncaught', value: error });
  },
  unhandledRejection(reason) {
    if (!isExitError(reason)) charge({ kind: 'unhandled-rejection', value: reason });
  },
  beforeExit() {
    // The event loop emptied while runs were waiting: none of them can finish.
    if (state.operations.size === 0) return;
    for (const operation of state.operations) operation.fail({ kind: 'stalled' });
    // One more turn: a run that starts and stalls in response (its module
    // loaded without I/O, as Node 22+ loads ES modules) is then seen too.
    setImmediate(() => {});
  },
};

// Failures with no run of their own (a timer of a finished run, say) are
// charged to every run in progress; with none, nothing is left to fail.
function charge(failure: Failure, origin?: Operation): void {
  const current = origin ?? state.storage?.getStore();
  if (current && state.operations.has(current)) current.fail(failure);
  else if (state.operations.size > 0) {
    for (const operation of state.operations) operation.fail(failure);
  } else if (state.keepUntilExit) {
    state.late.push(errorForFailure(failure, current?.phase ?? 'greet', current?.subject ?? 'A plugin'));
  }
}
