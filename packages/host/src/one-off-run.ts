import path from 'node:path';
import { isPlainObject, readJsonFile } from './_fs.js';
import { installedBeside } from './layouts/layouts.js';

/** A run of greeter from a one-off install: `npx -p greeter -p …` or `pnpm dlx --package greeter --package …`. */
export interface OneOffRun {
  kind: 'npx' | 'pnpm-dlx';
  /** The packages the run installed (greeter and the plugins given with it). */
  packages: string[];
}

/**
 * The one-off run greeter's folder belongs to: npx's `_npx/<hash>` folder,
 * or a folder of pnpm's `dlx` cache, whose package.json lists what the run
 * installed. Undefined for any other install. Reads that package.json only.
 */
export function oneOffRunOf(packageDir: string): OneOffRun | undefined {
  const beside = installedBeside(packageDir);
  if (beside === undefined) return undefined;
  const root = path.dirname(beside);
  const posix = root.split(path.sep).join('/');
  const kind = /\/_npx\/[^/]+$/.test(posix) ? 'npx' : /\/dlx\/[^/]+\/[^/]+$/.test(posix) ? 'pnpm-dlx' : undefined;
  if (kind === undefined) return undefined;
  let dependencies: unknown;
  try {
    dependencies = (readJsonFile(path.join(root, 'package.json')) as { dependencies?: unknown } | undefined)?.dependencies;
  } catch {
    // No package.json: the run installed greeter at least.
  }
  const names = isPlainObject(dependencies) ? Object.keys(dependencies) : [];
  return { kind, packages: ['greeter', ...names.filter((name) => name !== 'greeter')] };
}

/**
 * The argv of the same one-off run with `packageName` added, greeting in
 * `language` when one is given: what a hint offers instead of an install
 * (`npx -p greeter -p greeter-plugin-klingon greeter klingon`).
 */
export function oneOffCommand(run: OneOffRun, packageName: string, language?: string): string[] {
  const packages = run.packages.includes(packageName) ? run.packages : [...run.packages, packageName];
  const greeter = ['greeter', ...(language === undefined ? [] : [language])];
  if (run.kind === 'npx') return ['npx', ...packages.flatMap((name) => ['-p', name]), ...greeter];
  return ['pnpm', 'dlx', ...packages.flatMap((name) => ['--package', name]), ...greeter];
}
