import { errorFrom, type GreeterError } from '@greeter/core';
import { isolationMessages } from '@greeter/core/messages';
import type { ChildOutcome } from './channel.js';
import { parseChildMessages, protocolVersion, type FailureFacts } from './protocol.js';

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
    return fail(errorFrom(isolationMessages.startFailed, { name, reason: outcome.startError }));
  }
  const [first, ...rest] = parseChildMessages(outcome.reports);
  if (first !== undefined && (first.protocol !== protocolVersion || first.kind === 'unsupported-protocol')) {
    return fail(errorFrom(isolationMessages.otherProtocol, { name, childEntry: context.childEntry, version: protocolVersion }));
  }
  if (outcome.timedOut) {
    return fail(errorFrom(isolationMessages.stopped, { name, timeoutMs: context.timeoutMs }));
  }
  const last = rest.at(-1);
  const clean = outcome.code === 0 && outcome.signal === null;
  if (first?.kind === 'ready' && clean && last?.kind === 'greeting') return { ok: true, greeting: last.greeting, output };
  if (first?.kind === 'ready' && clean && last?.kind === 'failure') return fail(errorOf(last.failure, context));
  // V8 aborts on an exhausted heap or data segment: a plugin that only prints the words is not taken at them.
  if (outcome.signal !== null && aborted.has(outcome.signal) && outOfMemory.test(output)) {
    const cut = output.search(outOfMemoryReport);
    return fail(errorFrom(isolationMessages.outOfMemory, { name, limitMb: context.memoryLimitMb }), cut >= 0 ? output.slice(0, cut) : output);
  }
  const ended = outcome.signal ?? `exit code ${outcome.code}`;
  // Where the data segment ran out in a thread that could not print (a failed allocation aborts before V8's report), the abort is all there is.
  const mayBeOverLimitMb = outcome.signal !== null && aborted.has(outcome.signal) ? context.memoryLimitMb : undefined;
  return fail(errorFrom(isolationMessages.noReport, { name, ended, mayBeOverLimitMb }));
}

/** A plugin's reported failure in greeter's words: the code it may report, its text quoted, greeter's own hint. */
function errorOf(failure: FailureFacts, { name, configFile }: ClassifyContext): GreeterError {
  const { detail } = failure;
  switch (failure.code) {
    case 'GREETER_PERMISSION_DENIED': {
      const { permission, resource } = failure.denied ?? {};
      if (permission === 'Net') return errorFrom(isolationMessages.deniedNetwork, { name, resource, configFile });
      return errorFrom(isolationMessages.denied, { name, permission, resource, detail, configFile });
    }
    case 'GREETER_PLUGIN_LOAD_FAILED':
      return errorFrom(isolationMessages.loadFailed, { name, detail });
    case 'GREETER_PLUGIN_INVALID':
      return errorFrom(isolationMessages.invalid, { name, detail });
    case 'GREETER_GREET_TIMEOUT':
      return errorFrom(isolationMessages.unfinished, { name, phase: failure.phase, detail });
    case 'GREETER_GREET_FAILED':
      return errorFrom(isolationMessages.greetFailed, { name, detail });
  }
}
