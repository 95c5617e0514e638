// The isolated plugin's process: started by greetIsolated under Node's
// permission model, it receives one request over IPC, loads and greets
// inside the same process guard as an in-process greeting (so exit, stray
// exceptions, stalls and the timeout are classified the same way), reports
// the outcome as data and ends. Built into one self-contained file, so the
// process needs to read nothing of greeter's but this file.
import { isGreeterError, type GreetOptions, type SerializedGreeterError } from '@greeter/core';
import { keepGuardUntilExit } from '../process-guard.js';
import type { PluginCandidate } from '../types.js';
import { greetInProcess } from './greet-in-process.js';

/** What the parent asks for. */
export interface IsolateRequest {
  /** Echoed in the report, so a message the plugin sends itself is not taken for it. */
  nonce: string;
  candidate: PluginCandidate;
  greetOptions: GreetOptions;
  timeoutMs: number;
  via: 'import' | 'require';
}

/** What the child answers. */
export type IsolateReport = { nonce: string; ok: true; greeting: string } | { nonce: string; ok: false; error: SerializedGreeterError };

const real = keepGuardUntilExit();
// Taken before any plugin code runs: a plugin that replaces process.send cannot intercept the report.
const send = process.send?.bind(process);
// The permission model leaves signals open: from here, no signal reaches
// another process (greeter above all). Both the public function and the
// internal one it calls are replaced; nothing else sends signals.
const denySignal = () => {
  throw Object.assign(new Error('Sending signals is not allowed to an isolated plugin.'), { code: 'ERR_ACCESS_DENIED', permission: 'Signal', resource: '' });
};
(process as { _kill?: unknown })._kill = denySignal;
process.kill = denySignal;

process.once('message', (request: IsolateRequest) => {
  // Nothing but the plugin may keep this process alive now, so a load or
  // greet that can never settle is seen as such.
  process.channel?.unref();
  const { candidate, greetOptions, timeoutMs, via, nonce } = request;
  greetInProcess(candidate, greetOptions, { coreVersion: undefined, timeoutMs, via }).then(
    (greeting) => report({ nonce, ok: true, greeting }),
    (error: unknown) =>
      report({
        nonce,
        ok: false,
        error: isGreeterError(error) ? error.toJSON() : { code: 'GREETER_GREET_FAILED', message: `${candidate.name} failed in its isolated process.`, hint: '' },
      }),
  );
});

function report(outcome: IsolateReport): void {
  send?.(outcome, () => real.exit(0));
}
