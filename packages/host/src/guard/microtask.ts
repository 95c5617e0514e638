import { type Dispose, type GuardContext, replaceMember } from './part.js';

/**
 * A microtask loses its async context when it throws, and its exception
 * reaches no listener with the run it belongs to: each callback queued
 * with `queueMicrotask` is charged to the run that queued it.
 */
export function installMicrotask({ hooks }: GuardContext): Dispose {
  return replaceMember<typeof queueMicrotask>(globalThis, 'queueMicrotask', (original) => (callback) => {
    const origin = hooks.origin();
    original.call(globalThis, () => {
      try {
        callback();
      } catch (error) {
        hooks.microtaskThrew(error, origin);
      }
    });
  });
}
