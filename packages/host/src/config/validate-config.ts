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
  /**
   * Run plugins that are not built in in a separate process under Node's
   * permission model. Default: `true`; `false` runs every plugin in-process.
   */
  isolate?: boolean;
  /** Plugin packages the user trusts: they run in-process even where others are isolated. */
  trust?: string[];
  /** What each isolated plugin is granted beyond the defaults, by package name. */
  permissions?: Record<string, PluginGrant>;
  /** Refuse to add or update to a version that carries no verified provenance attestation. Default: `false`. */
  requireProvenance?: boolean;
  /** A Sigstore trusted root (trusted_root.json) to verify provenance against, relative to the config file. Default: the public Sigstore root. */
  trustedRoot?: string;
}

/** What the user grants one isolated plugin (`"permissions": { "<package>": { … } }`). */
export interface PluginGrant {
  /** Network access: TCP, UDP, DNS, HTTP, `fetch`. */
  net?: boolean;
  /** Environment variables it may see, by name. */
  env?: string[];
}

/** One thing wrong with a config, prefixed by its key path. */
export type ConfigProblem = string;

/** The result of {@link validateConfig}: the typed config, or every problem found. */
export type ConfigValidation = { ok: true; config: GreeterConfig } | { ok: false; problems: ConfigProblem[] };

const knownKeys = new Set(['default', 'plugins', 'aliases', 'autoDiscover', 'isolate', 'trust', 'permissions', 'requireProvenance', 'trustedRoot']);

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
  if (Object.hasOwn(input, 'trust')) {
    const trust = validatePackageList('trust', input['trust'], problems);
    if (trust) config.trust = trust;
  }
  if (Object.hasOwn(input, 'permissions')) {
    const permissions = validatePermissions(input['permissions'], problems);
    if (permissions) config.permissions = permissions;
  }
  if (Object.hasOwn(input, 'trustedRoot')) {
    const value = input['trustedRoot'];
    if (typeof value === 'string' && value !== '' && !value.includes('\0')) config.trustedRoot = value;
    else problems.push(`trustedRoot: must be the path of a Sigstore trusted_root.json, got ${describe(value)}`);
  }
  for (const key of ['autoDiscover', 'isolate', 'requireProvenance'] as const) {
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

function validatePackageList(key: string, value: unknown, problems: ConfigProblem[]): string[] | undefined {
  if (!Array.isArray(value)) {
    problems.push(`${key}: must be a list of plugin package names, got ${describe(value)}`);
    return undefined;
  }
  const before = problems.length;
  value.forEach((entry: unknown, index) => {
    if (typeof entry !== 'string' || !isPackageName(entry)) problems.push(`${key}[${index}]: must be a package name, got ${describe(entry)}`);
  });
  return problems.length === before ? (value as string[]) : undefined;
}

// A variable name as a shell writes one: letters, digits and `_`, not starting with a digit.
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

function validatePermissions(value: unknown, problems: ConfigProblem[]): Record<string, PluginGrant> | undefined {
  if (!isPlainObject(value)) {
    problems.push(`permissions: must be an object of package name → { "net": true, "env": [...] }, got ${describe(value)}`);
    return undefined;
  }
  const before = problems.length;
  const permissions = Object.create(null) as Record<string, PluginGrant>;
  for (const [name, grant] of Object.entries(value)) {
    const key = `permissions.${displayName(name, 60)}`;
    if (!isPackageName(name)) problems.push(`${key}: must be keyed by a plugin package name`);
    if (!isPlainObject(grant)) {
      problems.push(`${key}: must be an object such as { "net": true, "env": ["API_KEY"] }, got ${describe(grant)}`);
      continue;
    }
    const checked: PluginGrant = {};
    for (const field of Object.keys(grant)) {
      if (field !== 'net' && field !== 'env') problems.push(`${key}.${displayName(field, 40)}: unknown key (a grant has "net" and "env")`);
    }
    if (Object.hasOwn(grant, 'net')) {
      if (typeof grant['net'] === 'boolean') checked.net = grant['net'];
      else problems.push(`${key}.net: must be true or false, got ${describe(grant['net'])}`);
    }
    if (Object.hasOwn(grant, 'env')) {
      const env = grant['env'];
      if (Array.isArray(env) && env.every((entry) => typeof entry === 'string' && variableName.test(entry))) checked.env = env as string[];
      else problems.push(`${key}.env: must be a list of environment variable names, got ${describe(env)}`);
    }
    permissions[name] = checked;
  }
  return problems.length === before ? permissions : undefined;
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
