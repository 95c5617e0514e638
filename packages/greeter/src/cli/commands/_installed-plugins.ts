import path from 'node:path';
import { coreVersion, displayText, errorFrom, isGreeterError, tryParseLanguageRequest } from '@greeter/core';
import { installMessages } from '@greeter/core/messages';
import type { PluginCandidate } from '@greeter/host';
import semver from 'semver';
import { chooseVersion } from '../../registry/choose-version.js';
import { fetchPackument, type Packument } from '../../registry/fetch-packument.js';
import type { Registry } from '../../registry/find-registry.js';
import type { CommandContext } from '../context.js';
import { withProgress } from '../progress.js';
import { dependencyOf, type InstallTarget } from './_change-plugins.js';

/** An installed plugin and what the registry has of it: `greeter outdated`'s row, `greeter update`'s plan. */
export interface VersionReport {
  candidate: PluginCandidate;
  /** The installed version. */
  current: string | undefined;
  /** The newest version compatible with this greeter; null when none is, or the registry does not have the package. */
  compatible: string | null;
  /** The `latest` dist-tag; null when the registry does not have the package. */
  latest: string | null;
  /** The registry asked. */
  registry: string;
  /** What the registry holds of the package, for verifying a version before installing it. */
  packument: Packument | undefined;
  /** The registry, as the package manager would install from it. */
  source: Registry;
}

/**
 * The plugins greeter can update in the target: the project's own
 * dependencies that discovery finds (whatever source lists them first), or
 * the plugins in the global folder. Read from package.json files alone.
 */
export async function installedPlugins(context: CommandContext, target: InstallTarget): Promise<PluginCandidate[]> {
  const host = context.createHost({ cwd: target.cwd });
  let candidates: PluginCandidate[];
  try {
    candidates = (await host.discover()).candidates;
  } catch (error) {
    // A broken config hides nothing installed: the plugins are listed without it.
    if (!isGreeterError(error)) throw error;
    candidates = (await context.createHost({ cwd: target.cwd, config: null }).discover()).candidates;
  }
  const copies = candidates.flatMap((candidate) => [candidate, ...candidate.shadows.map((copy) => ({ ...candidate, ...copy, shadows: [] }))]);
  if (target.root !== undefined) {
    // The project's own dependencies, as discovery found them: in its node_modules, or its Plug'n'Play map.
    const packageJson = path.join(target.root, 'package.json');
    return firstOfEach(copies.filter((copy) => copy.source === 'project' && dependencyOf(packageJson, copy.name) !== undefined));
  }
  const folders = target.global!.location().folders;
  return firstOfEach(copies.filter((copy) => isInFolder(copy.path, folders)));
}

/**
 * Each plugin's installed version against the registry's, asked all at once
 * (progress on a terminal).
 *
 * @throws GreeterError `GREETER_REGISTRY_UNREACHABLE` when a registry does not answer.
 */
export async function reportVersions(context: CommandContext, target: InstallTarget, plugins: readonly PluginCandidate[]): Promise<VersionReport[]> {
  const reports = plugins.map(async (candidate): Promise<VersionReport> => {
    const registry = target.registry(candidate.name);
    const packument = await fetchPackument(registry, candidate.name);
    const choice = packument === undefined ? undefined : chooseVersion(packument, coreVersion);
    return {
      candidate,
      current: candidate.version,
      compatible: choice?.kind === 'compatible' ? choice.plugin.version : null,
      latest: choice?.latest ?? null,
      registry: registry.url,
      packument,
      source: registry,
    };
  });
  const registries = [...new Set(plugins.map((plugin) => target.registry(plugin.name).url))];
  return withProgress(context, `Asking ${registries.map((url) => displayText(url)).join(', ')}`, Promise.all(reports));
}

/** True when the registry has a version newer than the one installed: compatible with this greeter or not. */
export function isOutdated(report: VersionReport): boolean {
  return [report.compatible, report.latest].some((version) => isNewer(version, report.current));
}

/** True when `version` is newer than `than` (an unknown installed version counts as older). */
export function isNewer(version: string | null, than: string | undefined): boolean {
  if (version === null || semver.valid(version) === null) return false;
  return than === undefined || semver.valid(than) === null || semver.gt(version, than);
}

/**
 * The installed plugin an argument names (`chinese`, `zh`, `@acme/klingon`), among `plugins`.
 *
 * @throws GreeterError `GREETER_PLUGIN_NOT_FOUND` when none of them answers to it.
 */
export function findInstalled(argument: string, plugins: readonly PluginCandidate[], where: string): PluginCandidate {
  const lower = argument.toLowerCase();
  const packageName = tryParseLanguageRequest(argument)?.packageName;
  const found = plugins.find((plugin) => plugin.name === argument || plugin.name === packageName || plugin.languages.includes(lower));
  if (found) return found;
  throw errorFrom(installMessages.notInstalled, { where, argument });
}

function isInFolder(pluginPath: string, folders: readonly string[]): boolean {
  return folders.some((folder) => path.dirname(pluginPath) === folder || path.dirname(path.dirname(pluginPath)) === folder);
}

function firstOfEach(candidates: readonly PluginCandidate[]): PluginCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => !seen.has(candidate.name) && seen.add(candidate.name));
}
