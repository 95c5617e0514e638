import { type Dispose, type GuardContext, inReverse, replaceMember } from './part.js';

type NativeExit = (code?: unknown) => never;

/**
 * `process.exit`, the native `process.reallyExit` beneath it, and
 * `process.abort` fail the run instead of ending the process.
 */
export function installExit({ hooks }: GuardContext): Dispose {
  const disposers = [
    replaceMember<NativeExit>(process, 'exit', () => (code) => hooks.exit(code)),
    replaceMember<NativeExit>(process, 'abort', () => () => hooks.exit('abort')),
  ];
  if (typeof (process as { reallyExit?: unknown }).reallyExit === 'function') {
    disposers.push(replaceMember<NativeExit>(process, 'reallyExit', () => (code) => hooks.exit(code)));
  }
  return inReverse(disposers);
}
