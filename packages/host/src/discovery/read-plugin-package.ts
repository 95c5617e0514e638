import { GreeterError, displayName, isLanguageWord, isReservedWord, languageFromPackageName, reservedWords, type PluginPermissions } from '@greeter/core';
import { childPath, isFsError, isPlainObject, maxManifestBytes, readManifestFile } from '../_fs.js';
import type { DiscoveryProblem, PluginCandidate, PluginPackageJson, PluginSource } from '../types.js';

/** Where a plugin folder was found, and what its package.json must say. */
export interface PluginFolder {
  path: string;
  source: PluginSource;
  origin: string;
  /** The package name the folder was resolved as; its package.json must agree. */
  expectedName?: string | undefined;
}

/** How discovery reads a folder: the realpath it shares, the package.json reader, and the command that reinstalls a package. */
export interface ReadContext {
  realpath(target: string): string | undefined;
  /** Reads and parses a package.json file (default: from the file system, keeping nothing). */
  readPackageJson?: ((file: string) => unknown) | undefined;
  /** The command that (re)installs a package with the user's package manager. */
  addCommand(packageName: string): string;
}

/**
 * Reads one plugin folder's package.json into a candidate, importing nothing.
 * A folder that cannot be used becomes a problem naming the package and why.
 */
export function readPluginPackage(folder: PluginFolder, context: ReadContext): PluginCandidate | DiscoveryProblem {
  const label = folder.expectedName ?? folder.path;
  const problem = (error: GreeterError): DiscoveryProblem => ({
    name: folder.expectedName,
    path: folder.path,
    source: folder.source,
    error,
  });
  const realPath = context.realpath(folder.path);
  if (realPath === undefined) {
    const fix = folder.expectedName === undefined ? 'Fix or remove the folder.' : `Reinstall it: \`${context.addCommand(folder.expectedName)}\`.`;
    return problem(new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `${label} at ${folder.path} is a broken link or cannot be read.`, { hint: fix }));
  }
  let packageJson: PluginPackageJson;
  try {
    const parsed = (context.readPackageJson ?? readManifestFile)(childPath(realPath, 'package.json'));
    if (!isPlainObject(parsed)) throw new TypeError('package.json is not a JSON object');
    packageJson = parsed;
  } catch (error) {
    const what = !isFsError(error)
      ? 'has a package.json that is not valid JSON'
      : error.code === 'EFBIG'
        ? `has a package.json larger than ${maxManifestBytes / 1024 / 1024} MiB`
        : 'has no readable package.json';
    return problem(new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `The plugin folder ${realPath} ${what}.`, { cause: error }));
  }
  const name = typeof packageJson.name === 'string' ? packageJson.name : undefined;
  if (name === undefined || (folder.expectedName !== undefined && name !== folder.expectedName)) {
    return problem(
      new GreeterError(
        'GREETER_PLUGIN_LOAD_FAILED',
        `${label} resolved to ${realPath}, whose package.json is named ${displayName(String(name ?? ''), 60)} instead.`,
        { hint: 'Reinstall the plugin; a folder whose name and package.json disagree is never loaded.' },
      ),
    );
  }
  const version = typeof packageJson.version === 'string' ? packageJson.version : undefined;
  const languages = readLanguages(packageJson, name);
  if (languages instanceof GreeterError) return { ...problem(languages), name, version };
  const reserved = languages.filter((language) => isReservedWord(language));
  if (reserved.length > 0) return { ...problem(reservedWordError(name, reserved)), name, version };
  const peer = isPlainObject(packageJson.peerDependencies) ? packageJson.peerDependencies['@greeter/core'] : undefined;
  return {
    name,
    version,
    languages,
    source: folder.source,
    path: folder.path,
    realPath,
    coreRange: peer === undefined ? undefined : String(peer),
    permissions: askedPermissions(packageJson),
    origin: folder.origin,
    packageJson,
    shadows: [],
  };
}

function readLanguages(packageJson: PluginPackageJson, name: string): string[] | GreeterError {
  const manifest = packageJson.greeterPlugin;
  if (manifest === undefined) {
    const fromName = languageFromPackageName(name) ?? name;
    return isLanguageWord(fromName) ? [fromName.toLowerCase()] : [];
  }
  if (isPlainObject(manifest) && !Object.hasOwn(manifest, 'languages')) return readLanguages({ ...packageJson, greeterPlugin: undefined }, name);
  const languages = isPlainObject(manifest) ? manifest['languages'] : undefined;
  const valid = Array.isArray(languages) && languages.length > 0 && languages.every((language) => typeof language === 'string' && isLanguageWord(language));
  if (!valid) {
    return new GreeterError(
      'GREETER_PLUGIN_INVALID',
      `The "greeterPlugin" manifest in ${name}'s package.json is invalid: "languages" must be a non-empty list of language words.`,
      { hint: 'Report this to the plugin author; the manifest looks like { "languages": ["chinese", "zh"] }.' },
    );
  }
  return [...new Set((languages as string[]).map((language) => language.toLowerCase()))];
}

// A variable name as a shell writes one.
const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What a plugin's manifest asks for (`greeterPlugin.permissions`): what is well formed of it, nothing else. */
export function askedPermissions(packageJson: PluginPackageJson): Required<PluginPermissions> {
  const manifest = packageJson.greeterPlugin;
  const asked = isPlainObject(manifest) && isPlainObject(manifest['permissions']) ? manifest['permissions'] : {};
  const env = Array.isArray(asked['env']) ? asked['env'].filter((entry): entry is string => typeof entry === 'string' && variableName.test(entry)) : [];
  return { net: asked['net'] === true, env: [...new Set(env)] };
}

// `greeter <word>` always runs the command: a plugin claiming the word could never be reached by it.
function reservedWordError(name: string, words: string[]): GreeterError {
  const listed = words.map((word) => `"${word}"`).join(', ');
  return new GreeterError(
    'GREETER_PLUGIN_INVALID',
    `${name} claims ${listed} as a language, but ${words.length === 1 ? 'that is a greeter command word' : 'those are greeter command words'}: \`greeter ${words[0]}\` always runs the command.`,
    { hint: `Report this to the plugin author: a language may not be one of ${reservedWords.join(', ')}.` },
  );
}

/** True when a discovery entry is a problem rather than a usable candidate. */
export function isDiscoveryProblem(entry: PluginCandidate | DiscoveryProblem): entry is DiscoveryProblem {
  return 'error' in entry;
}
