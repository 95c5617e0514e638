import { GreeterError } from './greeter-error.js';

/** The prefix every plugin package name carries. */
export const pluginPrefix = 'greeter-plugin';

const maxWordLength = 64;
// Letters of any script, digits, combining marks (for scripts that need
// them), `-` and `_`, starting with a letter or digit.
const wordPattern = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_-]*$/u;
const asciiWordPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// npm's rules for new names, minus the dots the contract forbids.
const npmSegment = /^[a-z0-9][a-z0-9_-]*$/;
const scopedPattern = /^@([a-z0-9][a-z0-9_-]*)(?:\/([a-z0-9][a-z0-9_-]*))?$/;
const maxPackageNameLength = 214;

/** What the language argument of `greeter <language>` turned out to be. */
export type LanguageRequest =
  | {
      kind: 'word';
      /** The word as given, e.g. `chinese`, `中文`, `greeter-plugin-chinese`. */
      word: string;
      /** The plugin package the word names by convention, if it can name one. */
      packageName: string | undefined;
    }
  | {
      kind: 'package';
      /** The scoped plugin package the argument names, e.g. `@acme/greeter-plugin-klingon`. */
      packageName: string;
    };

/** True when `value` is a language word: letters of any script, digits, `-`, `_`; at most 64. */
export function isLanguageWord(value: string): boolean {
  // Most names are plain ASCII: that check skips compiling the Unicode pattern.
  if (asciiWordPattern.test(value)) return value.length <= maxWordLength;
  return [...value].length <= maxWordLength && wordPattern.test(value);
}

/** True when `name` follows the plugin naming convention. */
export function isPluginPackageName(name: string): boolean {
  if (name.length > maxPackageNameLength) return false;
  const scoped = scopedPattern.exec(name);
  if (scoped) return scoped[2] !== undefined && isPluginBaseName(scoped[2], true);
  return npmSegment.test(name) && isPluginBaseName(name, false);
}

function isPluginBaseName(base: string, scoped: boolean): boolean {
  if (scoped && base === pluginPrefix) return true;
  return base.startsWith(`${pluginPrefix}-`) && base.length > pluginPrefix.length + 1;
}

/**
 * The language a plugin answers to when its package.json has no manifest:
 * the name's suffix (`greeter-plugin-chinese` → `chinese`), or the scope for
 * `@scope/greeter-plugin`.
 */
export function languageFromPackageName(name: string): string | undefined {
  if (!isPluginPackageName(name)) return undefined;
  const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  if (base === pluginPrefix) return name.slice(1, name.indexOf('/'));
  return base.slice(pluginPrefix.length + 1);
}

/**
 * Parses the language argument before any file is touched: a word or a
 * conventional package name; anything else (paths, dots, `%`, `\`, spaces,
 * control characters) is `GREETER_INVALID_NAME`.
 */
export function parseLanguageRequest(input: string): LanguageRequest {
  if (isLanguageWord(input)) {
    return { kind: 'word', word: input, packageName: pluginPackageNameForWord(input) };
  }
  const scoped = input.length <= maxPackageNameLength ? scopedPattern.exec(input) : null;
  if (scoped) {
    const [, scope, base] = scoped;
    const packageName =
      base === undefined
        ? `@${scope}/${pluginPrefix}`
        : isPluginBaseName(base, true)
          ? input
          : `@${scope}/${pluginPrefix}-${base}`;
    if (packageName.length <= maxPackageNameLength) return { kind: 'package', packageName };
  }
  throw new GreeterError(
    'GREETER_INVALID_NAME',
    `${displayName(input)} is not a language name or a plugin package name.`,
  );
}

function pluginPackageNameForWord(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (!npmSegment.test(lower)) return undefined;
  const name = isPluginBaseName(lower, false) ? lower : `${pluginPrefix}-${lower}`;
  return name.length <= maxPackageNameLength ? name : undefined;
}

/**
 * Quotes untrusted text for a message: control and formatting characters are
 * escaped (`\u{1b}`), long text is cut, so a name never reaches a terminal raw.
 */
export function displayName(value: string, maxLength = 80): string {
  const chars = [...value];
  const shown = chars.length > maxLength ? [...chars.slice(0, maxLength), '…'] : chars;
  const escaped = shown
    .map((char) => (/[\p{C}\p{Zl}\p{Zp}\\"]/u.test(char) ? escapeChar(char) : char))
    .join('');
  return `"${escaped}"`;
}

function escapeChar(char: string): string {
  if (char === '\\' || char === '"') return `\\${char}`;
  return `\\u{${char.codePointAt(0)!.toString(16)}}`;
}
