import { displayName } from '../display.js';
import type { GreeterErrorCode } from '../error-codes.js';
import { defineErrorMessages, type ParamsOf } from '../error-messages.js';
import { pluginPrefix, reservedWords } from '../names.js';
import { loadingMessages } from './loading.js';

// The failures of @greeter/testkit's checks, as greeter words them. Their
// reader is the plugin's author, so every hint speaks to the author. `name`
// is the package name of the plugin under test.

type Incompatible = ParamsOf<typeof loadingMessages.incompatible>;

const listed = (words: readonly string[]) => words.map((word) => `"${word}"`).join(', ');

export const testkitMessages = defineErrorMessages({
  emptyGreeting: {
    code: 'GREETER_GREET_FAILED',
    message: ({ name }: { name: string }) => `${name}'s greet() returned an empty string.`,
    hint: () => 'Without a name, greet() must greet the universe in your language: an empty string is not a greeting.',
  },
  nameNotGreeted: {
    code: 'GREETER_GREET_FAILED',
    message: ({ name, probe, greeting }: { name: string; probe: string; greeting: string }) =>
      `${name}'s greet({ name: "${probe}" }) returned ${JSON.stringify(greeting)}, without the name.`,
    hint: () => 'Put the `name` option in the greeting when one is given: greet({ name: "Ada" }) greets Ada.',
  },
  runtimeCoreImport: {
    code: 'GREETER_PLUGIN_LOAD_FAILED',
    message: ({ name, sites }: { name: string; sites: readonly string[] }) =>
      `${name}'s built code imports @greeter/core at run time (${sites.join('; ')}), but @greeter/core is not in its "dependencies": where users install only greeter and the plugin (Yarn Plug'n'Play, strict pnpm), that import fails and the plugin does not load.`,
    hint: () =>
      'Import only types from @greeter/core (`import type { Greeter } from \'@greeter/core\'`, gone after the build) and export a plain object instead of calling `definePlugin()`; or, if you need its code at run time, add @greeter/core to "dependencies".',
  },
  unconventionalName: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name }: { name: string }) =>
      `${displayName(name)} is not named ${pluginPrefix}-<language>, @scope/${pluginPrefix}-<language> or @scope/${pluginPrefix}.`,
    hint: () => `Rename the package, e.g. "${pluginPrefix}-klingon": greeter discovers only conventional names.`,
  },
  keywordMissing: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name }: { name: string }) => `${name}'s package.json keywords lack "${pluginPrefix}".`,
    hint: () => `Add "${pluginPrefix}" to "keywords" in package.json: \`greeter search\` finds plugins on the registry by it.`,
  },
  descriptionMissing: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name }: { name: string }) => `${name}'s package.json has no "description".`,
    hint: () => 'Add a one-line "description" to package.json, e.g. "Greets in Klingon.": a published plugin carries one, and `greeter search` shows it.',
  },
  /** The same failure as the host's, with what the author does about it. */
  peerRangeExcludesCore: {
    code: 'GREETER_PLUGIN_INCOMPATIBLE',
    message: (params: Incompatible) => loadingMessages.incompatible.message(params),
    hint: ({ coreVersion }: Incompatible) =>
      `Make peerDependencies["@greeter/core"] in package.json a valid range that admits ${coreVersion}, e.g. "^${coreVersion}".`,
  },
  languagesInvalid: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name, invalid }: { name: string; invalid: readonly string[] | undefined }) =>
      `${name}'s "greeterPlugin.languages" ${
        invalid === undefined
          ? 'is not a non-empty list'
          : `has ${invalid.length === 1 ? 'an entry that is' : 'entries that are'} not language words: ${invalid.join(', ')}`
      }.`,
    hint: () =>
      'Write each language as a word of letters or digits, "-" or "_", at most 64 characters (e.g. ["chinese", "zh", "中文"]): while one entry is invalid, greeter rejects the whole plugin.',
  },
  languagesAreCommands: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name, clashes }: { name: string; clashes: readonly string[] }) =>
      `${name} claims ${listed(clashes)}, which greeter reads as ${clashes.length === 1 ? 'a command' : 'commands'}: \`greeter ${clashes[0]}\` can never greet in that language.`,
    hint: ({ clashes }: { name: string; clashes: readonly string[] }) =>
      `Drop or rename ${clashes.length === 1 ? 'that language' : 'those languages'}: a language may not be one of greeter's reserved command words (${reservedWords.join(', ')}).`,
  },
  nameLanguageMissing: {
    code: 'GREETER_PLUGIN_INVALID',
    message: ({ name, languages, nameLanguage }: { name: string; languages: readonly string[]; nameLanguage: string }) =>
      `${name}'s "greeterPlugin.languages" (${listed(languages)}) lacks "${nameLanguage}", the language its name carries: \`greeter list\` does not show it, and any plugin that lists "${nameLanguage}" takes \`greeter ${nameLanguage}\` from it.`,
    hint: ({ nameLanguage }: { name: string; languages: readonly string[]; nameLanguage: string }) =>
      `Add "${nameLanguage}" to "greeterPlugin.languages", first: the first language is the one \`greeter list\` shows.`,
  },
});

/**
 * The testkit's hint for an error the host raised, by its code: the host's
 * hints speak to users ("reinstall", "report it to its author"), the
 * testkit's reader is that author. Codes the kit cannot meet keep the
 * catalogue's hint.
 */
export const testkitAuthorHints: Partial<Record<GreeterErrorCode, string>> = {
  GREETER_PLUGIN_LOAD_FAILED:
    'Build the plugin before testing it (e.g. `pnpm build`): the file that "exports" (or "main") in package.json names must exist inside the package, and importing it must not throw (the cause says what it threw).',
  GREETER_PLUGIN_INVALID:
    'Export `Greeter` from your entry (or a default export): an object with a `greet()` function, e.g. `export const Greeter = { greet: ({ name } = {}) => "Hello " + (name ?? "Universe") };`.',
  GREETER_PLUGIN_INCOMPATIBLE: 'Make peerDependencies["@greeter/core"] in package.json a valid range that admits the @greeter/core you build against.',
  GREETER_GREET_FAILED: 'Make `greet()` return a non-empty string (or a promise of one) and never throw; the cause holds what it threw.',
  GREETER_GREET_TIMEOUT:
    "Loading your entry and `greet()` must each settle within the testkit's time limit (option `timeoutMs`): look for a promise that never resolves or a top-level await that waits on something slow.",
};
