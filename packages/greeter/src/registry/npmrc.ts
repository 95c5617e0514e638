import path from 'node:path';
import { errorFrom } from '@greeter/core';
import { registryMessages } from '@greeter/core/messages';
import { npmDefaultPrefix, readTextFile } from '@greeter/host/internal';
import ini from 'ini';

/** Where the npm config chain is read from; every input explicit, so tests need no globals. */
export interface NpmrcOptions {
  /** The project root, whose `.npmrc` applies; undefined for a global install (npm skips it then). */
  projectRoot: string | undefined;
  env: Record<string, string | undefined>;
  home: string;
  /** Names of the environment variables that override the registry, highest first (they differ per manager). */
  registryEnv: readonly string[];
  /** Settings a manager reads from elsewhere that beat the npmrc files but not the environment (pnpm's YAML config), lowest first. */
  layers?: ReadonlyArray<{ source: string; settings: Record<string, string> }> | undefined;
}

/** The merged npm config: each key's value and the file (or variable) it came from. */
export interface NpmConfig {
  get(key: string): string | undefined;
  sourceOf(key: string): string | undefined;
}

/**
 * Reads the npmrc chain as npm does, without spawning npm: the global
 * `<prefix>/etc/npmrc`, the user config (`npm_config_userconfig` or
 * `~/.npmrc`), the project's `.npmrc`, the manager's own `layers`, then the
 * registry variables, each overriding the one before. `${VAR}` is replaced
 * from the environment.
 *
 * @throws GreeterError `GREETER_CONFIG_INVALID` naming a file that exists but cannot be read.
 */
export function readNpmConfig(options: NpmrcOptions): NpmConfig {
  const { env, home, projectRoot } = options;
  const prefix = envValue(env, 'npm_config_prefix') ?? npmDefaultPrefix(process);
  const files = [
    envValue(env, 'npm_config_globalconfig') ?? path.join(prefix, 'etc', 'npmrc'),
    envValue(env, 'npm_config_userconfig') ?? path.join(home, '.npmrc'),
    ...(projectRoot === undefined ? [] : [path.join(projectRoot, '.npmrc')]),
  ];
  const values = new Map<string, { value: string; source: string }>();
  for (const file of files) {
    for (const [key, value] of Object.entries(readNpmrc(file, env))) values.set(key, { value, source: file });
  }
  for (const { source, settings } of options.layers ?? []) {
    for (const [key, value] of Object.entries(settings)) values.set(key, { value, source });
  }
  for (const [name, value] of Object.entries(env)) {
    // Scoped registries set in the environment: npm_config_@acme:registry.
    const scoped = /^npm_config_(@[^:]+:registry)$/i.exec(name);
    if (scoped && value) values.set(scoped[1]!.toLowerCase(), { value, source: name });
  }
  for (const name of [...options.registryEnv].reverse()) {
    const value = envValue(env, name);
    if (value) values.set('registry', { value, source: name });
  }
  return { get: (key) => values.get(key)?.value, sourceOf: (key) => values.get(key)?.source };
}

function readNpmrc(file: string, env: Record<string, string | undefined>): Record<string, string> {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return {};
    throw errorFrom(registryMessages.npmrcUnreadable, { file, reason: (error as Error).message });
  }
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(ini.parse(text))) {
    if (typeof value === 'string') settings[expandEnv(key, env)] = expandEnv(value, env);
  }
  return settings;
}

/** `${VAR}` (and npm's optional `${VAR?}`) from the environment; unset is empty. */
export function expandEnv(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/(\\*)\$\{([^${}?]+)\??\}/g, (whole, slashes: string, name: string) =>
    slashes.length % 2 === 1 ? whole.slice(1) : `${slashes}${env[name] ?? ''}`,
  );
}

/** An npm_config_* variable, whatever its case, as npm reads them. */
export function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(env)) {
    if (key.toLowerCase() === wanted && value) return value;
  }
  return undefined;
}
