import { type Dispose, replaceMember } from './part.js';

/** Any function of `node:fs`, as the parts replace it. */
export type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Replaces the function `target[name]`: a call for which `when` holds goes
 * to `instead` (given the original, bound to the call's `this`), any other
 * call to the original as it was.
 */
export function divert(
  target: object,
  name: string,
  when: (args: unknown[]) => boolean,
  instead: (args: unknown[], original: AnyFunction) => unknown,
): Dispose {
  return replaceMember<AnyFunction>(
    target,
    name,
    (original) =>
      function (this: unknown, ...args: unknown[]) {
        return when(args) ? instead(args, (...call) => original.apply(this, call)) : original.apply(this, args);
      },
  );
}

/** Replaces `target[name]` with a function that passes its first argument through `swap`. */
export function swapFirst(target: object, name: string, swap: (first: unknown) => unknown): Dispose {
  return divert(
    target,
    name,
    () => true,
    ([first, ...rest], original) => original(swap(first), ...rest),
  );
}

/** The callback among a call's arguments (the last function), if any. */
export function callbackOf(args: readonly unknown[]): ((error: Error | null) => void) | undefined {
  return args.findLast((arg) => typeof arg === 'function') as ((error: Error | null) => void) | undefined;
}

/** Calls the callback among `args` with no error, soon, as a call that did nothing would. */
export function doneLater(args: readonly unknown[]): void {
  const callback = callbackOf(args);
  if (callback) process.nextTick(callback, null);
}
