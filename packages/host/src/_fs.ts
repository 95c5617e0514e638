import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parseJson } from './config/parse-json.js';

// Opening a FIFO to read waits for a writer; non-blocking, it does not.
const readFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
const zipEntry = /\.zip[/\\]/;

/**
 * The one way greeter reads a file it did not write (a package.json, a
 * config, `.modules.yaml`, a workspace file, a lockfile, an npmrc): as
 * UTF-8 text, and only a regular file. A FIFO, a device (`/dev/zero`) or a
 * socket is refused at once with an fs-style error (code `EFTYPE`, as BSD
 * names it), never read or waited on; so is a file larger than `maxBytes`
 * (code `EFBIG`). Throws the fs error as is otherwise.
 */
export function readTextFile(file: string, maxBytes = Number.POSITIVE_INFINITY): string {
  return readRegularFile(file, 'utf8', maxBytes);
}

/** {@link readTextFile}, as bytes. */
export function readFileBytes(file: string): Buffer {
  return readRegularFile(file, null, Number.POSITIVE_INFINITY);
}

function readRegularFile(file: string, encoding: 'utf8', maxBytes: number): string;
function readRegularFile(file: string, encoding: null, maxBytes: number): Buffer;
function readRegularFile(file: string, encoding: 'utf8' | null, maxBytes: number): string | Buffer {
  // Inside a Yarn Plug'n'Play zip archive, Yarn's fs serves the file from the archive, which holds
  // no FIFO or device, and takes no numeric open flags.
  if (zipEntry.test(file)) return readFileSync(file, encoding === null ? null : 'utf8');
  const fd = openSync(file, readFlags);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      throw Object.assign(new Error(`${file} is not a regular file: greeter never reads a FIFO, device or socket in its place`), {
        code: 'EFTYPE',
        path: file,
      });
    }
    if (stats.size > maxBytes) {
      throw Object.assign(new Error(`${file} holds ${stats.size} bytes, more than the ${maxBytes} greeter reads of it`), { code: 'EFBIG', path: file });
    }
    return readFileSync(fd, encoding === null ? null : 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and parses a JSON file (only a regular one: see
 * {@link readTextFile}); a UTF-8 byte-order mark (Windows editors write
 * one) is dropped first. Throws the fs error as is (`EFBIG` past
 * `maxBytes`), or a SyntaxError with
 * the parser's reason and the line and column.
 */
export function readJsonFile(file: string, maxBytes = Number.POSITIVE_INFINITY): unknown {
  return parseJson(readTextFile(file, maxBytes));
}

// The largest package.json read: a plugin's is a few KiB, and a huge one
// must break only that plugin, not list or doctor.
export const maxManifestBytes = 1024 * 1024;

/** Reads a package package.json, as {@link readJsonFile} does, failing with `EFBIG` past {@link maxManifestBytes}. */
export const readManifestFile = (file: string): unknown => readJsonFile(file, maxManifestBytes);

/**
 * `realpath`, or undefined when the path does not exist or cannot be read.
 * The native call resolves a path in one system call; the JavaScript one
 * lstat's every component (measured: 2.9 ms of `greeter list` with 50 plugins).
 */
export function realpathOrUndefined(target: string): string | undefined {
  try {
    return realpathSync.native(target);
  } catch (error) {
    if (isFsError(error)) return undefined;
    throw error;
  }
}

/**
 * True when `child` is `parent` or lies below it. Both must be absolute. A
 * child folder whose name merely starts with two dots (`..cache`) is inside.
 */
export function isInside(child: string, parent: string): boolean {
  // Plain paths (what realpath and path.resolve return) compare as strings:
  // path.relative normalises both, and a greeting makes hundreds of these checks.
  if (isPlainPath(child) && isPlainPath(parent)) {
    return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : `${parent}${path.sep}`);
  }
  const relative = path.relative(parent, child);
  if (relative === '') return true;
  if (path.isAbsolute(relative)) return false;
  return relative !== '..' && !relative.startsWith(`..${path.sep}`);
}

/**
 * `path.join(folder, name)` for a name of plain segments (a package name,
 * `package.json`, `node_modules`), without normalising again what is
 * already plain.
 */
export function childPath(folder: string, name: string): string {
  if (!isPlainPath(folder) || !plainRelative.test(name)) return path.join(folder, name);
  return folder.endsWith(path.sep) ? `${folder}${name}` : `${folder}${path.sep}${name}`;
}

// An absolute POSIX path with no empty, `.` or `..` segment and no trailing
// slash (but `/`): what path.normalize leaves as it is. Windows paths take
// the general route.
const plainAbsolute = /^\/(?:(?!\.\.?(?:\/|$))[^/]+(?:\/|$))*$/;
const plainRelative = /^(?!\.\.?(?:\/|$))[^/]+(?:\/(?!\.\.?(?:\/|$))[^/]+)*$/;

function isPlainPath(target: string): boolean {
  return path.sep === '/' && plainAbsolute.test(target) && (target === '/' || !target.endsWith('/'));
}

const ancestorCache = new Map<string, readonly string[]>();

/** The folder and each of its parents, nearest first: the one upward walk. */
export function ancestors(start: string): readonly string[] {
  const cached = ancestorCache.get(start);
  if (cached) return cached;
  const folders: string[] = [];
  let current = path.resolve(start);
  for (;;) {
    folders.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  ancestorCache.set(start, folders);
  return folders;
}

/** True for an error thrown by `fs` (it carries a string `code` such as ENOENT). */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** True when `value` is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
