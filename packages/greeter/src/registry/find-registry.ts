import { errorFrom } from '@greeter/core';
import { registryChecks, registryMessages } from '@greeter/core/messages';
import type { PackageManager } from '@greeter/host';
import { readBunfigRegistry } from './bunfig.js';
import { readNpmConfig } from './npmrc.js';
import { readPnpmLayers } from './pnpm-config.js';
import { isInsideYarnClassicRun, readYarnClassicRegistry } from './yarn-classic.js';
import { readYarnRegistry } from './yarnrc.js';

/** The registry a package manager uses for a package, and how to reach it. */
export interface Registry {
  /** The registry's URL, ending in `/`. */
  url: string;
  /** The `authorization` header configured for it, if any. */
  authorization: string | undefined;
  /** The file or variable that set it (undefined: the default). */
  source: string | undefined;
  /** How the user sees or changes it, for hints: "`npm config get registry` shows it". */
  check: string;
}

/** What {@link findRegistry} reads. */
export interface FindRegistryOptions {
  manager: PackageManager;
  /** The project root; undefined for a global install. */
  projectRoot: string | undefined;
  /** The package to look up: a scope may have a registry of its own. */
  packageName?: string | undefined;
  env: Record<string, string | undefined>;
  home: string;
  /** The registry given with --registry, which beats every setting. */
  override?: string | undefined;
}

/** Where npm, pnpm, yarn and bun go when nothing is configured. */
const defaultRegistry = 'https://registry.npmjs.org/';

// The variables that override the registry of each npmrc reader, highest first
// (pnpm ignores npm_config_registry; yarn classic and bun read their own first).
const registryEnv: Record<Exclude<PackageManager['agent'], 'yarn@berry'>, string[]> = {
  npm: ['npm_config_registry'],
  pnpm: ['pnpm_config_registry'],
  yarn: ['YARN_REGISTRY', 'npm_config_registry'],
  bun: ['BUN_CONFIG_REGISTRY', 'npm_config_registry'],
};

/** The variables that name a registry for `manager`, as it reads them here (not those `yarn run` put there). */
function registryEnvOf(agent: Exclude<PackageManager['agent'], 'yarn@berry'>, env: Record<string, string | undefined>): string[] {
  if (agent === 'yarn' && isInsideYarnClassicRun(env)) return ['YARN_REGISTRY'];
  return registryEnv[agent];
}

/**
 * The registry the project's package manager would use for `packageName`,
 * read from its config files and environment without spawning it: the
 * npmrc chain for npm, pnpm, yarn classic and bun (`@scope:registry` for a
 * scoped package, `//host/path/:_authToken` for its token; pnpm's YAML
 * config over the project's `.npmrc`; yarn classic's `.yarnrc` under them);
 * `.yarnrc.yml` for Yarn 2+; bun's `bunfig.toml` over the npmrc files (its
 * scopes over every registry, its registry under the variables);
 * `--registry` over all. Default: the npm registry.
 */
export function findRegistry(options: FindRegistryOptions): Registry {
  const { manager, projectRoot, packageName, env, home } = options;
  if (options.override !== undefined) return overrideRegistry(options.override, options);
  const scope = packageName?.startsWith('@') ? packageName.slice(0, packageName.indexOf('/')) : undefined;
  if (manager.agent === 'yarn@berry') {
    const yarn = readYarnRegistry(projectRoot, packageName, env, home);
    const url = withSlash(yarn.server ?? defaultRegistry);
    return {
      url,
      authorization: yarn.token ? `Bearer ${yarn.token}` : undefined,
      source: yarn.source,
      check: registryChecks.shownBy(scope !== undefined && yarn.scoped ? 'yarn config get npmScopes' : 'yarn config get npmRegistryServer'),
    };
  }
  const layers = manager.agent === 'pnpm' ? readPnpmLayers(projectRoot, env, home) : undefined;
  const config = readNpmConfig({ projectRoot, env, home, registryEnv: registryEnvOf(manager.agent, env), layers });
  const key = scope !== undefined && config.get(`${scope}:registry`) !== undefined ? `${scope}:registry` : 'registry';
  if (manager.agent === 'bun') {
    const bunfig = readBunfigRegistry(projectRoot, packageName, env, home);
    const fromEnv = key === 'registry' && registryEnv.bun.includes(config.sourceOf(key) ?? '');
    if (bunfig && (bunfig.setting === 'install.scopes' || (key === 'registry' && !fromEnv))) {
      return { url: withSlash(bunfig.url), authorization: bunfig.authorization, source: bunfig.source, check: registryChecks.setInBunfig(bunfig.setting) };
    }
  }
  const yarnrc = manager.agent === 'yarn' && config.get(key) === undefined ? readYarnClassicRegistry(projectRoot, home) : undefined;
  const url = withSlash(config.get(key) ?? yarnrc?.url ?? defaultRegistry);
  const check =
    manager.agent === 'bun'
      ? registryChecks.bunfigElseNpmrc(key === 'registry' ? 'install.registry' : 'install.scopes', key)
      : registryChecks.shownBy(`${manager.agent} config get ${key}`);
  return { url, authorization: authorizationFor(url, config.get), source: config.sourceOf(key) ?? yarnrc?.source, check };
}

// --registry <url>: its token is the one the npmrc chain sets for its host.
function overrideRegistry(given: string, { projectRoot, env, home }: FindRegistryOptions): Registry {
  let url: string;
  try {
    const parsed = new URL(given);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError('not http');
    url = withSlash(parsed.href);
  } catch {
    throw errorFrom(registryMessages.notARegistryUrl, { given });
  }
  const config = readNpmConfig({ projectRoot, env, home, registryEnv: [] });
  return { url, authorization: authorizationFor(url, config.get), source: '--registry', check: registryChecks.givenWithFlag() };
}

/**
 * The auth header npm would send to `url`: the `_authToken` (or `_auth`)
 * set for its "nerf dart" (`//host:port/path/`), or for a parent path.
 */
function authorizationFor(url: string, get: (key: string) => string | undefined): string | undefined {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/').filter(Boolean);
  for (let length = segments.length; length >= 0; length--) {
    const nerf = `//${parsed.host}/${segments
      .slice(0, length)
      .map((segment) => `${segment}/`)
      .join('')}`;
    const token = get(`${nerf}:_authToken`);
    if (token) return `Bearer ${token}`;
    const basic = get(`${nerf}:_auth`);
    if (basic) return `Basic ${basic}`;
  }
  return undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
