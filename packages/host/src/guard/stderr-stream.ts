import { type Dispose, type GuardContext, replaceProperty } from './part.js';

/**
 * For the process's owner: the stderr stream is noted when something makes
 * it, so that what plugin code wrote there can be let out before the
 * process ends. Not made here: a greeting that prints nothing there does
 * not pay for it.
 */
export function installStderrStream({ owner, streams }: GuardContext): Dispose {
  const getter = Object.getOwnPropertyDescriptor(process, 'stderr');
  if (!owner || !getter?.get || !getter.configurable) return () => {};
  const made = getter.get;
  return replaceProperty(process, 'stderr', {
    configurable: true,
    enumerable: getter.enumerable ?? true,
    get: () => (streams.stderr ??= made.call(process) as NodeJS.WriteStream),
  });
}
