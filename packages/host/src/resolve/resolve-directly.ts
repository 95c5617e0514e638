import { parseLanguageRequest } from '@greeter/core';
import type { LoadedConfig } from '../config/find-config.js';
import { findInNodeModules } from '../discovery/find-in-node-modules.js';
import { isDiscoveryProblem } from '../discovery/read-plugin-package.js';
import type { PluginCandidate } from '../types.js';
import { applyAlias } from './resolve-plugin.js';

/**
 * The fast path of `greeter <language>`: the package the language names by
 * convention, found directly in the project's node_modules folders, without
 * listing any of them. It answers only when the full rules could not choose
 * otherwise — no config plugins (they rank higher), discovery on, and the
 * package found in the project and claiming the language (so it carries
 * the name, which beats every alias at its source and below). Otherwise it
 * returns undefined and the caller runs the full discovery.
 */
export function resolveDirectly(input: string, { cwd, config }: { cwd: string; config: LoadedConfig | null }): PluginCandidate | undefined {
  if (config?.config.autoDiscover === false || (config?.config.plugins?.length ?? 0) > 0) return undefined;
  const request = parseLanguageRequest(applyAlias(config?.config.aliases, input));
  if (request.packageName === undefined) return undefined;
  const found = findInNodeModules(cwd, request.packageName);
  if (found === undefined || isDiscoveryProblem(found)) return undefined;
  if (request.kind === 'word' && !found.languages.includes(request.word.toLowerCase())) return undefined;
  return found;
}
