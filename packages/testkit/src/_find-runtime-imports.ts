import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { scanImports } from './_scan-imports.js';

/** A run-time import of a package, where it was found. */
export interface ImportSite {
  /** The file, relative to the package folder. */
  file: string;
  line: number;
  specifier: string;
}

// A built plugin is a handful of files; this only bounds a pathological one.
const maxFiles = 200;
const scripts = new Set(['.js', '.mjs', '.cjs']);

/**
 * Where the entry file, and the relative modules it loads (transitively,
 * inside the package), import a module that `matches` at run time.
 */
export function findRuntimeImports(entry: string, packageDir: string, matches: (specifier: string) => boolean): ImportSite[] {
  const sites: ImportSite[] = [];
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0 && seen.size <= maxFiles) {
    const file = queue.shift()!;
    for (const { specifier, line } of scanImports(readFileSync(file, 'utf8'))) {
      if (matches(specifier)) sites.push({ file: path.relative(packageDir, file), line, specifier });
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) continue;
      const target = resolveRelative(path.dirname(file), specifier);
      if (target === undefined || seen.has(target) || !isInside(target, packageDir)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return sites;
}

/** True for `@greeter/core` and its subpaths. */
export function isCoreSpecifier(specifier: string): boolean {
  return specifier === '@greeter/core' || specifier.startsWith('@greeter/core/');
}

// ESM names the file; CommonJS may leave out the extension or name a folder.
function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(from, specifier.split(/[?#]/)[0]!);
  for (const file of [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`, path.join(base, 'index.js')]) {
    if (scripts.has(path.extname(file)) && existsSync(file) && statSync(file).isFile()) return realpathSync(file);
  }
  return undefined;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
