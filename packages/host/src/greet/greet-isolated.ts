import { createRequire } from 'node:module';
import { GreeterError, type GreeterErrorCode, type GreetOptions } from '@greeter/core';
import type { PluginCandidate } from '../types.js';
import { defaultTimeoutMs } from './greet.js';

/** How an isolated greeting runs. */
export interface IsolateOptions {
  /** The host's `@greeter/core` version, for the plugin's peer range. */
  coreVersion: string;
  /** Milliseconds the worker may take to load and greet. Default: 5000. */
  timeoutMs?: number;
  /** The worker's heap limit in MiB. Default: 256. */
  memoryLimitMb?: number;
  /** Where the plugin's stdout and stderr go. Default: `process.stderr`. */
  output?: NodeJS.WritableStream;
}

/** The default heap limit of an isolated plugin, in MiB. */
export const defaultMemoryLimitMb = 256;

type WorkerReport = { ok: true; greeting: string } | { ok: false; error: { code: GreeterErrorCode; message: string; hint: string } };

/**
 * Loads and greets with a plugin in a worker thread with a time limit and a
 * heap limit, so even a synchronous busy loop (`GREETER_GREET_TIMEOUT`) or a
 * runaway allocation (`GREETER_GREET_FAILED`) ends near the limit instead of
 * taking the host down.
 */
export async function greetIsolated(candidate: PluginCandidate, greetOptions: GreetOptions, options: IsolateOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const memoryLimitMb = options.memoryLimitMb ?? defaultMemoryLimitMb;
  // Imported here, not at the top: compiling worker_threads would cost every
  // in-process greeting a few milliseconds of start-up.
  const { Worker } = await import('node:worker_threads');
  // By package name: this code may run bundled into the greeter CLI.
  const worker = new Worker(createRequire(import.meta.url).resolve('@greeter/host/isolate-worker'), {
    workerData: { candidate, coreVersion: options.coreVersion, greetOptions, timeoutMs },
    resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: Math.min(32, memoryLimitMb) },
    stdout: true,
    stderr: true,
  });
  const output = options.output ?? process.stderr;
  worker.stdout.pipe(output, { end: false });
  worker.stderr.pipe(output, { end: false });
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    let timedOut = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const fail = (code: GreeterErrorCode, message: string, cause?: unknown) =>
      settle(() => reject(new GreeterError(code, message, { cause })));
    const timer = setTimeout(() => {
      timedOut = true;
      fail('GREETER_GREET_TIMEOUT', `${candidate.name} did not load and greet within ${timeoutMs} ms; its worker was stopped.`);
    }, timeoutMs);
    worker.on('message', (report: WorkerReport) => {
      if (report.ok) settle(() => resolve(report.greeting));
      else settle(() => reject(new GreeterError(report.error.code, report.error.message, report.error.hint ? { hint: report.error.hint } : {})));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail('GREETER_GREET_FAILED', `${candidate.name} ran out of memory: it passed the ${memoryLimitMb} MiB limit of an isolated plugin.`, error);
      } else {
        fail('GREETER_GREET_FAILED', `${candidate.name} failed in its worker: ${error.message.split('\n')[0]}.`, error);
      }
    });
    worker.on('exit', (code) => {
      if (!timedOut) fail('GREETER_GREET_FAILED', `${candidate.name} ended its worker (process.exit(${code})) before greeting.`);
    });
  });
}
