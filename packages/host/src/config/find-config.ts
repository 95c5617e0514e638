import { readdirSync } from 'node:fs';
import path from 'node:path';
import { GreeterError, displayName } from '@greeter/core';
import { ancestors, isPlainObject, readJsonFile } from '../_fs.js';
import { validateConfig, type GreeterConfig } from './validate-config.js';

/** A config that was found and validated, and the file it came from. */
export interface LoadedConfig {
  config: GreeterConfig;
  filepath: string;
}

/** The places searched in each folder, in order; the first that exists wins. */
export const configSearchPlaces = [
  'package.json',
  '.greeterrc',
  '.greeterrc.json',
  '.greeterrc.yaml',
  '.greeterrc.yml',
  '.greeterrc.js',
  '.greeterrc.cjs',
  '.greeterrc.mjs',
  '.greeterrc.ts',
  'greeter.config.js',
  'greeter.config.cjs',
  'greeter.config.mjs',
  'greeter.config.ts',
] as const;

/**
 * Searches from `cwd` upward for a greeter config and loads the first found.
 * Nothing found is not an error: it returns null.
 *
 * Each folder's listing is read once, and cosmiconfig (with its YAML and
 * module loaders) is imported only when a config file is really there.
 *
 * @throws GreeterError `GREETER_CONFIG_INVALID` naming the file and key.
 */
export async function findConfig(cwd: string): Promise<LoadedConfig | null> {
  for (const folder of ancestors(cwd)) {
    // A package.json without a "greeter" key gives way to the next place.
    for (const filepath of configFilesIn(folder)) {
      const loaded = await loadConfigFile(filepath, { optional: true });
      if (loaded) return loaded;
    }
  }
  return null;
}

function configFilesIn(folder: string): string[] {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(folder));
  } catch {
    // An unreadable folder holds no config we could use; keep searching upward.
    return [];
  }
  return configSearchPlaces.filter((place) => names.has(place)).map((place) => path.join(folder, place));
}

/**
 * Loads one config file (for `--config`, or a file found by {@link findConfig}).
 * A package.json without a `greeter` key yields null when `optional` is set.
 *
 * @throws GreeterError `GREETER_CONFIG_INVALID`
 */
export async function loadConfigFile(
  filepath: string,
  { optional = false }: { optional?: boolean } = {},
): Promise<LoadedConfig | null> {
  const raw =
    path.basename(filepath) === 'package.json'
      ? readPackageJsonConfig(filepath)
      : await readWithCosmiconfig(filepath);
  if (raw === undefined) {
    if (optional) return null;
    throw configError(filepath, 'has no "greeter" key');
  }
  const result = validateConfig(raw ?? {});
  if (!result.ok) {
    throw new GreeterError(
      'GREETER_CONFIG_INVALID',
      `The greeter config ${filepath} is invalid: ${result.problems.join('; ')}.`,
    );
  }
  return { config: result.config, filepath };
}

// package.json is read directly: it is in every project, and parsing it needs
// no loader library.
function readPackageJsonConfig(filepath: string): unknown {
  let packageJson: unknown;
  try {
    packageJson = readJsonFile(filepath);
  } catch (error) {
    throw configError(filepath, 'could not be read or parsed', error);
  }
  if (!isPlainObject(packageJson) || !Object.hasOwn(packageJson, 'greeter')) return undefined;
  return packageJson['greeter'] ?? null;
}

async function readWithCosmiconfig(filepath: string): Promise<unknown> {
  const [{ cosmiconfig }, { loadTsConfig }] = await Promise.all([
    import('cosmiconfig'),
    import('./_load-ts-config.js'),
  ]);
  const explorer = cosmiconfig('greeter', {
    searchStrategy: 'none',
    searchPlaces: [...configSearchPlaces],
    loaders: { '.ts': loadTsConfig },
    cache: false,
  });
  try {
    const result = await explorer.load(filepath);
    return result?.isEmpty ? null : result?.config;
  } catch (error) {
    throw configError(filepath, 'could not be loaded', error);
  }
}

function configError(filepath: string, what: string, cause?: unknown): GreeterError {
  const reason = cause instanceof Error ? `: ${firstLine(cause.message)}` : '';
  return new GreeterError('GREETER_CONFIG_INVALID', `The greeter config ${filepath} ${what}${reason}.`, {
    cause,
    hint: 'Fix the file, or point to another one with `--config <file>`.',
  });
}

function firstLine(text: string): string {
  return displayName(text.split('\n')[0] ?? '', 200).slice(1, -1);
}
