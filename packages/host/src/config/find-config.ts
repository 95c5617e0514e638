// Sync reads: a config is one small file, and node:fs/promises costs a greeting its load.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { displayText, errorFrom, isGreeterError } from '@greeter/core';
import { configMessages } from '@greeter/core/messages';
import { ancestors, isFsError, isPlainObject, readJsonFile, readTextFile } from '../_fs.js';
import { parseJson } from './parse-json.js';
import { validateConfig, type GreeterConfig } from './validate-config.js';

/** A config that was found and validated, and the file it came from. */
export interface LoadedConfig {
  config: GreeterConfig;
  filepath: string;
}

/** How configs are found and loaded. */
export interface ConfigOptions {
  /** Milliseconds a config module may take to load. Default: 5000. */
  timeoutMs?: number | undefined;
  /** Told about what was passed over, e.g. an unparsable package.json. */
  onWarning?: ((message: string) => void) | undefined;
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
 * Nothing found is not an error: it returns null. A package.json that cannot
 * be parsed, in a folder looked at only for a `greeter` key, is passed over
 * with a warning.
 *
 * Each folder's listing is read once, and a loader (cosmiconfig's for YAML,
 * jiti for TypeScript) is imported only when such a config file is there.
 *
 * @throws GreeterError `GREETER_CONFIG_INVALID` naming the file and key.
 */
export async function findConfig(cwd: string, options: ConfigOptions = {}): Promise<LoadedConfig | null> {
  for (const folder of ancestors(cwd)) {
    for (const filepath of configFilesIn(folder)) {
      const loaded = await loadConfigFile(filepath, { ...options, optional: true });
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
export async function loadConfigFile(filepath: string, options: ConfigOptions & { optional?: boolean } = {}): Promise<LoadedConfig | null> {
  const raw = path.basename(filepath) === 'package.json' ? readPackageJsonConfig(filepath, options) : await loadByExtension(filepath, options);
  if (raw === undefined) {
    if (options.optional) return null;
    throw errorFrom(configMessages.noGreeterKey, { filepath });
  }
  const result = validateConfig(raw ?? {});
  if (!result.ok) throw errorFrom(configMessages.invalid, { filepath, problems: result.problems });
  return { config: result.config, filepath };
}

// package.json is read directly: it is in every project, and parsing it needs
// no loader library.
function readPackageJsonConfig(filepath: string, options: ConfigOptions & { optional?: boolean }): unknown {
  let packageJson: unknown;
  try {
    packageJson = readJsonFile(filepath);
  } catch (error) {
    // Found while searching, it only might have held a config: pass it over.
    if (options.optional && !isFsError(error)) {
      options.onWarning?.(`Skipped ${filepath} while looking for a greeter config: ${parserReason(error)}.`);
      return undefined;
    }
    throw errorFrom(configMessages.packageJsonUnreadable, { filepath, reason: parserReason(error) }, { cause: error });
  }
  if (!isPlainObject(packageJson) || !Object.hasOwn(packageJson, 'greeter')) return undefined;
  return packageJson['greeter'] ?? null;
}

// Each file by its extension: JSON with greeter's parser (byte-order mark,
// line and column), YAML with cosmiconfig's loader, modules in the guard.
// Only cosmiconfig's loaders are used, not its explorer: the explorer also
// reads a meta config from the process's own folder (whatever --cwd says) and
// follows `$import` keys to other files, neither of which greeter's config has.
async function loadByExtension(filepath: string, options: ConfigOptions): Promise<unknown> {
  const extension = path.extname(filepath);
  let content: string;
  try {
    // Read first for every kind, modules too: a FIFO or a device is refused here, before a loader could wait on it.
    content = readTextFile(filepath);
  } catch (error) {
    throw errorFrom(configMessages.unreadable, { filepath, reason: parserReason(error) }, { cause: error });
  }
  try {
    if (extension === '.json') return parseJson(content);
    let value: unknown;
    if (extension === '' || extension === '.yaml' || extension === '.yml') {
      const { defaultLoaders } = await import('cosmiconfig');
      value = await defaultLoaders['.yaml'](filepath, content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
    } else {
      const { createModuleLoader } = await import('./load-config-module.js');
      value = await createModuleLoader(options.timeoutMs ?? 5000)(filepath);
    }
    // An empty file is an empty config (undefined would mean "no greeter key").
    return value ?? null;
  } catch (error) {
    // A config module's failure was classified inside the guard.
    if (isGreeterError(error)) throw error;
    throw errorFrom(configMessages.unloadable, { filepath, reason: parserReason(error) }, { cause: error });
  }
}

/**
 * The parser's own reason, with the line and column where it stopped:
 * js-yaml's `reason` and `mark`, JSON's message (whose position becomes a
 * line and column), or the first line of any other error.
 */
export function parserReason(error: unknown): string {
  if (!(error instanceof Error)) return displayText(String(error), 200);
  const yaml = error as Error & { reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  if (typeof yaml.reason === 'string' && typeof yaml.mark?.line === 'number' && typeof yaml.mark.column === 'number') {
    return displayText(`${yaml.reason} (line ${yaml.mark.line + 1}, column ${yaml.mark.column + 1})`, 200);
  }
  // Cosmiconfig puts "YAML Error in <file>:" above the parser's own message.
  const lines = error.message.split('\n').map((line) => line.trim());
  const message = lines.find((line, index) => line !== '' && !(index === 0 && /^(JSON|YAML) Error in /.test(line))) ?? error.message;
  return displayText(message, 200);
}
