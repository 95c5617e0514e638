import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * A bundle loaded as CommonJS with a V8 code cache. Node 20 has no compile
 * cache for CommonJS (module.enableCompileCache came with 22.1), and Node's
 * keeps only what compiling the file compiled, not the functions a run
 * compiles later: a greeting compiled about 15 M instructions more on Node
 * 24 with it than with this. `save` writes the cache of everything compiled
 * so far, once, when there was none.
 */
export interface CachedBundle {
  exports: unknown;
  /** Whether V8 took the code from the cache. */
  fromCache: boolean;
  save(): void;
}

// V8 code cached for a script drops the callback of its import()
// expressions on Node 20 ("A dynamic import callback was not specified"),
// and vm.Script takes one only as an experimental option there: the
// bundles call import() through this function, compiled without the cache.
// See scripts/bundle-cli.mjs.
const importModule = (specifier: string) => import(specifier);

const magic = 'greeter code cache 1\n';

/**
 * Loads `file` with the code cache kept in `folder` for this Node.js and
 * this state of the file (its stat data: a reinstall is a new cache), and
 * for `profile` (the command: each compiles other functions). The cache is
 * made at the second run (the first only leaves an empty file). A cache that
 * is missing, damaged or rejected by V8 only means compiling as usual.
 * Nothing is kept of a bundle changed less than 3 s before `startedAt`.
 */
export function loadCached(file: string, folder: string, profile: string, startedAt = Date.now()): CachedBundle {
  const stats = statSync(file);
  const source = readFileSync(file, 'utf8');
  const key = [process.version, process.arch, stats.dev, stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs].join(' ');
  const cacheFile = path.join(folder, `${path.basename(file)}.${profile}.${hashOf(key)}.bin`);
  const cached = readCache(cacheFile, key);
  const cachedData = cached === 'seen' ? undefined : cached;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __greeterImport) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const wrapper = { exports: {} };
  script.runInThisContext()(wrapper.exports, module.createRequire(file), wrapper, file, path.dirname(file), importModule);
  // Kept only for a bundle that settled before this run (see the discovery index's settleMs).
  const fromCache = cachedData !== undefined && script.cachedDataRejected === false;
  let saved = fromCache || Math.max(stats.mtimeMs, stats.ctimeMs) > startedAt - 3000;
  return {
    exports: wrapper.exports,
    fromCache,
    save() {
      if (saved) return;
      saved = true;
      // Made at a bundle's second run: serialising costs about 9 M instructions, which a first start after an install does not pay.
      writeCache(cacheFile, key, cached === undefined ? undefined : script.createCachedData());
    },
  };
}

// The file holds the key it was made for (a file name is a 32-bit hash of
// it), then the cache twice: it is used only when both copies agree, since
// V8 on Node 20 checks no checksum of cached code by default and stops the
// process on damaged data, and checking one (or loading zlib's CRC) costs
// more than comparing two copies.
function readCache(cacheFile: string, key: string): Buffer | 'seen' | undefined {
  let data: Buffer;
  try {
    // Asked first: a missing file is the first run's case, and an error thrown costs its stack.
    const stats = statSync(cacheFile, { throwIfNoEntry: false });
    // A regular file only: a FIFO or device put in its place is never waited on.
    if (stats === undefined || !stats.isFile()) return undefined;
    data = readFileSync(cacheFile);
  } catch {
    // Unreadable: compiled as usual.
    return undefined;
  }
  // An empty file: the bundle ran once. A file that is not a whole cache for this key: made again.
  const header = headerOf(key, 0);
  const start = header.length + 12;
  if (!data.subarray(0, header.length).equals(header)) return 'seen';
  const length = Number(data.subarray(header.length, start).toString('latin1'));
  if (!Number.isSafeInteger(length) || length <= 0 || data.length !== start + 2 * length) return 'seen';
  const first = data.subarray(start, start + length);
  return first.equals(data.subarray(start + length)) ? first : 'seen';
}

function headerOf(key: string, length: number): Buffer {
  return Buffer.from(`${magic}${key}\n${length === 0 ? '' : String(length).padStart(12, '0')}`, 'utf8');
}

function writeCache(cacheFile: string, key: string, cache: Buffer | undefined): void {
  const folder = path.dirname(cacheFile);
  const temporary = `${cacheFile}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, cache === undefined ? '' : Buffer.concat([headerOf(key, cache.length), cache, cache]), { mode: 0o600 });
    renameSync(temporary, cacheFile);
  } catch {
    // A cache folder that cannot be written only means compiling again next time.
    removeQuietly(temporary);
    return;
  }
  if (cache === undefined) return;
  // The caches of this bundle and command for other Node.js versions or earlier installs: of no more use.
  const prefix = path.basename(cacheFile).replace(/[^.]+\.bin$/, '');
  for (const name of readdirQuietly(folder)) {
    if (name.startsWith(prefix) && name.endsWith('.bin') && name !== path.basename(cacheFile)) removeQuietly(path.join(folder, name));
  }
}

function readdirQuietly(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    // Deleted meanwhile: nothing to tidy.
    return [];
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Never written, or its folder is gone: nothing to remove.
  }
}

// FNV-1a, 32 bits: names the cache file of one Node.js and one state of the bundle.
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
