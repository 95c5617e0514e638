import { GreeterError, displayName, displayText } from '@greeter/core';
import type { ChildOutcome } from './channel.js';
import { parseChildMessages, protocolVersion, type DeniedPermission, type FailureFacts } from './protocol.js';

/** What the parent knows besides the child's outcome. */
export interface ClassifyContext {
  /** The plugin's package name, which every failure is attributed to. */
  name: string;
  timeoutMs: number;
  memoryLimitMb: number;
  /** The child's file, named when it speaks another protocol. */
  childEntry: string;
  /** The config file grants go in, for hints. */
  configFile: string | undefined;
}

/** A child's outcome as greeter tells it: the greeting, or an error; and the plugin's output to show. */
export type Classified = { ok: true; greeting: string; output: string } | { ok: false; error: GreeterError; output: string };

// V8's report of an exhausted heap or data segment, which greeter explains itself.
const outOfMemory = /heap out of memory|Reached heap limit|Allocation failed|Fatal process out of memory|std::bad_alloc/;
const outOfMemoryReport = /\n?<--- Last few GCs --->|\n?FATAL ERROR:|\n?#\s*Fatal|\n?terminate called after throwing an instance of 'std::bad_alloc'/;
const aborted = new Set<string>(['SIGABRT', 'SIGTRAP', 'SIGILL']);

/**
 * The one reading of an isolated plugin's process. The parent decides what
 * a report may mean: the first message is the child's own (written before
 * any plugin code runs), so it alone settles the protocol; after it, plugin
 * code may have written anything to fd 3, so the last message counts only
 * as the plugin's own word — its greeting, or a failure of one of the
 * plugin-failure codes, which greeter words itself with its own hint — and
 * only when the process ended cleanly. Greeter's timeout wins over anything
 * reported.
 */
export function classifyOutcome(outcome: ChildOutcome, context: ClassifyContext): Classified {
  const { name } = context;
  const output = outcome.output;
  const fail = (error: GreeterError, shown = output): Classified => ({ ok: false, error, output: shown });
  if (outcome.startError !== undefined) {
    return fail(new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `${name} could not be started in an isolated process: ${displayText(outcome.startError)}.`));
  }
  const [first, ...rest] = parseChildMessages(outcome.reports);
  if (first !== undefined && (first.protocol !== protocolVersion || first.kind === 'unsupported-protocol')) {
    return fail(
      new GreeterError(
        'GREETER_PLUGIN_LOAD_FAILED',
        `${name} could not be isolated: ${context.childEntry} speaks another version of greeter's isolation protocol than this greeter (${protocolVersion}).`,
        { hint: 'Reinstall greeter: its files come from two different versions.' },
      ),
    );
  }
  if (outcome.timedOut) {
    return fail(new GreeterError('GREETER_GREET_TIMEOUT', `${name} did not load and greet within ${context.timeoutMs} ms; its process was stopped.`));
  }
  const last = rest.at(-1);
  const clean = outcome.code === 0 && outcome.signal === null;
  if (first?.kind === 'ready' && clean && last?.kind === 'greeting') return { ok: true, greeting: last.greeting, output };
  if (first?.kind === 'ready' && clean && last?.kind === 'failure') return fail(errorOf(last.failure, context));
  // V8 aborts on an exhausted heap or data segment: a plugin that only prints the words is not taken at them.
  if (outcome.signal !== null && aborted.has(outcome.signal) && outOfMemory.test(output)) {
    const cut = output.search(outOfMemoryReport);
    return fail(
      new GreeterError('GREETER_GREET_FAILED', `${name} ran out of memory: it passed the ${context.memoryLimitMb} MiB limit of an isolated plugin.`),
      cut >= 0 ? output.slice(0, cut) : output,
    );
  }
  const ended = outcome.signal ?? `exit code ${outcome.code}`;
  // Where the data segment ran out in a thread that could not print (a failed allocation aborts before V8's report), the abort is all there is.
  const mayBeMemory =
    outcome.signal !== null && aborted.has(outcome.signal) ? `; it may have passed the ${context.memoryLimitMb} MiB memory limit of an isolated plugin` : '';
  return fail(new GreeterError('GREETER_GREET_FAILED', `${name}'s isolated process ended (${ended}) without a report${mayBeMemory}.`));
}

// What a permission denial tried to do, by the model's name for it.
const deniedWhat: Record<DeniedPermission, string> = {
  FileSystemRead: 'read',
  FileSystemWrite: 'write',
  ChildProcess: 'start a child process',
  WorkerThreads: 'start a worker thread',
  Addons: 'load a native addon',
  WASI: 'use WASI',
  Inspector: 'open the inspector',
  Signal: 'send a signal to another process',
  V8Flags: "change V8's flags",
  Net: 'use the network',
};

/** A plugin's reported failure in greeter's words: the code it may report, its text quoted, greeter's own hint. */
function errorOf(failure: FailureFacts, context: ClassifyContext): GreeterError {
  const { name } = context;
  const detail = displayName(failure.detail, 300);
  switch (failure.code) {
    case 'GREETER_PERMISSION_DENIED':
      return deniedError(failure, context);
    case 'GREETER_PLUGIN_LOAD_FAILED':
      return new GreeterError(failure.code, `${name} failed to load in its isolated process: ${detail}.`);
    case 'GREETER_PLUGIN_INVALID':
      return new GreeterError(failure.code, `${name} is not a valid plugin; its isolated process found: ${detail}.`);
    case 'GREETER_GREET_TIMEOUT':
      return new GreeterError(failure.code, `${name} did not finish ${failure.phase === 'load' ? 'loading' : 'greeting'} in its isolated process: ${detail}.`);
    case 'GREETER_GREET_FAILED':
      return new GreeterError(failure.code, `${name} failed to greet in its isolated process: ${detail}.`);
  }
}

function deniedError({ denied, detail }: FailureFacts, { name, configFile }: ClassifyContext): GreeterError {
  const what = denied === undefined ? 'do something an isolated plugin may not do' : deniedWhat[denied.permission];
  const resource = denied?.resource ? ` ${displayName(denied.resource, 200)}` : '';
  const config = configFile ?? 'your greeter config (.greeterrc.json)';
  if (denied?.permission === 'Net') {
    return new GreeterError('GREETER_PERMISSION_DENIED', `${name} tried to use the network${resource}, which it was not granted.`, {
      hint: `If you trust ${name} with the network, grant it in ${config}: "permissions": { "${name}": { "net": true } }.`,
    });
  }
  const message =
    denied === undefined
      ? `${name} was denied an operation: ${displayName(detail, 300)}.`
      : `${name} tried to ${what}${resource}, which an isolated plugin may not do.`;
  return new GreeterError('GREETER_PERMISSION_DENIED', message, {
    hint: `An isolated plugin may read only its own package and the packages it depends on, and may not write files, start processes or threads, or load native addons. If you trust ${name}, run it in-process: "trust": ["${name}"] in ${config}, or --no-isolate for one run.`,
  });
}
