// The isolated plugin's process: started by greetIsolated under Node's
// permission model, it reads one request from stdin, loads and greets inside
// the same process guard as an in-process greeting (so exit, stray
// exceptions, stalls and the timeout are classified the same way), writes
// its report as one JSON line to fd 3 and ends. Built into one
// self-contained file, so the process needs to read nothing of greeter's
// but this file. Everything the report depends on is taken before plugin
// code runs, so the plugin cannot change how it is written or stop the exit.
import fs from 'node:fs';
import os from 'node:os';
import type { GreetOptions, SerializedGreeterError } from '@greeter/core';
import { isHostError } from '../failures.js';
import { keepGuardUntilExit } from '../process-guard.js';
import type { PluginCandidate } from '../types.js';
import { greetInProcess } from './greet-in-process.js';

/** What the parent asks for. */
export interface IsolateRequest {
  /** Echoed in the report, so a line the plugin writes itself is not taken for it. */
  nonce: string;
  candidate: PluginCandidate;
  greetOptions: GreetOptions;
  timeoutMs: number;
  via: 'import' | 'require';
}

/** What the child answers: one JSON line on fd 3. */
export type IsolateReport = { nonce: string; ok: true; greeting: string } | { nonce: string; ok: false; error: SerializedGreeterError };

/** The file descriptor the report is written to. */
export const reportFd = 3;

const real = keepGuardUntilExit();
const writeSync = fs.writeSync;
const stringify = JSON.stringify;
const reallyExit = (process as { reallyExit?: (code: number) => never }).reallyExit;

// The permission model leaves signals and scheduling priorities open: from
// here, no process but this one can be signalled or reprioritised (greeter
// above all). The public functions and the internal one they call are replaced.
const deny = (what: string) => () => {
  throw Object.assign(new Error(`${what} is not allowed to an isolated plugin.`), { code: 'ERR_ACCESS_DENIED', permission: 'Signal', resource: '' });
};
(process as { _kill?: unknown })._kill = deny('Sending signals');
process.kill = deny('Sending signals');
os.setPriority = deny('Changing process priorities');

const request = JSON.parse(fs.readFileSync(0, 'utf8')) as IsolateRequest;
const { candidate, greetOptions, timeoutMs, via, nonce } = request;
greetInProcess(candidate, greetOptions, { coreVersion: undefined, timeoutMs, via }).then(
  (greeting) => report(`{"nonce":${stringify(nonce)},"ok":true,"greeting":${stringify(greeting)}}`),
  (error: unknown) => {
    // Only greeter's own errors come out of greetInProcess; anything else is a bug, reported without its text.
    const [code, message] = isHostError(error) ? [error.code, error.message] : ['GREETER_GREET_FAILED', `${candidate.name} failed in its isolated process.`];
    // Built from strings only: JSON.stringify of an object would ask it (or Object.prototype) for toJSON.
    report(`{"nonce":${stringify(nonce)},"ok":false,"error":{"code":${stringify(code)},"message":${stringify(message)},"hint":""}}`);
  },
);

function report(line: string): void {
  try {
    writeSync(reportFd, `\n${line}\n`);
  } finally {
    // Straight to the native exit: no 'exit' listener of the plugin's runs after the report.
    if (reallyExit) reallyExit.call(process, 0);
    real.exit(0);
  }
}
