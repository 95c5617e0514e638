import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * The patches the process guard puts on `process`, `process.stdout`,
 * `node:fs` and `node:fs/promises`, and their undoing. What they do is
 * described in process-guard.ts; here is only how.
 */

type AnyFunction = (...args: unknown[]) => unknown;

/** What the guard decides for the calls the patches catch. */
export interface PatchHooks {
  /** `process.exit`, a signal to greeter's own process, `process.abort`: never returns. */
  exit(code: unknown): never;
  /** A queued microtask threw; `origin` is what {@link PatchHooks.origin} gave when it was queued. */
  microtaskThrew(error: unknown, origin: unknown): void;
  /** The run queueing a microtask, to charge its failure to. */
  origin(): unknown;
}

/** Everything the patches replaced, to put back. */
export interface Originals {
  /** The stdout stream, patched; undefined while nothing has asked for it (see {@link PatchOptions.owner}). */
  stdout: NodeJS.WriteStream | undefined;
  /** `process.stdout`'s own getter, while the guard's stands in its place. */
  stdoutGetter: PropertyDescriptor | undefined;
  /** The stderr stream, once anything asked for it after the patches (only with {@link PatchOptions.owner}). */
  stderr: NodeJS.WriteStream | undefined;
  stderrGetter: PropertyDescriptor | undefined;
  /** The stream's own members that were replaced (own properties or inherited ones). */
  stdoutMembers: Map<string, { own: boolean; value: unknown }>;
  /** The chunks greeter writes itself: the stream's `_write` passes these to stdout. */
  ours: WeakSet<Buffer>;
  exit: typeof process.exit;
  reallyExit: AnyFunction | undefined;
  kill: typeof process.kill;
  rawKill: AnyFunction | undefined;
  abort: typeof process.abort;
  queueMicrotask: typeof queueMicrotask;
  fs: Record<string, AnyFunction>;
  promises: Record<string, AnyFunction>;
}

// Writers to an fd; writers to an fd or a path; openers of a path.
const fdWriters = ['write', 'writeSync', 'writev', 'writevSync'];
const fileWriters = ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync'];
const openers = ['open', 'openSync'];
const fsPatched = [...fdWriters, ...fileWriters, ...openers, 'createWriteStream'];
const promiseWriters = ['writeFile', 'appendFile', 'open'];
const stdoutNames = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', `/proc/${process.pid}/fd/1`]);

/** How the process is patched. */
export interface PatchOptions {
  /**
   * The process's owner (the CLI, the isolated child), which has not bound
   * the stdout stream to anything yet (no console call) and writes its own
   * result straight to fd 1: the guard's getter creates and patches the
   * stream only when something asks for it (creating it costs a greeting a
   * few milliseconds), and notes the stderr stream when it is made, so that
   * {@link stderrDrained} can wait for it.
   */
  owner: boolean;
}

type ProcessWithInternals = NodeJS.Process & { reallyExit?: AnyFunction; _kill?: AnyFunction };

