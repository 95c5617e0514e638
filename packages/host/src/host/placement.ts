import type { LoadedConfig } from '../config/find-config.js';
import type { Discovery, PluginCandidate } from '../types.js';

/** Where a plugin runs when it greets, and what the config grants it there. */
export interface PluginPlacement {
  /** In a process of its own under Node's permission model (else in-process, guarded). */
  isolated: boolean;
  /** What the config grants it: the network, environment variables by name. */
  granted: { net: boolean; env: string[] };
}

/**
 * Whether a plugin runs isolated: as the caller says (`--isolate`,
 * `--no-isolate`), else in-process for built-in plugins — also where
 * another source reaches the same folder (`builtinFolders`, real paths:
 * npm hoists greeter's english into the project) — for those the config
 * trusts, and for all when the config turns isolation off; isolated
 * otherwise.
 */
function runsIsolated(candidate: PluginCandidate, config: LoadedConfig | null, explicit: boolean | undefined, builtinFolders?: ReadonlySet<string>): boolean {
  if (explicit !== undefined) return explicit;
  if (candidate.source === 'builtin' || builtinFolders?.has(candidate.realPath) || config?.config.trust?.includes(candidate.name)) return false;
  return config?.config.isolate ?? true;
}

/** Where a plugin runs and what it is granted, as {@link runsIsolated} and {@link grantOf} decide. */
function placementOf(
  candidate: PluginCandidate,
  config: LoadedConfig | null,
  explicit: boolean | undefined,
  builtinFolders?: ReadonlySet<string>,
): PluginPlacement {
  return { isolated: runsIsolated(candidate, config, explicit, builtinFolders), granted: grantOf(candidate.name, config) };
}

/** What the config grants the plugin package `name`: the network, and environment variables by name. */
export function grantOf(name: string, config: LoadedConfig | null): { net: boolean; env: string[] } {
  const grant = config?.config.permissions?.[name];
  return { net: grant?.net === true, env: grant?.env ?? [] };
}

/**
 * The placements of one host: where `builtins` is given (greeter's own
 * package), the real folders of the built-in plugins are read once, when a
 * placement first needs them, so that a copy another source reaches in the
 * same folder runs as the built-in does.
 */
export function createPlacer(
  explicit: boolean | undefined,
  builtins: ((config: LoadedConfig | null) => Discovery) | undefined,
): (candidate: PluginCandidate, config: LoadedConfig | null) => PluginPlacement {
  let builtinFolders: ReadonlySet<string> | undefined;
  return (candidate, config) => {
    if (explicit === undefined && candidate.source !== 'builtin' && builtins !== undefined) {
      builtinFolders ??= new Set(
        builtins(config)
          .candidates.filter((found) => found.source === 'builtin')
          .map((found) => found.realPath),
      );
    }
    return placementOf(candidate, config, explicit, builtinFolders);
  };
}
