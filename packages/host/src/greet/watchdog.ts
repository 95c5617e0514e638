import { Worker } from 'node:worker_threads';

// Captured when the host is loaded, before any plugin code ran.
const SafeWorker = Worker;
const { store, notify } = Atomics;

/** Stops watching: the run settled, or failed, in time. */
export type StopWatching = () => void;

// Waits on the shared flag until the deadline; if the run has not settled by
// then, the main thread is stuck in JavaScript (its timers cannot fire), so
// it asks V8, through the inspector, to end the script running there.
const watcher = `
const { workerData } = require('node:worker_threads');
const settled = new Int32Array(workerData.flag);
if (Atomics.wait(settled, 0, 0, workerData.ms) === 'timed-out' && Atomics.load(settled, 0) === 0) {
  const { Session } = require('node:inspector');
  const session = new Session();
  session.connectToMainThread();
  session.post('Runtime.terminateExecution');
  session.disconnect();
}
`;

/**
 * Watches an in-process greeting from another thread. Plugin code that keeps
 * the microtask queue busy forever (a thenable whose `then` queues itself
 * again, an `async` function resolved with such a thenable) never lets the
 * event loop reach the run's timeout; past `deadline` plus `graceMs` the
 * watcher ends the JavaScript running on the main thread, the event loop
 * moves on, and the run's own timeout reports it.
 *
 * A thread costs a few milliseconds to start, so only a greeting that did
 * not return its string at once is watched. Without the inspector (a Node
 * built without it) nothing is watched.
 */
export function watchFromAnotherThread(deadline: number, graceMs = 250): StopWatching {
  if (!process.features.inspector) return () => {};
  const flag = new SharedArrayBuffer(4);
  const settled = new Int32Array(flag);
  let worker: Worker;
  try {
    worker = new SafeWorker(watcher, {
      eval: true,
      workerData: { flag, ms: Math.max(0, deadline - Date.now()) + graceMs },
      // The watcher writes nothing; its streams stay off the plugin's stdout and stderr.
      stdout: true,
      stderr: true,
      env: {},
    });
  } catch {
    return () => {};
  }
  worker.unref();
  // A watcher that failed to start leaves the run as it would be without one.
  worker.on('error', () => {});
  return () => {
    store(settled, 0, 1);
    notify(settled, 0);
  };
}