export function patchProcess(hooks: PatchHooks, options: PatchOptions): Originals {
  // process.stderr is reached only when a plugin writes: creating it costs a greeting that prints nothing there.
  const proc = process as ProcessWithInternals;
  const getter = Object.getOwnPropertyDescriptor(process, 'stdout');
  const originals: Originals = {
    stdout: undefined,
    stdoutGetter: undefined,
    stderr: undefined,
    stderrGetter: undefined,
    stdoutMembers: new Map(),
    ours: new WeakSet(),
    exit: process.exit,
    reallyExit: proc.reallyExit,
    kill: process.kill,
    rawKill: proc._kill,
    abort: process.abort,
    queueMicrotask: globalThis.queueMicrotask,
    fs: pick(fs, fsPatched),
    promises: pick(fs.promises, promiseWriters),
  };
  process.exit = hooks.exit as typeof process.exit;
  if (originals.reallyExit) proc.reallyExit = hooks.exit;
  if (options.owner && getter?.get && getter.configurable) {
    originals.stdoutGetter = getter;
    Object.defineProperty(process, 'stdout', { configurable: true, enumerable: getter.enumerable ?? true, get: () => openStdout(originals) });
  } else openStdout(originals);
  // Noted when made, so that what plugin code wrote there can be let out before the process ends.
  const stderrGetter = Object.getOwnPropertyDescriptor(process, 'stderr');
  if (options.owner && stderrGetter?.get && stderrGetter.configurable) {
    originals.stderrGetter = stderrGetter;
    Object.defineProperty(process, 'stderr', {
      configurable: true,
      enumerable: stderrGetter.enumerable ?? true,
      get: () => (originals.stderr ??= stderrGetter.get!.call(process) as NodeJS.WriteStream),
    });
  }
  // A signal to greeter's own process (or its group) is an exit too; others pass.
  const ownSignal = (pid: unknown) => {
    const target = Number(pid);
    return target === process.pid || target === 0 || target === -process.pid;
  };
  process.kill = ((pid: number, signal?: string | number) => {
    if (ownSignal(pid)) hooks.exit(signal);
    return originals.kill.call(process, pid, signal);
  }) as typeof process.kill;
  if (originals.rawKill) {
    const rawKill = originals.rawKill;
    proc._kill = (pid: unknown, signal: unknown) => (ownSignal(pid) ? hooks.exit(signal) : rawKill.call(process, pid, signal));
  }
  process.abort = (() => hooks.exit('abort')) as typeof process.abort;
  // A microtask loses its async context when it throws: charge it to the run that queued it.
  globalThis.queueMicrotask = (callback: () => void) => {
    const origin = hooks.origin();
    originals.queueMicrotask.call(globalThis, () => {
      try {
        callback();
      } catch (error) {
        hooks.microtaskThrew(error, origin);
      }
    });
  };
  patchFs(originals, stdoutIdentity());
  // ES modules that import { writeSync } from 'node:fs' (or 'node:fs/promises') see the patches too.
  syncBuiltinESMExports();
  return originals;
}

export function restoreProcess(originals: Originals): void {
  const proc = process as ProcessWithInternals;
  const stdout = originals.stdout as unknown as Record<string, unknown> | undefined;
  for (const [name, { own, value }] of originals.stdoutMembers) {
    if (own) stdout![name] = value;
    else delete stdout![name];
  }
  if (originals.stdoutGetter) Object.defineProperty(process, 'stdout', originals.stdoutGetter);
  if (originals.stderrGetter) Object.defineProperty(process, 'stderr', originals.stderrGetter);
  process.exit = originals.exit;
  if (originals.reallyExit) proc.reallyExit = originals.reallyExit;
  process.kill = originals.kill;
  if (originals.rawKill) proc._kill = originals.rawKill;
  process.abort = originals.abort;
  globalThis.queueMicrotask = originals.queueMicrotask;
  Object.assign(fs, originals.fs);
  Object.assign(fs.promises, originals.promises);
  syncBuiltinESMExports();
}

/**
 * Writes greeter's own result to the real stdout, past the patches; for the
 * process's owner, which writes nothing else there. Straight to fd 1 with
 * the real `fs.writeSync`: no stream need exist (none costs no start-up
 * time), and none that plugin code reached can hold the result back — a
 * corked, ended or destroyed stream, or one whose file writes Node bound to
 * the patched `fs.writeSync`. Only where fd 1 would block (a non-blocking
 * pipe that is full) does the rest go through the stream, uncorked, whose
 * `_write` lets only chunks marked as greeter's through.
 */
