import { errorFrom } from './error-messages.js';
import { pluginMessages } from './messages/plugins.js';
import { isWordCodePoint } from './word-code-points.js';

/** The prefix every plugin package name carries. */
export const pluginPrefix = 'greeter-plugin';

const maxWordLength = 64;
// Letters of any script, digits, combining marks (for scripts that need
// them), `-` and `_`, starting with a letter or digit. Read from ranges
// generated from Unicode's tables (word-ranges.ts): the Unicode property
// sets of the pattern cost about 16 M instructions (5 ms) to build, at each
// start that checks a non-ASCII word. The pattern, built on first use from
// a string (V8 builds a literal's sets when it parses the file), decides
// only what the ranges refuse: a letter newer than their Unicode, or no word.
let wordPattern: RegExp | undefined;
const asciiWordPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
// npm's rules for new names, minus the dots the contract forbids.
const npmSegment = /^[a-z0-9][a-z0-9_-]*$/;
const scopedPattern = /^@([a-z0-9][a-z0-9_-]*)(?:\/([a-z0-9][a-z0-9_-]*))?$/;
// Any npm package name a config may name explicitly: npm's rules for new
// names (lower case; `.`, `-`, `_` inside), scoped or not.
const packageNamePattern = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const maxPackageNameLength = 214;

/**
 * Words that are greeter commands, today's and those kept for commands to
 * come. `greeter <word>` always runs the command, so no plugin may claim one
 * as a language: discovery lists such a plugin as broken, the testkit fails
 * it and the scaffolder refuses it.
 */
export const reservedWords = [
  'list',
  'doctor',
  'add',
  'remove',
  'search',
  'outdated',
  'update',
  'info',
  'init',
  'help',
  'completion',
  'upgrade',
  'trust',
  'config',
  'plugins',
  'audit',
] as const;

/** A word `greeter <word>` reads as a command, never as a language. */
export type ReservedWord = (typeof reservedWords)[number];

/** True when `word` (in any case) is a reserved command word. */
export function isReservedWord(word: string): boolean {
  return (reservedWords as readonly string[]).includes(word.toLowerCase());
}

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
  if (asciiWordPattern.test(value)) return value.length <= maxWordLength;
  const codePoints = Array.from(value, (char) => char.codePointAt(0) ?? 0);
  if (codePoints.length === 0 || codePoints.length > maxWordLength) return false;
  if (codePoints.every((codePoint, index) => isWordCodePoint(codePoint, index === 0 ? 'start' : 'rest'))) return true;
  // biome-ignore lint/complexity/useRegexLiterals: V8 builds a literal's Unicode sets when it parses the file, even inside a function never called.
  wordPattern ??= new RegExp('^[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}_-]*$', 'u');
  return wordPattern.test(value);
}

/** True when `name` is a valid npm package name (not necessarily a plugin's). */
export function isPackageName(name: string): boolean {
  return name.length <= maxPackageNameLength && packageNamePattern.test(name);
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
 * control characters) is `undefined`.
 */
export function tryParseLanguageRequest(input: string): LanguageRequest | undefined {
  if (isLanguageWord(input)) {
    return { kind: 'word', word: input, packageName: pluginPackageNameForWord(input) };
  }
  const scoped = input.length <= maxPackageNameLength ? scopedPattern.exec(input) : null;
  if (!scoped) return undefined;
  const [, scope, base] = scoped;
  const packageName = base === undefined ? `@${scope}/${pluginPrefix}` : isPluginBaseName(base, true) ? input : `@${scope}/${pluginPrefix}-${base}`;
  return packageName.length <= maxPackageNameLength ? { kind: 'package', packageName } : undefined;
}

/**
 * {@link tryParseLanguageRequest}, for callers that stop at a bad argument.
 *
 * @throws GreeterError `GREETER_INVALID_NAME`, with the input escaped.
 */
export function parseLanguageRequest(input: string): LanguageRequest {
  const request = tryParseLanguageRequest(input);
  if (request !== undefined) return request;
  throw errorFrom(pluginMessages.notALanguageRequest, { input });
}

function pluginPackageNameForWord(word: string): string | undefined {
  const lower = word.toLowerCase();
  if (!npmSegment.test(lower)) return undefined;
  const name = isPluginBaseName(lower, false) ? lower : `${pluginPrefix}-${lower}`;
  return name.length <= maxPackageNameLength ? name : undefined;
}
