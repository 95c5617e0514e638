import { parentPort, workerData } from 'node:worker_threads';
import { isGreeterError, type GreetOptions } from '@greeter/core';
import { describeThrown } from '../_describe-thrown.js';
import { loadPlugin } from '../load/load-plugin.js';
import type { PluginCandidate } from '../types.js';
import { greetWith } from './greet.js';

// Runs in a worker thread: loads and greets with one plugin, then reports.
// A process.exit here ends this thread only; the parent sees the exit.
const { candidate, coreVersion, greetOptions, timeoutMs } = workerData as {
  candidate: PluginCandidate;
  coreVersion: string;
  greetOptions: GreetOptions;
  timeoutMs: number;
};

try {
  const plugin = await loadPlugin(candidate, { coreVersion, guard: false });
  const greeting = await greetWith(plugin, greetOptions, { timeoutMs, guard: false });
  parentPort?.postMessage({ ok: true, greeting });
} catch (error) {
  const reported = isGreeterError(error)
    ? error.toJSON()
    : { code: 'GREETER_GREET_FAILED', message: `${candidate.name} failed: it threw ${describeThrown(error)}.`, hint: '' };
  parentPort?.postMessage({ ok: false, error: reported });
}
