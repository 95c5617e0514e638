import { displayName, displayText, errorFrom, isLanguageWord, isReservedWord, languageFromPackageName, pluginPrefix } from '@greeter/core';
import { testkitMessages } from '@greeter/core/messages';
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
        const listsNothing = entries === undefined || entries.length === 0;
        throw errorFrom(testkitMessages.languagesInvalid, { name, invalid: listsNothing ? undefined : invalid.map(describeEntry) });
      },
    },
    {
      id: 'language-commands',
      title: 'no language is a reserved greeter command word',
      run: async () => {
        const clashes = languages.filter((language) => isReservedWord(language));
        if (clashes.length === 0) return;
        throw errorFrom(testkitMessages.languagesAreCommands, { name, clashes });
      },
    },
    {
      id: 'language-from-name',
      title: nameLanguage === undefined ? 'the name carries no language' : `the languages include "${nameLanguage}", the language the name carries`,
      run: async () => {
        if (nameLanguage === undefined || languages.includes(nameLanguage.toLowerCase())) return;
        throw errorFrom(testkitMessages.nameLanguageMissing, { name, languages, nameLanguage });
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
