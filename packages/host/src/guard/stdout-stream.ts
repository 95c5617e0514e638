import { type Dispose, type GuardContext, type GuardStreams, inReverse, replaceMember, replaceProperty } from './part.js';

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * The stdout stream: every way to write to it goes to stderr instead —
 * `write`, and for code that calls the stream's internals, `_write` and
 * `_writev` (which let through only the chunks greeter marked as its own).
 * `end` writes without ending, and `cork`, `uncork` and `destroy` do
 * nothing, so plugin code cannot close or hold back greeter's result.
 *
 * For the process's owner the stream is made (through Node's own getter)
 * and patched only when something asks for it: making it costs a greeting
 * that never prints a few milliseconds.
 */
export function installStdoutStream({ owner, streams }: GuardContext): Dispose {
  const disposers: Dispose[] = [];
  const getter = Object.getOwnPropertyDescriptor(process, 'stdout');
  let stream: NodeJS.WriteStream | undefined;
  const open = () => {
    if (stream === undefined) {
      stream = (getter?.get ? getter.get.call(process) : process.stdout) as NodeJS.WriteStream;
      disposers.push(patchStream(stream, streams));
    }
    return stream;
  };
  streams.open = open;
  if (owner && getter?.get && getter.configurable) {
    disposers.push(replaceProperty(process, 'stdout', { configurable: true, enumerable: getter.enumerable ?? true, get: open }));
  } else open();
  return inReverse(disposers);
}

function patchStream(stdout: NodeJS.WriteStream, streams: GuardStreams): Dispose {
  const stderr = () => process.stderr as unknown as { write: AnyFunction };
  const mine = (chunk: unknown) => typeof chunk === 'object' && chunk !== null && streams.ours.has(chunk);
  const replace = (name: string, make: (original: AnyFunction) => AnyFunction) => replaceMember<AnyFunction>(stdout, name, make);
  const keep = (name: string) => (original: AnyFunction) => {
    streams.own.set(name, original);
    return () => stdout;
  };
  const disposers = [
    replace('write', (original) => {
      streams.own.set('write', original);
      return (...args) => stderr().write(...args);
    }),
    replace(
      '_write',
      (original) =>
        function (this: unknown, chunk: unknown, encoding: unknown, callback: unknown) {
          return mine(chunk) ? original.call(this, chunk, encoding, callback) : stderr().write(chunk, encoding, callback);
        },
    ),
    replace('end', () => (...args) => {
      const callback = args.findLast((arg) => typeof arg === 'function') as (() => void) | undefined;
      const data = args.filter((arg) => typeof arg !== 'function');
      if (data[0] !== undefined && data[0] !== null) stderr().write(...data);
      if (callback) process.nextTick(callback);
      return stdout;
    }),
    replace('uncork', keep('uncork')),
    replace('cork', keep('cork')),
    replace('destroy', keep('destroy')),
  ];
  if (typeof (stdout as unknown as { _writev?: unknown })._writev === 'function') {
    disposers.push(
      replace(
        '_writev',
        (original) =>
          function (this: unknown, ...args: unknown[]) {
            const [chunks, callback] = args as [Array<{ chunk: unknown; encoding: unknown }>, () => void];
            // Greeter's own chunks may be queued behind a plugin's: each goes where it belongs.
            for (const { chunk, encoding } of chunks) if (!mine(chunk)) stderr().write(chunk, encoding);
            const ours = chunks.filter(({ chunk }) => mine(chunk));
            if (ours.length > 0) return original.call(this, ours, callback);
            callback();
          },
      ),
    );
  }
  return inReverse(disposers);
}
