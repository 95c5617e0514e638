import { describe, expect, it } from 'vitest';
import { validateConfig } from './validate-config.js';

describe('validateConfig', () => {
  it('accepts every documented key', () => {
    const input = {
      default: 'chinese',
      plugins: ['@acme/greeter-plugin-klingon', './plugins/pirate', 'swedish'],
      aliases: { zh: 'chinese' },
      autoDiscover: false,
      isolate: true,
      trust: ['greeter-plugin-pirate'],
      permissions: { 'greeter-plugin-weather': { net: true, env: ['WEATHER_API_KEY'] } },
      requireProvenance: true,
      trustedRoot: './sigstore/trusted_root.json',
    };
    const result = validateConfig(input);
    expect(result.ok).toBe(true);
    if (result.ok) expect({ ...result.config, aliases: { ...result.config.aliases }, permissions: { ...result.config.permissions } }).toEqual(input);
  });

  it('reports every problem at once, each under its key path', () => {
    const result = validateConfig({ default: '../x', plugins: ['ok', 3, 'has space'], aliases: { zh: 5 }, autoDiscover: 'yes', isolate: 1, colour: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((problem) => problem.split(':')[0])).toEqual([
        '"colour"',
        'default',
        'plugins[1]',
        'plugins[2]',
        'aliases."zh"',
        'autoDiscover',
        'isolate',
      ]);
    }
  });

  it('reports every wrong trust entry and grant under its key path', () => {
    const result = validateConfig({
      trust: ['ok', '../x', 4],
      permissions: { 'greeter-plugin-a': { net: 'yes', env: ['OK', 'no space'], fs: true }, 'Not A Name': {}, 'greeter-plugin-b': true },
      requireProvenance: 'no',
      trustedRoot: 7,
    });
    expect(result.ok ? [] : result.problems.map((problem) => problem.split(':')[0])).toEqual([
      'trust[1]',
      'trust[2]',
      'permissions."greeter-plugin-a"."fs"',
      'permissions."greeter-plugin-a".net',
      'permissions."greeter-plugin-a".env',
      'permissions."Not A Name"',
      'permissions."greeter-plugin-b"',
      'trustedRoot',
      'requireProvenance',
    ]);
  });

  it.each([true, false])('accepts "isolate": %s', (isolate) => {
    expect(validateConfig({ isolate })).toEqual({ ok: true, config: { isolate } });
  });

  it.each(['yes', 'true', 1, null, {}])('rejects "isolate": %o under its key', (isolate) => {
    const result = validateConfig({ isolate });
    expect(result.ok ? [] : result.problems.map((problem) => problem.split(':')[0])).toEqual(['isolate']);
  });

  it('rejects what is not an object, and never touches Object.prototype', () => {
    for (const input of [null, [], 'x', 3]) expect(validateConfig(input).ok).toBe(false);
    const result = validateConfig(JSON.parse('{"aliases":{"__proto__":"chinese","zh":"chinese"}}'));
    expect(({} as Record<string, unknown>)['zh']).toBeUndefined();
    expect(result.ok).toBe(false);
  });
});
