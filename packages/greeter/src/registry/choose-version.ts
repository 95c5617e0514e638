import { isLanguageWord, isReservedWord, languageFromPackageName, pluginPrefix } from '@greeter/core';
import type { Compatibility } from '@greeter/host';
import { checkCompatibility } from '@greeter/host/stages';
import semver from 'semver';
import type { Packument, PackumentVersion } from './fetch-packument.js';

/** One published version of a plugin, as its registry manifest describes it. */
export interface PublishedPlugin {
  name: string;
  version: string;
  description: string | undefined;
  languages: string[];
  /** The languages it claims that are command words (§6): such a plugin is listed as broken once installed. */
  reserved: string[];
  /** Its `peerDependencies["@greeter/core"]`, if declared. */
  coreRange: string | undefined;
  compatibility: Compatibility;
}

/** Which version of a package `greeter add` would install, or why none. */
export type VersionChoice =
  | { kind: 'compatible'; plugin: PublishedPlugin; latest: string | undefined }
  | { kind: 'incompatible'; newest: PublishedPlugin; latest: string | undefined }
  | { kind: 'not-a-plugin'; latest: string | undefined };

/**
 * The version `greeter add` installs: the newest that is a Greeter plugin
 * (keyword `greeter-plugin` or a `greeterPlugin` manifest) and whose
 * `@greeter/core` peer range admits `coreVersion`. The `latest` dist-tag is
 * preferred when it qualifies; a prerelease or deprecated version is taken
 * only when it is `latest`. Pure: reads nothing.
 */
export function chooseVersion(packument: Packument, coreVersion: string): VersionChoice {
  const latestTag = packument['dist-tags']['latest'];
  const latest = typeof latestTag === 'string' && packument.versions[latestTag] ? latestTag : undefined;
  const ordered = Object.keys(packument.versions)
    .filter((version) => semver.valid(version) !== null && semver.prerelease(version) === null && !isDeprecated(packument.versions[version]))
    .sort(semver.rcompare);
  const candidates = latest === undefined ? ordered : [latest, ...ordered.filter((version) => version !== latest)];
  let newest: PublishedPlugin | undefined;
  for (const version of candidates) {
    const manifest = packument.versions[version]!;
    if (!isPluginManifest(manifest)) continue;
    const plugin = publishedPlugin(packument.name, version, manifest, coreVersion);
    newest ??= plugin;
    if (plugin.compatibility.compatible) return { kind: 'compatible', plugin, latest };
  }
  return newest === undefined ? { kind: 'not-a-plugin', latest } : { kind: 'incompatible', newest, latest };
}

/** True for a manifest that says it is a Greeter plugin: the keyword, or a `greeterPlugin` object. */
export function isPluginManifest(manifest: PackumentVersion): boolean {
  const keywords = Array.isArray(manifest.keywords) ? manifest.keywords : [];
  return keywords.includes(pluginPrefix) || (typeof manifest.greeterPlugin === 'object' && manifest.greeterPlugin !== null);
}

function publishedPlugin(name: string, version: string, manifest: PackumentVersion, coreVersion: string): PublishedPlugin {
  const peers =
    typeof manifest.peerDependencies === 'object' && manifest.peerDependencies !== null ? (manifest.peerDependencies as Record<string, unknown>) : {};
  const range = typeof peers['@greeter/core'] === 'string' ? peers['@greeter/core'] : undefined;
  const languages = languagesOf(name, manifest);
  return {
    name,
    version,
    description: typeof manifest.description === 'string' ? manifest.description : undefined,
    languages,
    reserved: languages.filter(isReservedWord),
    coreRange: range,
    compatibility: checkCompatibility(range, coreVersion),
  };
}

// As discovery reads an installed plugin: the manifest's languages (words
// only, lower-cased), else the name's suffix.
function languagesOf(name: string, manifest: PackumentVersion): string[] {
  const declared = (manifest.greeterPlugin as { languages?: unknown } | undefined)?.languages;
  const words = Array.isArray(declared)
    ? declared.filter((word): word is string => typeof word === 'string' && isLanguageWord(word)).map((word) => word.toLowerCase())
    : [];
  if (words.length > 0) return [...new Set(words)];
  const fromName = languageFromPackageName(name);
  return fromName === undefined ? [] : [fromName];
}

function isDeprecated(manifest: PackumentVersion | undefined): boolean {
  return typeof manifest?.deprecated === 'string' && manifest.deprecated !== '';
}
