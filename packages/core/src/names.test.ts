import { describe, expect, it } from 'vitest';
import { isGreeterError } from './greeter-error.js';
import { displayName, isPluginPackageName, languageFromPackageName, parseLanguageRequest } from './names.js';

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
    '', '.', '..', '../x', './x', '/etc', 'a/b', 'a.b', 'a%2fb', 'a\\b', 'a b', '-x', '_x',
    'x\u0000', 'x\u001b[2J', 'x\n', 'x\u202e', '@', '@acme/', '@acme/../x', '@Acme/x', '@acme/x/y',
    'a'.repeat(65),
  ])('rejects %j', (input) => {
    expect(codeOf(input)).toBe('GREETER_INVALID_NAME');
  });

  it('accepts a word of exactly 64 characters', () => {
    expect(codeOf('a'.repeat(64))).toBeUndefined();
  });
});

describe('plugin package names', () => {
  it('follow the convention', () => {
    expect(['greeter-plugin-x', '@s/greeter-plugin', '@s/greeter-plugin-x'].every(isPluginPackageName)).toBe(true);
    expect(['greeter-plugin', 'greeter-plugin-', 'lodash', '@s/lodash', 'greeter-plugin-X'].some(isPluginPackageName)).toBe(false);
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
});
