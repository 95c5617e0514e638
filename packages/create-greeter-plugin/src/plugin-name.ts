import {
  GreeterError,
  type LanguageRequest,
  displayName,
  isGreeterError,
  isLanguageWord,
  isReservedWord,
  languageFromPackageName,
  parseLanguageRequest,
  pluginPrefix,
  reservedWords,
} from '@greeter/core';

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
    throw new GreeterError('GREETER_INVALID_NAME', `${displayName(input)} cannot be part of an npm package name.`, {
      hint: 'Name the package in Latin letters (`chinese`), then list other names such as `中文` in greeterPlugin.languages.',
    });
  }
  const { packageName } = request;
  const slash = packageName.indexOf('/');
  const scope = slash === -1 ? undefined : packageName.slice(0, slash);
  const baseName = packageName.slice(slash + 1);
  if (baseName === pluginPrefix) {
    throw new GreeterError('GREETER_USAGE', `${displayName(input)} names a scope but no language.`, {
      hint: 'Name the language after the scope, e.g. `@acme/klingon`.',
    });
  }
  const language = languageFromPackageName(packageName)!;
  if (!isLanguageWord(language)) {
    throw new GreeterError('GREETER_INVALID_NAME', `${displayName(language)} is too long for a language name.`, {
      hint: 'A language name has at most 64 characters.',
    });
  }
  if (isReservedWord(language)) {
    throw new GreeterError('GREETER_INVALID_NAME', `${displayName(language)} is a greeter command word: \`greeter ${language}\` always runs the command.`, {
      hint: `Name the plugin after its language; these words are kept for commands: ${reservedWords.join(', ')}.`,
    });
  }
  const optionScope = scopeOption === undefined ? undefined : resolveScope(scopeOption);
  if (scope !== undefined && optionScope !== undefined && scope !== optionScope) {
    throw new GreeterError('GREETER_USAGE', `${displayName(input)} and --scope ${displayName(scopeOption!)} name two different scopes.`, {
      hint: `Give the scope once: \`${scope}/${language}\`, or \`${language} --scope ${optionScope}\`.`,
    });
  }
  const finalScope = scope ?? optionScope;
  return { language, baseName, packageName: finalScope === undefined ? baseName : `${finalScope}/${baseName}` };
}

// The host's grammar, with a hint for this command rather than greeter's (`--plugin <path>`).
function parseRequest(input: string): LanguageRequest {
  try {
    return parseLanguageRequest(input);
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    throw new GreeterError(error.code, error.message, {
      cause: error,
      hint: 'Name a language in Latin letters or digits (`klingon`), or with a scope (`@acme/klingon`).',
    });
  }
}

/**
 * Normalises a `--scope` value to `@scope`.
 *
 * @throws GreeterError `GREETER_USAGE` when it is not an npm scope.
 */
export function resolveScope(value: string): string {
  const match = scopePattern.exec(value);
  if (!match) {
    throw new GreeterError('GREETER_USAGE', `--scope ${displayName(value)} is not an npm scope.`, {
      hint: 'A scope looks like `@acme`: lower-case letters, digits, `-` and `_`.',
    });
  }
  return `@${match[1]}`;
}
