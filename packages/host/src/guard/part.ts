import type { StdoutFile } from './stdout-file.js';

/**
 * What a part of the process guard is: one module per patched target
 * (`process.exit`, `node:fs` writers, the stdout stream, …) that installs
 * its replacements and returns what undoes them. The guard installs the
 * parts in a list and disposes of them in reverse, so that the process is
 * restored by construction, not by a hand-kept list of originals.
 */
export type Part = (context: GuardContext) => Dispose;

/** Puts back what a part replaced, exactly as it was. */
export type Dispose = () => void;

/** What the guard decides for the calls its parts catch. */
export interface GuardHooks {
  /** `process.exit`, `process.abort`, a signal to greeter's own process: fails the run, never returns. */
  exit(code: unknown): never;
  /** A queued microtask threw; `origin` is what {@link GuardHooks.origin} gave when it was queued. */
  microtaskThrew(error: unknown, origin: unknown): void;
  /** The run queueing a callback now, to charge its failure to. */
  origin(): unknown;
  /** An exception no code caught (`uncaughtException`). */
  uncaught(error: unknown): void;
  /** A rejection no code handled (`unhandledRejection`). */
  unhandledRejection(reason: unknown): void;
  /** The event loop emptied (`beforeExit`): runs still waiting can never finish. */
  beforeExit(): void;
}

/** The streams greeter writes its own output through, shared by the stream parts and the result's writer. */
export interface GuardStreams {
  /** The stdout stream, made and patched on first use (the stdout part sets this). */
  open?: (() => NodeJS.WriteStream) | undefined;
  /** The stream's own `write` and `uncork`, past the stdout part's replacements. */
  own: Map<string, (...args: unknown[]) => unknown>;
  /** The chunks greeter writes itself: the stream's `_write` passes only these to stdout. */
  ours: WeakSet<object>;
  /** The stderr stream, once anything made it (the stderr part notes it). */
  stderr?: NodeJS.WriteStream | undefined;
}

/** Everything a part is given. */
export interface GuardContext {
  hooks: GuardHooks;
  /**
   * The process is owned by the caller (the CLI, the isolated child), which
   * has not bound the stdout stream to anything yet and writes its own
   * result straight to fd 1: streams are made and patched only when asked for.
   */
  owner: boolean;
  /** What fd 1 was when the guard was installed. */
  stdout: StdoutFile;
  streams: GuardStreams;
}

/**
 * Replaces `target[name]` with what `make` builds from the current value, as
 * an assignment would (an inherited member becomes an own property). The
 * returned function puts the exact descriptor back, or deletes the own
 * property where the member was inherited or absent.
 */
export function replaceMember<T>(target: object, name: string, make: (original: T) => T): Dispose {
  const own = Object.getOwnPropertyDescriptor(target, name);
  const original = (target as Record<string, T>)[name]!;
  const value = make(original);
  // Assigned where that keeps the descriptor (the usual case, and cheaper than defining it).
  if (own?.writable && own.enumerable && own.configurable) (target as Record<string, T>)[name] = value;
  else Object.defineProperty(target, name, own && 'value' in own ? { ...own, value } : { value, writable: true, enumerable: true, configurable: true });
  return restoring(target, name, own);
}

/** Defines `target[name]` with `descriptor`; the returned function puts back what was there. */
export function replaceProperty(target: object, name: string, descriptor: PropertyDescriptor): Dispose {
  const own = Object.getOwnPropertyDescriptor(target, name);
  Object.defineProperty(target, name, descriptor);
  return restoring(target, name, own);
}

function restoring(target: object, name: string, own: PropertyDescriptor | undefined): Dispose {
  return () => {
    if (own) Object.defineProperty(target, name, own);
    else delete (target as Record<string, unknown>)[name];
  };
}

/** Installs `parts` in order; the returned function disposes of them in reverse. */
export function installParts(parts: readonly Part[], context: GuardContext): Dispose {
  const disposers: Dispose[] = [];
  for (let index = 0; index < parts.length; index++) disposers[index] = parts[index]!(context);
  return inReverse(disposers);
}

/** Runs `disposers` last first (a list that may still grow: a part that patches on first use adds to it). */
export function inReverse(disposers: readonly Dispose[]): Dispose {
  return () => {
    for (let index = disposers.length - 1; index >= 0; index--) disposers[index]!();
  };
}