export function writeRealStdout(originals: Originals | undefined, text: string, done: (error?: Error | null) => void): void {
  let chunk = Buffer.from(text, 'utf8');
  const writeSync = (originals?.fs['writeSync'] ?? fs.writeSync) as (fd: number, data: Buffer) => number;
  try {
    while (chunk.length > 0) chunk = chunk.subarray(writeSync(1, chunk));
    done(null);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
      done(error as Error);
      return;
    }
  }
  const stdout = originals ? openStdout(originals) : process.stdout;
  // A failed write is reported to its callback; the stream's 'error' event must not crash the process.
  if (stdout.listenerCount('error') === 0) stdout.on('error', () => {});
  const member = (name: string) =>
    (originals?.stdoutMembers.get(name)?.value as AnyFunction | undefined) ?? (stdout as unknown as Record<string, AnyFunction>)[name]!;
  for (let corked = stdout.writableCorked; corked > 0; corked--) member('uncork').call(stdout);
  originals?.ours.add(chunk);
  member('write').call(stdout, chunk, done);
}

/**
 * Resolves once what was written to stderr has been handed to the OS, or
 * after `limitMs`: plugin output redirected there is not cut off by the
 * process ending, and a plugin that keeps writing cannot hold it open.
 */
export function stderrDrained(originals: Originals | undefined, limitMs: number): Promise<void> {
  const stderr = originals?.stderr;
  if (stderr === undefined || stderr.writableLength === 0 || stderr.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      stderr.write('', done);
    } catch {
      // Plugin code replaced or broke the stream's write: nothing more can be let out.
      done();
    }
  });
}

// The stdout stream, created (through Node's own getter) and patched the first time it is asked for.
function openStdout(originals: Originals): NodeJS.WriteStream {
  if (originals.stdout === undefined) {
    originals.stdout = (originals.stdoutGetter ? originals.stdoutGetter.get!.call(process) : process.stdout) as NodeJS.WriteStream;
    patchStdout(originals);
  }
  return originals.stdout;
}

/**
 * `node:fs` and `node:fs/promises`: fd 1 becomes fd 2, and a path to stdout
 * becomes fd 2 where a call takes an fd; an opener of such a path opens
 * /dev/stderr instead (/dev/null where stderr is a socket, which cannot be
 * opened by path).
 */
function patchFs(originals: Originals, isStdout: (target: unknown) => boolean): void {
  const target = fs as unknown as Record<string, AnyFunction>;
  const promises = fs.promises as unknown as Record<string, AnyFunction>;
  const replaceFirst = (original: AnyFunction, swap: (first: unknown) => unknown) =>
    function (this: unknown, first: unknown, ...rest: unknown[]) {
      return original.call(this, swap(first), ...rest);
    };
  const stderrPath = () => {
    try {
      return fs.fstatSync(2).isSocket() ? '/dev/null' : '/dev/stderr';
    } catch {
      return '/dev/null';
    }
  };
  for (const name of fdWriters) target[name] = replaceFirst(originals.fs[name]!, (fd) => (fd === 1 ? 2 : fd));
  for (const name of fileWriters) target[name] = replaceFirst(originals.fs[name]!, (file) => (file === 1 || isStdout(file) ? 2 : file));
  for (const name of openers) target[name] = replaceFirst(originals.fs[name]!, (file) => (isStdout(file) ? stderrPath() : file));
  const createWriteStream = originals.fs.createWriteStream!;
  target.createWriteStream = function (this: unknown, file: unknown, options: unknown) {
    const settings = (typeof options === 'string' ? { encoding: options } : (options ?? {})) as { fd?: unknown };
    if (settings.fd !== 1 && !(settings.fd === undefined && isStdout(file))) return createWriteStream.call(this, file, options);
    return createWriteStream.call(this, null, { ...settings, fd: 2, autoClose: false });
  };
  // The promise forms take no fd: a path to stdout goes through the callback forms, to fd 2.
  for (const name of ['writeFile', 'appendFile']) {
    const original = originals.promises[name]!;
    const viaFd = originals.fs[name]!;
    promises[name] = function (this: unknown, file: unknown, ...rest: unknown[]) {
      if (!isStdout(file)) return original.call(this, file, ...rest);
      return new Promise((resolve, reject) => viaFd.call(fs, 2, ...rest, (error: unknown) => (error ? reject(error) : resolve(undefined))));
    };
  }
  promises.open = replaceFirst(originals.promises.open!, (file) => (isStdout(file) ? stderrPath() : file));
}

