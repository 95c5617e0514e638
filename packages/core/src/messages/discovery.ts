import { displayName } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';
import { languageFromPackageName, reservedWords } from '../names.js';

// The failures of discovering plugins and reading their package.json, and
// of resolving a language to one of them (@greeter/host's discovery and
// resolution), as greeter words them. `name` is a package name; `path` a
// folder as it was found, `realPath` that folder with every link resolved;
// `addCommand` the user's package manager's command that installs the
// package, already formatted; `input` what the user typed, shown escaped.

/** A folder found for a package: by the package's name when it was looked up by one, else by its path. */
const folderLabel = (name: string | undefined, path: string) => name ?? path;

/** A plugin folder whose package.json could not be used, and why. */
const pluginFolder = (realPath: string, what: string) => `The plugin folder ${realPath} ${what}.`;

export const discoveryMessages = defineErrorMessages({
  outsideSearchedFolders: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, path, realPath }: { name: string; path: string; realPath: string }) =>
      `${name} at ${path} resolves to ${realPath}, outside the folders greeter searches.`,
    hint: () => 'Install the plugin into the project, or name its folder with `--plugin <path>` or in the config `plugins`.',
  },
  /** `origin`: where the config named the package (`<config file> (plugins)`). */
  configPluginNotInstalled: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    message: ({ origin, name }: { origin: string; name: string; addCommand: string }) => `${origin} names ${name}, but it is not installed.`,
    hint: ({ addCommand }: { addCommand: string }) => `Install it (\`${addCommand}\`) or remove it from the config.`,
  },
  builtinsUnreadable: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ folder }: { folder: string }) => `The package at ${folder} that provides the built-in plugins has no readable package.json.`,
    hint: () => 'Reinstall greeter.',
  },
  /** `addCommand`: given when the folder was looked up by its package's name. */
  brokenLink: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, path }: BrokenLink) => `${folderLabel(name, path)} at ${path} is a broken link or cannot be read.`,
    hint: ({ addCommand }: BrokenLink) => (addCommand === undefined ? 'Fix or remove the folder.' : `Reinstall it: \`${addCommand}\`.`),
  },
  packageJsonNotJson: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ realPath }: { realPath: string }) => pluginFolder(realPath, 'has a package.json that is not valid JSON'),
  },
  packageJsonTooLarge: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ realPath, limitMib }: { realPath: string; limitMib: number }) => pluginFolder(realPath, `has a package.json larger than ${limitMib} MiB`),
  },
  packageJsonUnreadable: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ realPath }: { realPath: string }) => pluginFolder(realPath, 'has no readable package.json'),
  },
  /** `named`: the name in the package.json, untrusted (undefined when it has none). */
  nameMismatch: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, path, realPath, named }: { name: string | undefined; path: string; realPath: string; named: string | undefined }) =>
      `${folderLabel(name, path)} resolved to ${realPath}, whose package.json is named ${displayName(named ?? '', 60)} instead.`,
    hint: () => 'Reinstall the plugin; a folder whose name and package.json disagree is never loaded.',
  },
  invalidManifest: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name }: { name: string }) =>
      `The "greeterPlugin" manifest in ${name}'s package.json is invalid: "languages" must be a non-empty list of language words.`,
    hint: () => 'Report this to the plugin author; the manifest looks like { "languages": ["chinese", "zh"] }.',
  },
  // `greeter <word>` always runs the command: a plugin claiming the word could never be reached by it.
  reservedLanguage: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name, words }: { name: string; words: readonly string[] }) =>
      `${name} claims ${words.map((word) => `"${word}"`).join(', ')} as a language, but ${words.length === 1 ? 'that is a greeter command word' : 'those are greeter command words'}: \`greeter ${words[0]}\` always runs the command.`,
    hint: () => `Report this to the plugin author: a language may not be one of ${reservedWords.join(', ')}.`,
  },
  /** Two plugins of the same source claim `language`; `inConfig`: both are named by the config already. */
  conflict: {
    code: 'GREETER_PLUGIN_CONFLICT',
    message: ({ language, first, second }: Conflict) =>
      `Both ${first.name} (${first.origin}) and ${second.name} (${second.origin}) speak ${displayName(language)}.`,
    hint: ({ first, second, configFile = '.greeterrc.json', inConfig }: Conflict) =>
      // Both named by the config already: picking means removing one from it.
      inConfig ? `Keep only one of them in the "plugins" of ${configFile}.` : `Pick one in ${configFile}: "plugins": ["${first.name}"] (or "${second.name}").`,
  },
  notSpoken: {
    code: 'GREETER_PLUGIN_NOT_FOUND',
    message: ({ input, packageName, target }: NotSpoken) => `Greeter doesn't speak ${displayName(input)}: ${missing(input, packageName, target)}.`,
    // A layout greeter cannot read (a Plug'n'Play project run without Yarn) is the likelier cause: its notes come first.
    hint: ({ notes, suggestion, installed, packageName, addCommand }: NotSpoken) => {
      const next =
        packageName === undefined
          ? 'Find more with `greeter search`.'
          : addCommand === undefined
            ? `To add it, install ${packageName}.`
            : `To add it: \`${addCommand}\`.`;
      const didYouMean = suggestion === undefined ? [] : [`Did you mean ${displayName(suggestion)}?`];
      return [...notes, ...didYouMean, `Installed: ${installed.length > 0 ? installed.join(', ') : 'none'}.`, next].join(' ');
    },
  },
});

/** Why nothing speaks the language: no plugin claims it, or the package it names is not there. */
function missing(input: string, packageName: string | undefined, target: string): string {
  if (packageName === undefined || languageFromPackageName(packageName) === input.toLowerCase()) return 'no installed plugin provides it';
  return `${packageName} is not installed${target === input ? '' : ` (${displayName(input)} is the config's alias for ${displayName(target)})`}`;
}

interface Conflict {
  language: string;
  first: { name: string; origin: string };
  second: { name: string; origin: string };
  /** The config file in force, if any. */
  configFile: string | undefined;
  inConfig: boolean;
}

/**
 * A language nothing installed speaks: `packageName` is the package the
 * argument names (after the config's alias, `target`), if any; `installed`
 * the installed languages; `suggestion` a near miss among them; `notes`
 * discovery's notes on layouts it could not read.
 */
interface NotSpoken {
  input: string;
  packageName: string | undefined;
  target: string;
  suggestion: string | undefined;
  installed: readonly string[];
  notes: readonly string[];
  addCommand: string | undefined;
}

interface BrokenLink {
  name: string | undefined;
  path: string;
  addCommand: string | undefined;
}
