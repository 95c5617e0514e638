import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { isPlainObject } from '../_fs.js';
import type { PluginPackageJson } from '../types.js';

// The conditions of a dynamic import() in Node, plus "require" last: the file
// is imported by URL, which also runs a CommonJS-only entry.
const conditions = new Set(['node', 'import', 'module-sync', 'default', 'require']);

/**
 * The file a plugin's package.json names as its main entry (`exports["."]`,
 * else `main`, else `index.js`), as an absolute path; undefined when it names
 * none or the file is missing. Whether it stays inside the package is the
 * caller's check.
 */
export function resolveEntry(packageDir: string, packageJson: PluginPackageJson): string | undefined {
  if (packageJson.exports !== undefined && packageJson.exports !== null) {
    const target = exportTarget(rootExport(packageJson.exports));
    return target === undefined ? undefined : existingFile(path.resolve(packageDir, target));
  }
  const main = typeof packageJson.main === 'string' && packageJson.main !== '' ? packageJson.main : 'index.js';
  const base = path.resolve(packageDir, main);
  return [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`, path.join(base, 'index.js')].map(existingFile).find((file) => file !== undefined);
}

function rootExport(exports: unknown): unknown {
  if (isPlainObject(exports) && Object.keys(exports).some((key) => key.startsWith('.'))) return exports['.'];
  return exports;
}

function exportTarget(target: unknown): string | undefined {
  if (typeof target === 'string') return target.startsWith('./') ? target : undefined;
  if (Array.isArray(target)) {
    for (const item of target) {
      const resolved = exportTarget(item);
      if (resolved !== undefined) return resolved;
    }
    return undefined;
  }
  if (isPlainObject(target)) {
    for (const [condition, value] of Object.entries(target)) {
      if (conditions.has(condition)) {
        const resolved = exportTarget(value);
        if (resolved !== undefined) return resolved;
      }
    }
  }
  return undefined;
}

function existingFile(file: string): string | undefined {
  try {
    return existsSync(file) && statSync(file).isFile() ? file : undefined;
  } catch {
    // A file we cannot stat cannot be imported either.
    return undefined;
  }
}
