import { errorFrom, isGreeterError, isLanguageWord, isReservedWord, languageFromPackageName, type GreeterError, type PluginPermissions } from '@greeter/core';
import { discoveryMessages } from '@greeter/core/messages';
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
  const { expectedName, path } = folder;
  const problem = (error: GreeterError): DiscoveryProblem => ({
    name: expectedName,
    path,
    source: folder.source,
    error,
  });
  const realPath = context.realpath(path);
  if (realPath === undefined) {
    const addCommand = expectedName === undefined ? undefined : context.addCommand(expectedName);
    return problem(errorFrom(discoveryMessages.brokenLink, { name: expectedName, path, addCommand }));
  }
  let packageJson: PluginPackageJson;
  try {
    const parsed = (context.readPackageJson ?? readManifestFile)(childPath(realPath, 'package.json'));
    if (!isPlainObject(parsed)) throw new TypeError('package.json is not a JSON object');
    packageJson = parsed;
  } catch (error) {
    const unusable = !isFsError(error)
      ? errorFrom(discoveryMessages.packageJsonNotJson, { realPath }, { cause: error })
      : error.code === 'EFBIG'
        ? errorFrom(discoveryMessages.packageJsonTooLarge, { realPath, limitMib: maxManifestBytes / 1024 / 1024 }, { cause: error })
        : errorFrom(discoveryMessages.packageJsonUnreadable, { realPath }, { cause: error });
    return problem(unusable);
  }
  const name = typeof packageJson.name === 'string' ? packageJson.name : undefined;
  if (name === undefined || (expectedName !== undefined && name !== expectedName)) {
    return problem(errorFrom(discoveryMessages.nameMismatch, { name: expectedName, path, realPath, named: name }));
  }
  const version = typeof packageJson.version === 'string' ? packageJson.version : undefined;
  const languages = readLanguages(packageJson, name);
  if (isGreeterError(languages)) return { ...problem(languages), name, version };
  const reserved = languages.filter((language) => isReservedWord(language));
  if (reserved.length > 0) return { ...problem(errorFrom(discoveryMessages.reservedLanguage, { name, words: reserved })), name, version };
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
  if (!valid) return errorFrom(discoveryMessages.invalidManifest, { name });
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

/** True when a discovery entry is a problem rather than a usable candidate. */
export function isDiscoveryProblem(entry: PluginCandidate | DiscoveryProblem): entry is DiscoveryProblem {
  return 'error' in entry;
}
