import { displayName, displayText, isLanguageWord, isReservedWord, languageFromPackageName, pluginPrefix, reservedWords } from '@greeter/core';
import { checkFailure } from './_author-errors.js';
import type { PluginUnderTest } from './_read-plugin.js';
import type { PluginCheck } from './types.js';

/**
 * The checks of the languages a plugin claims: the manifest lists only
 * words, none is a greeter command, and it includes the language the
 * package name carries. They read package.json as written, so they still
 * say which entry is wrong when the host rejects the whole manifest.
 */
export function languageChecks(plugin: PluginUnderTest): PluginCheck[] {
  const { name, packageJson } = plugin;
  const hasManifest = packageJson.greeterPlugin !== undefined;
  const entries = manifestEntries(packageJson.greeterPlugin);
  const words = (entries ?? []).filter((entry): entry is string => typeof entry === 'string' && isLanguageWord(entry));
  const nameLanguage = name.startsWith('@') && name.endsWith(`/${pluginPrefix}`) ? undefined : languageFromPackageName(name);
  // What the host reads, or (for a plugin it rejects) what it would read: the manifest's words, else the name's language.
  const claimed = entries === undefined ? [languageFromPackageName(name) ?? ''].filter(isLanguageWord) : words;
  const languages = plugin.candidate?.languages ?? [...new Set(claimed.map((word) => word.toLowerCase()))];
  return [
    {
      id: 'language-words',
      title: hasManifest ? '"greeterPlugin.languages" lists only language words' : 'no "greeterPlugin" manifest: the language is the name\'s',
      run: async () => {
        if (!hasManifest) return;
        const invalid = (entries ?? []).filter((entry) => !words.includes(entry as string));
        if (entries !== undefined && entries.length > 0 && invalid.length === 0) return;
        const what =
          entries === undefined || entries.length === 0
            ? 'is not a non-empty list'
            : `has ${invalid.length === 1 ? 'an entry that is' : 'entries that are'} not language words: ${invalid.map(describeEntry).join(', ')}`;
        throw checkFailure(
          'GREETER_PLUGIN_INVALID',
          `${name}'s "greeterPlugin.languages" ${what}.`,
          'Write each language as a word of letters or digits, "-" or "_", at most 64 characters (e.g. ["chinese", "zh", "中文"]): while one entry is invalid, greeter rejects the whole plugin.',
        );
      },
    },
    {
      id: 'language-commands',
      title: 'no language is a reserved greeter command word',
      run: async () => {
        const clashes = languages.filter((language) => isReservedWord(language));
        if (clashes.length === 0) return;
        throw checkFailure(
          'GREETER_PLUGIN_INVALID',
          `${name} claims ${clashes.map((clash) => `"${clash}"`).join(', ')}, which greeter reads as ${clashes.length === 1 ? 'a command' : 'commands'}: \`greeter ${clashes[0]}\` can never greet in that language.`,
          `Drop or rename ${clashes.length === 1 ? 'that language' : 'those languages'}: a language may not be one of greeter's reserved command words (${reservedWords.join(', ')}).`,
        );
      },
    },
    {
      id: 'language-from-name',
      title: nameLanguage === undefined ? 'the name carries no language' : `the languages include "${nameLanguage}", the language the name carries`,
      run: async () => {
        if (nameLanguage === undefined || languages.includes(nameLanguage.toLowerCase())) return;
        throw checkFailure(
          'GREETER_PLUGIN_INVALID',
          `${name}'s "greeterPlugin.languages" (${languages.map((language) => `"${language}"`).join(', ')}) lacks "${nameLanguage}", the language its name carries: \`greeter list\` does not show it, and any plugin that lists "${nameLanguage}" takes \`greeter ${nameLanguage}\` from it.`,
          `Add "${nameLanguage}" to "greeterPlugin.languages", first: the first language is the one \`greeter list\` shows.`,
        );
      },
    },
  ];
}

function manifestEntries(manifest: unknown): unknown[] | undefined {
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const languages = (manifest as { languages?: unknown }).languages;
  return Array.isArray(languages) ? languages : undefined;
}

function describeEntry(entry: unknown): string {
  if (typeof entry === 'string') return displayName(entry, 64);
  return displayText(JSON.stringify(entry) ?? String(entry), 64);
}
