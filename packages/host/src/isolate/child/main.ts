// The isolated plugin's process: started by greetIsolated under Node's
// permission model. It reads one request from stdin, closes what the model
// leaves open (descriptors greeter inherited, signals to other processes,
// V8's flags; the network on Node ≤ 24),
// says it is ready, loads and greets inside the same process guard as an
// in-process greeting (so exit, stray exceptions, stalls and the timeout are
// classified the same way), writes its report as one JSON line to fd 3 and
// ends. Built into one self-contained file (dist/isolate-child.cjs), so the
// process reads nothing of greeter's but that file. What the report needs
// is taken before plugin code runs; the parent trusts none of what comes
// after "ready" beyond the plugin's own word (see classify.ts).
import fs from 'node:fs';
import { isGreeterError } from '@greeter/core';
import { isHostError } from '../../failures.js';
import { greetInProcess } from '../../greet/greet-in-process.js';
import { keepGuardUntilExit } from '../../process-guard.js';
import { protocolVersion, reportFd, type ChildMessage, type IsolateRequest } from '../protocol.js';
import { failureFacts } from './failure-facts.js';
import { lockNetwork } from './lock-network.js';
import { lockProcess } from './lock-process.js';

const real = keepGuardUntilExit();
const writeSync = fs.writeSync;
const stringify = JSON.stringify;
const reallyExit = (process as { reallyExit?: (code: number) => never }).reallyExit;

function send(message: ChildMessage): void {
  writeSync(reportFd, `${stringify(message)}\n`);
}

function end(message: ChildMessage): never {
  try {
    send(message);
  } catch {
    // The parent stopped listening: there is no one left to report to.
  }
  // Straight to the native exit: no 'exit' listener of the plugin's runs after the report.
  return reallyExit ? reallyExit.call(process, 0) : real.exit(0);
}

const request = JSON.parse(fs.readFileSync(0, 'utf8')) as IsolateRequest;
if (request.protocol !== protocolVersion) end({ protocol: protocolVersion, kind: 'unsupported-protocol', requested: request.protocol });
for (const fd of request.closeDescriptors ?? []) {
  try {
    fs.closeSync(fd);
  } catch {
    // Not open here after all.
  }
}
lockProcess();
if (request.lockNetwork !== 'none') lockNetwork(request.lockNetwork);
send({ protocol: protocolVersion, kind: 'ready' });

const { candidate, greetOptions, timeoutMs, via } = request;
greetInProcess(candidate, greetOptions, { coreVersion: undefined, timeoutMs, via }).then(
  (greeting) => end({ protocol: protocolVersion, kind: 'greeting', greeting }),
  (error: unknown) => {
    // Only greeter's own errors come out of greetInProcess; anything else is a bug, reported without its text.
    const failure =
      isHostError(error) && isGreeterError(error)
        ? failureFacts(error, candidate.name)
        : { code: 'GREETER_GREET_FAILED' as const, phase: 'greet' as const, detail: 'failed in a way greeter could not classify' };
    end({ protocol: protocolVersion, kind: 'failure', failure });
  },
);
