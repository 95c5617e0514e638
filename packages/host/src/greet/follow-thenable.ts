import { types } from 'node:util';

// Captured when the host is loaded: plugin code may replace the global
// Promise or its `then`.
const SafePromise = Promise;
const { apply } = Reflect;
const promiseThen = Function.prototype.call.bind(Promise.prototype.then) as <T>(
  promise: Promise<T>,
  onFulfilled: (value: T) => void,
  onRejected: (reason: unknown) => void,
) => void;

/**
 * Awaits what plugin code returned, as `await` would, but follows a
 * thenable that is not a native promise itself, one step per turn of the
 * event loop: a thenable that resolves with another thenable, forever,
 * then keeps neither the microtask queue nor greeter busy, and the run's
 * timeout still fires. One that resolves with itself is a TypeError at
 * once, as a promise resolved with itself is. Steps stop after `until`
 * (epoch milliseconds), when the run has failed with its timeout.
 *
 * A native promise is awaited as it is: one that plugin code resolved with
 * such a thenable (an `async` function returning it) is followed inside V8,
 * where no JavaScript of greeter's runs.
 */
export function followThenable(value: unknown, until: number): Promise<unknown> {
  return new SafePromise((resolve, reject) => {
    const step = (current: unknown): void => {
      if (types.isPromise(current)) {
        promiseThen(current, resolve, reject);
        return;
      }
      let then: unknown;
      try {
        then = (typeof current === 'object' && current !== null) || typeof current === 'function' ? (current as { then?: unknown }).then : undefined;
      } catch (error) {
        reject(error);
        return;
      }
      if (typeof then !== 'function') {
        resolve(current);
        return;
      }
      let called = false;
      const once =
        <A>(settle: (argument: A) => void) =>
        (argument: A) => {
          if (called) return;
          called = true;
          settle(argument);
        };
      const onValue = once((next: unknown) => {
        if (next === current) reject(new TypeError('greet() returned a thenable that resolves with itself'));
        else setImmediate(() => Date.now() <= until && step(next));
      });
      try {
        apply(then, current, [onValue, once(reject)]);
      } catch (error) {
        once(reject)(error);
      }
    };
    step(value);
  });
}
