import {
  type LanguageRequest,
  errorFrom,
  isLanguageWord,
  isReservedWord,
  languageFromPackageName,
  pluginPrefix,
  reservedWords,
  tryParseLanguageRequest,
} from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';

const scopePattern = /^@?([a-z0-9][a-z0-9_-]*)$/;

/** The names of the plugin package to create. */
export interface PluginName {
  /** The language, lower-case, e.g. `klingon`. */
  language: string;
  /** The npm package name, e.g. `@acme/greeter-plugin-klingon`. */
  packageName: string;
  /** The package name without its scope, e.g. `greeter-plugin-klingon`: the default folder. */
  baseName: string;
}

/**
 * Resolves what the user typed — a language (`klingon`), a scoped one
 * (`@acme/klingon`) or a full plugin name (`@acme/greeter-plugin-klingon`) —
 * and `--scope` into the package to create. It reads the input with the
 * host's own grammar, so `greeter <language>` finds what this creates.
 *
 * @throws GreeterError `GREETER_INVALID_NAME` for a name the grammar or npm
 *   refuses; `GREETER_USAGE` for a bad scope, two different scopes, or a scope
 *   without a language.
 */
export function resolvePluginName(input: string, scopeOption?: string): PluginName {
  const request = parseRequest(input);
  if (request.packageName === undefined) {
    throw errorFrom(scaffoldMessages.notAnNpmName, { input });
  }
  const { packageName } = request;
  const slash = packageName.indexOf('/');
  const scope = slash === -1 ? undefined : packageName.slice(0, slash);
  const baseName = packageName.slice(slash + 1);
  if (baseName === pluginPrefix) {
    throw errorFrom(scaffoldMessages.scopeWithoutLanguage, { input });
  }
  const language = languageFromPackageName(packageName)!;
  if (!isLanguageWord(language)) {
    throw errorFrom(scaffoldMessages.languageTooLong, { language });
  }
  if (isReservedWord(language)) {
    throw errorFrom(scaffoldMessages.commandWord, { language, commandWords: reservedWords });
  }
  const optionScope = scopeOption === undefined ? undefined : resolveScope(scopeOption);
  if (scope !== undefined && optionScope !== undefined && scope !== optionScope) {
    throw errorFrom(scaffoldMessages.twoScopes, { input, scopeOption: scopeOption!, scope, optionScope, language });
  }
  const finalScope = scope ?? optionScope;
  return { language, baseName, packageName: finalScope === undefined ? baseName : `${finalScope}/${baseName}` };
}

// The host's grammar, with a hint for this command rather than greeter's (`--plugin <path>`).
function parseRequest(input: string): LanguageRequest {
  const request = tryParseLanguageRequest(input);
  if (request === undefined) throw errorFrom(scaffoldMessages.notALanguageRequest, { input });
  return request;
}

/**
 * Normalises a `--scope` value to `@scope`.
 *
 * @throws GreeterError `GREETER_USAGE` when it is not an npm scope.
 */
export function resolveScope(value: string): string {
  const match = scopePattern.exec(value);
  if (!match) {
    throw errorFrom(scaffoldMessages.notAScope, { value });
  }
  return `@${match[1]}`;
}
