import { displayName, isLanguageWord, isPackageName, tryParseLanguageRequest } from '@greeter/core';
import { isPlainObject } from '../_fs.js';

/** The greeter config, as written in `.greeterrc.json` and its siblings. */
export interface GreeterConfig {
  /** The language `greeter` greets in when none is given. Default: `english`. */
  default?: string;
  /** Plugins to load first: package names, short names, or paths relative to the config file. */
  plugins?: string[];
  /** Extra names for languages or packages, e.g. `{ "zh": "chinese" }`. */
  aliases?: Record<string, string>;
  /** Whether to search node_modules and global installs. Default: `true`. */
  autoDiscover?: boolean;
  /** Run plugins in a separate process under Node's permission model. Default: `false`. */
  isolate?: boolean;
}

/** One thing wrong with a config, prefixed by its key path. */
export type ConfigProblem = string;

/** The result of {@link validateConfig}: the typed config, or every problem found. */
export type ConfigValidation = { ok: true; config: GreeterConfig } | { ok: false; problems: ConfigProblem[] };

const knownKeys = new Set(['default', 'plugins', 'aliases', 'autoDiscover', 'isolate']);

/**
 * Checks a loaded config and returns every problem at once, each prefixed by
 * its key path (`plugins[1]: …`). Never throws, whatever the input.
 */
export function validateConfig(input: unknown): ConfigValidation {
  if (!isPlainObject(input)) {
    return { ok: false, problems: [`(root): must be an object, got ${describe(input)}`] };
  }
  const problems: ConfigProblem[] = [];
  const config: GreeterConfig = {};
  for (const key of Object.keys(input)) {
    if (!knownKeys.has(key)) problems.push(`${displayName(key, 40)}: unknown key`);
  }
  if (Object.hasOwn(input, 'default')) {
    const value = input['default'];
    if (isLanguageRequest(value)) config.default = value;
    else problems.push(`default: must be a language name such as "chinese", got ${describe(value)}`);
  }
  if (Object.hasOwn(input, 'plugins')) {
    const plugins = validatePlugins(input['plugins'], problems);
    if (plugins) config.plugins = plugins;
  }
  if (Object.hasOwn(input, 'aliases')) {
    const aliases = validateAliases(input['aliases'], problems);
    if (aliases) config.aliases = aliases;
  }
  for (const key of ['autoDiscover', 'isolate'] as const) {
    if (!Object.hasOwn(input, key)) continue;
    const value = input[key];
    if (typeof value === 'boolean') config[key] = value;
    else problems.push(`${key}: must be true or false, got ${describe(value)}`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

function validatePlugins(value: unknown, problems: ConfigProblem[]): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.push(`plugins: must be a list of package names or paths, got ${describe(value)}`);
    return undefined;
  }
  const before = problems.length;
  value.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string' || !isPluginReference(entry)) {
      problems.push(`plugins[${index}]: must be a package name or a path starting with ./, got ${describe(entry)}`);
    }
  });
  return problems.length === before ? (value as string[]) : undefined;
}

function validateAliases(value: unknown, problems: ConfigProblem[]): Record<string, string> | undefined {
  if (!isPlainObject(value)) {
    problems.push(`aliases: must be an object of name → language, got ${describe(value)}`);
    return undefined;
  }
  const before = problems.length;
  // A null-prototype copy: an alias named "__proto__" or "constructor" stays data.
  const aliases = Object.create(null) as Record<string, string>;
  for (const [alias, target] of Object.entries(value)) {
    const key = `aliases.${displayName(alias, 40)}`;
    if (!isLanguageWord(alias)) problems.push(`${key}: an alias must be a word of letters or digits`);
    if (!isLanguageRequest(target)) {
      problems.push(`${key}: must name a language or a plugin package, got ${describe(target)}`);
    } else aliases[alias.toLowerCase()] = target;
  }
  return problems.length === before ? aliases : undefined;
}

/** A config `plugins` entry: a relative or absolute path, or a package name. */
export function isPathReference(entry: string): boolean {
  return entry.startsWith('./') || entry.startsWith('../') || entry.startsWith('/') || entry === '.';
}

function isPluginReference(entry: string): boolean {
  if (isPathReference(entry)) return !entry.includes('\0');
  return isPackageName(entry) || tryParseLanguageRequest(entry) !== undefined;
}

function isLanguageRequest(value: unknown): value is string {
  return typeof value === 'string' && tryParseLanguageRequest(value) !== undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return displayName(value, 40);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
