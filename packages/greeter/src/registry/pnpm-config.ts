import path from 'node:path';
import { readTextFile } from '@greeter/host/stages';
import yaml from 'js-yaml';
import { expandEnv } from './npmrc.js';

/**
 * The registry settings pnpm (10+) reads from YAML, which beat the project's
 * `.npmrc`: its global `config.yaml` (`$XDG_CONFIG_HOME/pnpm`, else
 * `~/.config/pnpm`), then the nearest `pnpm-workspace.yaml` at or above the
 * project. `registry` and `@scope:registry` keys (and a `registries` map)
 * only; lowest precedence first. A file that does not parse is left to pnpm
 * to report.
 */
export function readPnpmLayers(
  projectRoot: string | undefined,
  env: Record<string, string | undefined>,
  home: string,
): Array<{ source: string; settings: Record<string, string> }> {
  const files = [path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'pnpm', 'config.yaml')];
  const workspace = projectRoot === undefined ? undefined : nearestWorkspaceFile(projectRoot);
  if (workspace !== undefined) files.push(workspace);
  return files.flatMap((file) => {
    const settings = registrySettings(file, env);
    return settings === undefined ? [] : [{ source: file, settings }];
  });
}

function registrySettings(file: string, env: Record<string, string | undefined>): Record<string, string> | undefined {
  let data: unknown;
  try {
    data = yaml.load(readTextFile(file));
  } catch {
    // Missing (the usual case) or broken: pnpm reports a broken file itself.
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const settings: Record<string, string> = {};
  const registries = (data as { registries?: unknown }).registries;
  for (const [key, value] of Object.entries(typeof registries === 'object' && registries !== null ? registries : {})) {
    if (typeof value === 'string') settings[key === 'default' ? 'registry' : `${key}:registry`] = expandEnv(value, env);
  }
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string' && (key === 'registry' || /^@[^:]+:registry$/.test(key))) settings[key] = expandEnv(value, env);
  }
  return Object.keys(settings).length > 0 ? settings : undefined;
}

function nearestWorkspaceFile(projectRoot: string): string | undefined {
  for (let folder = path.resolve(projectRoot); ; folder = path.dirname(folder)) {
    const file = path.join(folder, 'pnpm-workspace.yaml');
    try {
      readTextFile(file);
      return file;
    } catch {
      // Not here: look further up.
    }
    if (path.dirname(folder) === folder) return undefined;
  }
}
