import { describe, expect, it } from 'vitest';
import { resolvePluginName } from './plugin-name.js';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('resolvePluginName', () => {
  it('names the package after a lower-cased language', () => {
    expect(resolvePluginName('Klingon')).toEqual({ language: 'klingon', packageName: 'greeter-plugin-klingon', baseName: 'greeter-plugin-klingon' });
  });

  it('reads a scope from the argument: @acme/klingon → @acme/greeter-plugin-klingon, folder without the scope', () => {
    expect(resolvePluginName('@acme/klingon')).toEqual({
      language: 'klingon',
      packageName: '@acme/greeter-plugin-klingon',
      baseName: 'greeter-plugin-klingon',
    });
  });

  it('takes a full plugin name as it is', () => {
    expect(resolvePluginName('@acme/greeter-plugin-klingon').packageName).toBe('@acme/greeter-plugin-klingon');
    expect(resolvePluginName('greeter-plugin-klingon').packageName).toBe('greeter-plugin-klingon');
  });

  it('scopes with --scope, with or without its @', () => {
    expect(resolvePluginName('klingon', 'acme').packageName).toBe('@acme/greeter-plugin-klingon');
    expect(resolvePluginName('klingon', '@acme').packageName).toBe('@acme/greeter-plugin-klingon');
  });

  it('accepts one scope given both ways', () => {
    expect(resolvePluginName('@acme/klingon', 'acme').packageName).toBe('@acme/greeter-plugin-klingon');
  });

  it.each([
    ['two different scopes', '@acme/klingon', '@other'],
    ['a scope without a language', '@acme', undefined],
    ['a --scope that is not a scope', 'klingon', '@Bad Scope'],
  ])('refuses %s with GREETER_USAGE', (_, input, scope) => {
    expect(codeOf(() => resolvePluginName(input, scope))).toBe('GREETER_USAGE');
  });

  it.each(['../x', 'a.b', 'a b', '中文', '', '@acme/../x', `@acme/${'k'.repeat(65)}`])('refuses %j with GREETER_INVALID_NAME', (input) => {
    expect(codeOf(() => resolvePluginName(input))).toBe('GREETER_INVALID_NAME');
  });
});
