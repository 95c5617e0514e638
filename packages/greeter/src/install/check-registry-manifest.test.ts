import { describe, expect, it } from 'vitest';
import { isGreeterError } from '@greeter/core';
import { checkRegistryManifest, type RegistryManifest } from './check-registry-manifest.js';

function codeOf(manifest: RegistryManifest): string | undefined {
  try {
    checkRegistryManifest('greeter-plugin-x', manifest, '1.2.0');
  } catch (error) {
    return isGreeterError(error) ? error.code : 'not a GreeterError';
  }
  return undefined;
}

describe('checkRegistryManifest', () => {
  it('accepts a plugin by keyword or by manifest, with or without a peer range that admits the core', () => {
    expect(codeOf({ keywords: ['greeter-plugin'] })).toBeUndefined();
    expect(codeOf({ greeterPlugin: { languages: ['x'] }, peerDependencies: { '@greeter/core': '^1.0.0' } })).toBeUndefined();
  });

  it('refuses a package that is not a plugin', () => {
    expect(codeOf({ keywords: ['lodash'] })).toBe('GREETER_PLUGIN_INVALID');
    expect(codeOf({})).toBe('GREETER_PLUGIN_INVALID');
  });

  it('refuses a plugin made for another major of @greeter/core', () => {
    expect(codeOf({ keywords: ['greeter-plugin'], peerDependencies: { '@greeter/core': '^2.0.0' } })).toBe('GREETER_PLUGIN_INCOMPATIBLE');
  });
});
