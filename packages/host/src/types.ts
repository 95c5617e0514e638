import type { GreeterError, PluginManifest } from '@greeter/core';

/**
 * Where a plugin was found, highest precedence first: named by the config
 * (or `--plugin`), installed in the project, installed globally, or a
 * dependency of the greeter package itself.
 */
export type PluginSource = 'config' | 'project' | 'global' | 'builtin';

/** Source precedence: a lower number wins. */
export const sourceRank: Record<PluginSource, number> = { config: 0, project: 1, global: 2, builtin: 3 };

/** The fields of a plugin's package.json that the host reads. */
export interface PluginPackageJson {
  name?: unknown;
  version?: unknown;
  main?: unknown;
  exports?: unknown;
  keywords?: unknown;
  greeterPlugin?: PluginManifest | unknown;
  peerDependencies?: Record<string, unknown> | unknown;
}

/** A copy of a plugin that a higher-precedence copy of the same package hides. */
export interface ShadowedCopy {
  source: PluginSource;
  version: string | undefined;
  path: string;
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
  /** That folder with every symlink resolved. */
  realPath: string;
  /** Its `peerDependencies["@greeter/core"]`, if it declares one. */
  coreRange: string | undefined;
  /** Where it came from, for messages: a node_modules folder, a config file, `--plugin`. */
  origin: string;
  packageJson: PluginPackageJson;
  /** Lower-precedence copies of the same package. */
  shadows: ShadowedCopy[];
}

/** A plugin that discovery found but cannot use, with the reason. */
export interface DiscoveryProblem {
  /** The package name, when it is known. */
  name: string | undefined;
  path: string;
  source: PluginSource;
  error: GreeterError;
}

/** A node_modules folder discovery searched. */
export interface SearchedFolder {
  path: string;
  source: 'project' | 'global';
}

/** What discovery found: usable candidates, broken ones, and where it looked. */
export interface Discovery {
  candidates: PluginCandidate[];
  problems: DiscoveryProblem[];
  /** The node_modules folders searched, in precedence order, each with its source. */
  searched: SearchedFolder[];
}
