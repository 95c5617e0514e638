import path from 'node:path';
import { readTextFile } from '@greeter/host/stages';

/**
 * True inside `yarn run` (and `yarn <bin>`) of yarn 1, which exports its
 * whole config as `npm_config_*`: `npm_config_registry` there is yarn's own
 * `registry` option (https://registry.yarnpkg.com unless a .yarnrc names
 * another), not the registry yarn installs from when a user types `yarn add`
 * (an .npmrc's beats it).
 */
export function isInsideYarnClassicRun(env: Record<string, string | undefined>): boolean {
  return /^yarn\/1\./.test(env['npm_config_user_agent'] ?? '') && env['npm_lifecycle_event'] !== undefined;
}

/**
 * The environment a package manager runs in from greeter: without the
 * `npm_config_registry` that `yarn run` put there, so a nested `yarn add`
 * reads the registry as it does from a shell, as greeter itself did.
 */
export function withoutInjectedRegistry(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (!isInsideYarnClassicRun(env)) return env;
  return Object.fromEntries(Object.entries(env).filter(([key]) => key.toLowerCase() !== 'npm_config_registry'));
}

/**
 * yarn 1's `registry` from its `.yarnrc` files (`registry "https://…"`): the
 * project's and each folder's above it (nearest first), then the user's. It
 * comes below every npmrc setting: yarn installs from the npmrc's registry
 * when both name one.
 */
export function readYarnClassicRegistry(projectRoot: string | undefined, home: string): { url: string; source: string } | undefined {
  const folders: string[] = [];
  for (let folder = projectRoot; folder !== undefined; folder = path.dirname(folder) === folder ? undefined : path.dirname(folder)) folders.push(folder);
  for (const file of [...folders, home].map((folder) => path.join(folder, '.yarnrc'))) {
    let text: string;
    try {
      text = readTextFile(file);
    } catch {
      continue;
    }
    const match = /^\s*registry\s+"?([^"\s]+)"?\s*$/m.exec(text);
    if (match) return { url: match[1]!, source: file };
  }
  return undefined;
}
