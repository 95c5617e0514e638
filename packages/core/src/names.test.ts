import { describe, expect, it } from 'vitest';
import { isGreeterError } from './greeter-error.js';
import { displayName, displayText } from './display.js';
import { isPackageName, isReservedWord, isPluginPackageName, languageFromPackageName, parseLanguageRequest, tryParseLanguageRequest } from './names.js';

function codeOf(input: string): string | undefined {
  try {
    parseLanguageRequest(input);
  } catch (error) {
    return isGreeterError(error) ? error.code : 'not a GreeterError';
  }
  return undefined;
}

describe('parseLanguageRequest', () => {
  it.each([
    ['chinese', 'greeter-plugin-chinese'],
    ['Chinese', 'greeter-plugin-chinese'],
    ['zh_TW', 'greeter-plugin-zh_tw'],
    ['greeter-plugin-chinese', 'greeter-plugin-chinese'],
    ['中文', undefined],
    ['हिन्दी', undefined],
  ])('reads the word %s', (input, packageName) => {
    expect(parseLanguageRequest(input)).toEqual({ kind: 'word', word: input, packageName });
  });

  it.each([
    ['@acme/klingon', '@acme/greeter-plugin-klingon'],
    ['@acme', '@acme/greeter-plugin'],
    ['@acme/greeter-plugin-klingon', '@acme/greeter-plugin-klingon'],
    ['@acme/greeter-plugin', '@acme/greeter-plugin'],
  ])('reads the package %s', (input, packageName) => {
    expect(parseLanguageRequest(input)).toEqual({ kind: 'package', packageName });
  });

  it.each([
    '',
    '.',
    '..',
    '../x',
    './x',
    '/etc',
    'a/b',
    'a.b',
    'a%2fb',
    'a\\b',
    'a b',
    '-x',
    '_x',
    'x\u0000',
    'x\u001b[2J',
    'x\n',
    'x\u202e',
    '@',
    '@acme/',
    '@acme/../x',
    '@Acme/x',
    '@acme/x/y',
    'a'.repeat(65),
  ])('rejects %j', (input) => {
    expect(codeOf(input)).toBe('GREETER_INVALID_NAME');
  });

  it('accepts a word of exactly 64 characters', () => {
    expect(codeOf('a'.repeat(64))).toBeUndefined();
  });

  it('has a form that answers undefined instead of throwing', () => {
    expect(tryParseLanguageRequest('../x')).toBeUndefined();
    expect(tryParseLanguageRequest('@acme')).toEqual({ kind: 'package', packageName: '@acme/greeter-plugin' });
  });
});

describe('plugin package names', () => {
  it('follow the convention', () => {
    expect(['greeter-plugin-x', '@s/greeter-plugin', '@s/greeter-plugin-x'].every(isPluginPackageName)).toBe(true);
    expect(['greeter-plugin', 'greeter-plugin-', 'lodash', '@s/lodash', 'greeter-plugin-X'].some(isPluginPackageName)).toBe(false);
  });

  it('are told apart from any npm name a config may list', () => {
    expect(['lodash', 'lodash.get', '@s/x.y', 'greeter-plugin-x'].every(isPackageName)).toBe(true);
    expect(['Lodash', '.x', '@s/', 'a/b', 'a b', '../x', ''].some(isPackageName)).toBe(false);
  });

  it('give the language when there is no manifest', () => {
    expect(languageFromPackageName('greeter-plugin-chinese')).toBe('chinese');
    expect(languageFromPackageName('@acme/greeter-plugin-klingon')).toBe('klingon');
    expect(languageFromPackageName('@acme/greeter-plugin')).toBe('acme');
    expect(languageFromPackageName('lodash')).toBeUndefined();
  });
});

describe('displayName', () => {
  it('escapes control and formatting characters and cuts long text', () => {
    expect(displayName('a\u001b[31mb')).toBe('"a\\u{1b}[31mb"');
    expect(displayName('x\u202ey')).toBe('"x\\u{202e}y"');
    expect(displayName('中文')).toBe('"中文"');
    expect(displayName('a'.repeat(100), 10)).toBe(`"${'a'.repeat(10)}…"`);
  });

  it('renders terminal text unquoted, escaping OSC, CSI, BEL and bidi controls', () => {
    expect(displayText('1.0.0\u001b]0;pwned\u0007')).toBe('1.0.0\\u{1b}]0;pwned\\u{7}');
    expect(displayText('a\u202eb\nc')).toBe('a\\u{202e}b\\u{a}c');
    expect(displayText('你好 "x" \\')).toBe('你好 "x" \\');
  });
});

describe('reservedWords', () => {
  it("holds the contract's reserved words, each one a language word the CLI reads as a command instead", () => {
    for (const word of [
      'list',
      'doctor',
      'add',
      'remove',
      'search',
      'help',
      'completion',
      'info',
      'outdated',
      'update',
      'upgrade',
      'init',
      'trust',
      'config',
      'plugins',
      'audit',
    ]) {
      expect(isReservedWord(word), word).toBe(true);
      expect(tryParseLanguageRequest(word)?.kind, word).toBe('word');
    }
  });

  it('is case-insensitive and leaves ordinary languages alone', () => {
    expect(isReservedWord('Info')).toBe(true);
    expect(isReservedWord('chinese')).toBe(false);
    expect(isReservedWord('greet')).toBe(false);
  });
});
