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
  candidate: PluginCandidate;
  coreVersion: string;
  greetOptions: GreetOptions;
  timeoutMs: number;
}

/** What the child answers. */
export type IsolateReport = { ok: true; greeting: string } | { ok: false; error: SerializedGreeterError };

const real = keepGuardUntilExit();

process.once('message', (request: IsolateRequest) => {
  // Nothing but the plugin may keep this process alive now, so a load or
  // greet that can never settle is seen as such.
  process.channel?.unref();
  greetInProcess(request.candidate, request.greetOptions, { coreVersion: request.coreVersion, timeoutMs: request.timeoutMs }).then(
    (greeting) => report({ ok: true, greeting }),
    (error: unknown) =>
      report({
        ok: false,
        error: isGreeterError(error)
          ? error.toJSON()
          : { code: 'GREETER_GREET_FAILED', message: `${request.candidate.name} failed in its isolated process.`, hint: '' },
      }),
  );
});

function report(outcome: IsolateReport): void {
  process.send?.(outcome, () => real.exit(0));
}
