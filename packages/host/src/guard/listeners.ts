import type { Dispose, GuardContext } from './part.js';

/**
 * The process's own failure events reach the guard while it is installed:
 * exceptions and rejections no code handled, and the event loop emptying
 * under runs that wait.
 */
export function installListeners({ hooks }: GuardContext): Dispose {
  const listeners = [
    ['uncaughtException', (error: unknown) => hooks.uncaught(error)],
    ['unhandledRejection', (reason: unknown) => hooks.unhandledRejection(reason)],
    ['beforeExit', () => hooks.beforeExit()],
  ] as const;
  for (const [event, listener] of listeners) process.on(event, listener);
  return () => {
    for (const [event, listener] of listeners) process.off(event, listener);
  };
}
