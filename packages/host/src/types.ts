import type { GreeterError, PluginManifest, PluginPermissions } from '@greeter/core';

/**
 * Where a plugin was found, highest precedence first: named by the config
 * (or `--plugin`), installed in the project, installed globally (or beside
 * greeter itself), or a dependency of the package that embeds the host (the
 * greeter CLI's english).
 */
export type PluginSource = 'config' | 'project' | 'global' | 'builtin';

/** Source precedence: a lower number wins. */
export const sourceRank: Readonly<Record<PluginSource, number>> = { config: 0, project: 1, global: 2, builtin: 3 };

/** The fields of a plugin's package.json that the host reads. */
export interface PluginPackageJson {
  name?: unknown;
  version?: unknown;
  description?: unknown;
  type?: unknown;
  main?: unknown;
  exports?: unknown;
  keywords?: unknown;
  greeterPlugin?: PluginManifest | unknown;
  peerDependencies?: Record<string, unknown> | unknown;
  dependencies?: Record<string, unknown> | unknown;
  optionalDependencies?: Record<string, unknown> | unknown;
}

/** A copy of a plugin that a higher-precedence copy of the same package hides. */
export interface ShadowedCopy {
  source: PluginSource;
  version: string | undefined;
  path: string;
  realPath: string;
}

/** A plugin found by discovery: data read from package.json, no code run. */
export interface PluginCandidate {
  /** The package name, e.g. `greeter-plugin-chinese`. */
  name: string;
  version: string | undefined;
  /** Languages and aliases it answers to, lower-cased; the first is its main language. */
  languages: string[];
  source: PluginSource;
  /** The folder it was found at (a symlink under pnpm). */
  path: string;
  /** That folder with every symlink resolved (under Plug'n'Play: the folder inside its zip archive). */
  realPath: string;
  /** Its `peerDependencies["@greeter/core"]`, if it declares one. */
  coreRange: string | undefined;
  /** What its manifest asks for (`greeterPlugin.permissions`); greeter grants only what the config grants. */
  permissions: PluginPermissions;
  /** Where it came from, for messages: a node_modules folder, a config file, `--plugin`. */
  origin: string;
  packageJson: PluginPackageJson;
  /** Lower-precedence copies of the same package (other real paths). */
  shadows: ShadowedCopy[];
}

/** A plugin that discovery found but cannot use, with the reason. */
export interface DiscoveryProblem {
  /** The package name, when it is known. */
  name: string | undefined;
  /** The version its package.json gives, when it could be read. */
  version?: string | undefined;
  path: string;
  source: PluginSource;
  error: GreeterError;
}

/** A folder (or Plug'n'Play map) discovery searched. */
export interface SearchedFolder {
  path: string;
  source: 'project' | 'global' | 'builtin';
}

/** What discovery found: usable candidates, broken ones, and where it looked. */
export interface Discovery {
  candidates: PluginCandidate[];
  problems: DiscoveryProblem[];
  /** The folders searched, in precedence order, each with its source. */
  searched: SearchedFolder[];
  /**
   * The package names discovery was limited to (the fast path), or undefined
   * when every source was listed in full. Config plugins and built-ins are
   * always complete.
   */
  only: readonly string[] | undefined;
  /** A remark on the layout that the user should hear, e.g. a Plug'n'Play project run without its runtime. */
  notes: string[];
}
