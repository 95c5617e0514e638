import type { LoadedConfig } from '../config/find-config.js';
import type { PluginCandidate } from '../types.js';
import type { PluginPlacement } from './host-types.js';

/**
 * Whether a plugin runs isolated: as the caller says (`--isolate`,
 * `--no-isolate`), else in-process for built-in plugins, for those the
 * config trusts, and for all when the config turns isolation off; isolated
 * otherwise.
 */
export function runsIsolated(candidate: PluginCandidate, config: LoadedConfig | null, explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit;
  if (candidate.source === 'builtin' || config?.config.trust?.includes(candidate.name)) return false;
  return config?.config.isolate ?? true;
}

/** Where a plugin runs and what it is granted, as {@link runsIsolated} and {@link grantOf} decide. */
export function placementOf(candidate: PluginCandidate, config: LoadedConfig | null, explicit: boolean | undefined): PluginPlacement {
  return { isolated: runsIsolated(candidate, config, explicit), granted: grantOf(candidate.name, config) };
}

/** What the config grants the plugin package `name`: the network, and environment variables by name. */
export function grantOf(name: string, config: LoadedConfig | null): { net: boolean; env: string[] } {
  const grant = config?.config.permissions?.[name];
  return { net: grant?.net === true, env: grant?.env ?? [] };
}
