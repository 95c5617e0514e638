import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

// Captured when the host is loaded, before any plugin code could replace them.
const { fstatSync, statSync } = fs;

/** What fd 1 is: a file, pipe, socket or terminal, by device and inode. */
export interface Identity {
  dev: number;
  ino: number;
  rdev: number;
}

/** How the guard recognises stdout in what plugin code passes to `node:fs`. */
export interface StdoutFile {
  /**
   * Whether a path names stdout: by name (`/dev/stdout` and its aliases), or
   * by identity (a link to it, or the file or pipe stdout is redirected to).
   * Paths may be strings, Buffers or `file:` URLs, as `node:fs` takes them.
   */
  isPath(target: unknown): boolean;
  /** The path that opens stderr in stdout's place: /dev/null where stderr is a socket, which cannot be opened by path. */
  stderrPath(): string;
}

/** What fd 1 is now; undefined when it is closed. */
export function identityOfStdout(): Identity | undefined {
  try {
    const { dev, ino, rdev } = fstatSync(1);
    return { dev, ino, rdev };
  } catch {
    return undefined;
  }
}

/** Whether fd 1 is still what it was: plugin code may have closed it and opened another file in its place. */
export function isSameStdout(identity: Identity | undefined): boolean {
  const now = identityOfStdout();
  if (now === undefined || identity === undefined) return now === identity;
  return now.dev === identity.dev && now.ino === identity.ino && now.rdev === identity.rdev;
}

/** Describes fd 1 as it is now, for the parts that redirect writes to it. */
export function describeStdout(): StdoutFile {
  const names = new Set(['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', `/proc/${process.pid}/fd/1`]);
  let identity: fs.Stats | undefined;
  try {
    const stats = fstatSync(1);
    // A terminal or /dev/null is not a result a reader takes apart: only files, pipes and sockets are matched.
    if (stats.isFile() || stats.isFIFO() || stats.isSocket()) identity = stats;
  } catch {
    // No fd 1: nothing to protect by identity.
  }
  return {
    isPath(target) {
      const file = pathOf(target);
      if (file === undefined) return false;
      if (names.has(file)) return true;
      if (identity === undefined) return false;
      const stats = statSync(file, { throwIfNoEntry: false });
      return stats !== undefined && stats.dev === identity.dev && stats.ino === identity.ino;
    },
    stderrPath() {
      try {
        return fstatSync(2).isSocket() ? '/dev/null' : '/dev/stderr';
      } catch {
        return '/dev/null';
      }
    },
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
