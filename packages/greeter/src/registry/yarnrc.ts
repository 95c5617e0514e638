import path from 'node:path';
import { errorFrom } from '@greeter/core';
import { registryMessages } from '@greeter/core/messages';
import { readTextFile } from '@greeter/host/internal';
import yaml from 'js-yaml';

/** The registry settings of Yarn 2+ for one package: its server and token, and where the server was set. */
export interface YarnRegistry {
  server: string | undefined;
  token: string | undefined;
  source: string | undefined;
  /** Whether the server is the scope's own (`npmScopes.<scope>.npmRegistryServer`). */
  scoped: boolean;
}

interface YarnSettings {
  npmRegistryServer?: unknown;
  npmAuthToken?: unknown;
  npmScopes?: unknown;
  npmRegistries?: unknown;
}

/**
 * Yarn 2+'s registry for a package, as Yarn reads it: `YARN_NPM_REGISTRY_SERVER`,
 * else the `.yarnrc.yml` files from the project up to the root (the nearest
 * wins), else `~/.yarnrc.yml`; `npmScopes.<scope>` for a scoped package.
 * Yarn reads no `.npmrc`.
 */
export function readYarnRegistry(
  projectRoot: string | undefined,
  packageName: string | undefined,
  env: Record<string, string | undefined>,
  home: string,
): YarnRegistry {
  const files = [
    path.join(home, '.yarnrc.yml'),
    ...(projectRoot === undefined
      ? []
      : ancestorsOf(projectRoot)
          .reverse()
          .map((folder) => path.join(folder, '.yarnrc.yml'))),
  ];
  const scope = packageName?.startsWith('@') ? packageName.slice(1, packageName.indexOf('/')) : undefined;
  const found: YarnRegistry = { server: undefined, token: undefined, source: undefined, scoped: false };
  const registries: Record<string, unknown> = {};
  for (const file of [...new Set(files)]) {
    const settings = readYarnrc(file, env);
    if (settings === undefined) continue;
    if (typeof settings.npmRegistryServer === 'string' && !found.scoped) Object.assign(found, { server: settings.npmRegistryServer, source: file });
    if (typeof settings.npmAuthToken === 'string') found.token = settings.npmAuthToken;
    const scoped = scope === undefined ? undefined : (objectOf(settings.npmScopes)[scope] as YarnSettings | undefined);
    if (typeof scoped?.npmRegistryServer === 'string') Object.assign(found, { server: scoped.npmRegistryServer, source: file, scoped: true });
    if (typeof scoped?.npmAuthToken === 'string') found.token = scoped.npmAuthToken;
    Object.assign(registries, objectOf(settings.npmRegistries));
  }
  if (env['YARN_NPM_REGISTRY_SERVER'] && !found.scoped) Object.assign(found, { server: env['YARN_NPM_REGISTRY_SERVER'], source: 'YARN_NPM_REGISTRY_SERVER' });
  if (env['YARN_NPM_AUTH_TOKEN']) found.token = env['YARN_NPM_AUTH_TOKEN'];
  if (found.server !== undefined) {
    // npmRegistries is keyed by the server, with or without its protocol.
    const bare = found.server.replace(/^https?:/, '').replace(/\/$/, '');
    for (const key of [found.server, bare, `${bare}/`]) {
      const token = (objectOf(registries[key]) as YarnSettings).npmAuthToken;
      if (typeof token === 'string') found.token = token;
    }
  }
  return found;
}

function readYarnrc(file: string, env: Record<string, string | undefined>): YarnSettings | undefined {
  let text: string;
  try {
    text = readTextFile(file);
  } catch {
    // A folder without a .yarnrc.yml (the usual case) sets nothing.
    return undefined;
  }
  try {
    return objectOf(yaml.load(expandYarnEnv(text, env)));
  } catch (error) {
    throw errorFrom(registryMessages.yarnrcUnparsable, { file, reason: (error as Error).message });
  }
}

// Yarn's ${NAME}, ${NAME:-fallback} and ${NAME-fallback}.
function expandYarnEnv(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}/g,
    (_whole, name: string, operator: string | undefined, fallback: string | undefined) => {
      const value = env[name];
      if (operator === ':-') return value ? value : (fallback ?? '');
      return value ?? fallback ?? '';
    },
  );
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function ancestorsOf(folder: string): string[] {
  const folders: string[] = [];
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    folders.push(current);
    if (path.dirname(current) === current) return folders;
  }
}
