import { type Dispose, type GuardContext, inReverse, replaceMember } from './part.js';

type Kill = (pid: unknown, signal?: unknown) => unknown;

/**
 * A signal to greeter's own process (or its process group) through
 * `process.kill`, or the internal `process._kill` beneath it, is an exit
 * and fails the run; signals to other processes, and signal 0 (which only
 * asks whether a process exists), pass.
 */
export function installKill({ hooks }: GuardContext): Dispose {
  const own = (pid: unknown, signal: unknown) => {
    const target = Number(pid);
    return (target === process.pid || target === 0 || target === -process.pid) && signal !== 0 && signal !== '0';
  };
  const guarded = (original: Kill): Kill =>
    function (this: unknown, pid, signal) {
      if (own(pid, signal)) hooks.exit(signal);
      return original.call(this, pid, signal);
    };
  const disposers = [replaceMember<Kill>(process, 'kill', guarded)];
  if (typeof (process as { _kill?: unknown })._kill === 'function') disposers.push(replaceMember<Kill>(process, '_kill', guarded));
  return inReverse(disposers);
}
