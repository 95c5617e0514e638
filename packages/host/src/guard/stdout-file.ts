import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// Captured when the host is loaded, before any plugin code could replace them.
const { fstatSync, statSync } = fs;

/** What fd 1 is: a file, pipe, socket or terminal, by device and inode. */
interface Identity {
  dev: number;
  ino: number;
  rdev: number;
}

/** What fd 1 was when described, and how the guard recognises it in what plugin code passes to `node:fs`. */
export interface StdoutFile {
  /** Undefined when fd 1 was closed. */
  identity: Identity | undefined;
  /**
   * Whether a path names stdout: by name (`/dev/stdout` and its aliases), or
   * by identity (a link to it, or the file or pipe stdout is redirected to).
   * Paths may be strings, Buffers or `file:` URLs, as `node:fs` takes them.
   */
  isPath(target: unknown): boolean;
  /** The path that opens stderr in stdout's place: /dev/null where stderr is a socket, which cannot be opened by path. */
  stderrPath(): string;
}

/** Whether fd 1 is still what `stdout` described: plugin code may have closed it and opened another file in its place. */
export function isSameStdout(stdout: StdoutFile): boolean {
  const { identity } = stdout;
  const now = fstatOrUndefined(1);
  if (now === undefined || identity === undefined) return now === identity;
  return now.dev === identity.dev && now.ino === identity.ino && now.rdev === identity.rdev;
}

/** Describes fd 1 as it is now. */
export function describeStdout(): StdoutFile {
  const names = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', `/proc/${process.pid}/fd/1`]);
  const stats = fstatOrUndefined(1);
  // A terminal or /dev/null is not a result a reader takes apart: only files, pipes and sockets are matched by identity.
  const matched = stats?.isFile() || stats?.isFIFO() || stats?.isSocket() ? stats : undefined;
  return {
    identity: stats && { dev: stats.dev, ino: stats.ino, rdev: stats.rdev },
    isPath(target) {
      const file = pathOf(target);
      if (file === undefined) return false;
      if (names.has(file)) return true;
      if (matched === undefined) return false;
      const found = statSync(file, { throwIfNoEntry: false });
      return found !== undefined && found.dev === matched.dev && found.ino === matched.ino;
    },
    stderrPath() {
      return fstatOrUndefined(2)?.isSocket() === false ? '/dev/stderr' : '/dev/null';
    },
  };
}

function fstatOrUndefined(fd: number): fs.Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
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