/**
 * Every way to write to the stdout stream goes to stderr instead: `write`,
 * and for code that calls the stream's internals, `_write` and `_writev`.
 * `end` writes without ending, and `cork`, `uncork` and `destroy` do
 * nothing, so plugin code cannot close or hold back greeter's result.
 */
function patchStdout(originals: Originals): void {
  const stdout = originals.stdout! as unknown as Record<string, AnyFunction>;
  const stderr = () => process.stderr as unknown as { write: AnyFunction };
  const replace = (name: string, value: AnyFunction) => {
    originals.stdoutMembers.set(name, { own: Object.hasOwn(stdout, name), value: stdout[name] });
    stdout[name] = value;
  };
  const ownWrite = stdout._write!;
  const ownWritev = stdout._writev;
  replace('write', (...args: unknown[]) => stderr().write(...args));
  replace('_write', function (this: unknown, chunk: unknown, encoding: unknown, callback: unknown) {
    if (originals.ours.has(chunk as Buffer)) return ownWrite.call(this, chunk, encoding, callback);
    return stderr().write(chunk, encoding, callback);
  });
  if (ownWritev) {
    replace('_writev', function (this: unknown, ...args: unknown[]) {
      const [chunks, callback] = args as [Array<{ chunk: unknown; encoding: unknown }>, () => void];
      // Greeter's own chunks may be queued behind a plugin's: each goes where it belongs.
      const mine = chunks.filter(({ chunk }) => originals.ours.has(chunk as Buffer));
      for (const { chunk, encoding } of chunks) if (!originals.ours.has(chunk as Buffer)) stderr().write(chunk, encoding);
      if (mine.length > 0) return ownWritev.call(this, mine, callback);
      callback();
    });
  }
  replace('end', (...args: unknown[]) => {
    const callback = args.findLast((arg) => typeof arg === 'function') as (() => void) | undefined;
    const data = args.filter((arg) => typeof arg !== 'function');
    if (data[0] !== undefined && data[0] !== null) stderr().write(...data);
    if (callback) process.nextTick(callback);
    return stdout;
  });
  for (const name of ['cork', 'uncork', 'destroy']) replace(name, () => stdout);
}

/**
 * Whether a path names the stdout file: by name (`/dev/stdout` and its
 * aliases), or by identity (the same device and inode as fd 1, say a link to
 * it or the file stdout is redirected to). Paths may be strings, Buffers or
 * `file:` URLs, as `node:fs` takes them.
 */
function stdoutIdentity(): (target: unknown) => boolean {
  let identity: fs.Stats | undefined;
  try {
    const stats = fs.fstatSync(1);
    // A terminal or /dev/null is not a result a reader takes apart: only files, pipes and sockets are matched.
    if (stats.isFile() || stats.isFIFO() || stats.isSocket()) identity = stats;
  } catch {
    // No fd 1: nothing to protect by identity.
  }
  return (target) => {
    const file = pathOf(target);
    if (file === undefined) return false;
    if (stdoutNames.has(file)) return true;
    if (identity === undefined) return false;
    const stats = fs.statSync(file, { throwIfNoEntry: false });
    return stats !== undefined && stats.dev === identity.dev && stats.ino === identity.ino;
  };
}

function pathOf(target: unknown): string | undefined {
  try {
    if (typeof target === 'string') return target;
    if (Buffer.isBuffer(target)) return target.toString('utf8');
    if (target instanceof URL) return target.protocol === 'file:' ? fileURLToPath(target) : undefined;
  } catch {
    // Not a path fs could open either.
  }
  return undefined;
}

function pick(source: object, names: string[]): Record<string, AnyFunction> {
  return Object.fromEntries(names.map((name) => [name, (source as Record<string, AnyFunction>)[name]!]));
}
