import { describe, expect, it } from 'vitest';
import type { Discovery, PluginCandidate, PluginSource } from '../types.js';
import { GreeterError } from '@greeter/core';
import { resolvePlugin } from './resolve-plugin.js';

function candidate(name: string, languages: string[], source: PluginSource = 'project'): PluginCandidate {
  return {
    name,
    version: '1.0.0',
    languages,
    source,
    path: `/p/${name}`,
    realPath: `/p/${name}`,
    coreRange: undefined,
    origin: `${source} folder`,
    packageJson: { name },
    shadows: [],
  };
}

function discovery(candidates: PluginCandidate[], problems: Discovery['problems'] = []): Discovery {
  return { candidates, problems, searched: [] };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as GreeterError).code;
  }
  return undefined;
}

const chinese = candidate('greeter-plugin-chinese', ['chinese', 'zh', '中文']);
const english = candidate('greeter-plugin-english', ['english', 'en'], 'builtin');

describe('resolvePlugin', () => {
  it('matches languages and aliases, case-insensitively', () => {
    const found = discovery([chinese, english]);
    expect(resolvePlugin(found, 'chinese').name).toBe('greeter-plugin-chinese');
    expect(resolvePlugin(found, '中文').name).toBe('greeter-plugin-chinese');
    expect(resolvePlugin(found, 'English').name).toBe('greeter-plugin-english');
  });

  it('matches package names: full, scoped short and scope-only', () => {
    const klingon = candidate('@acme/greeter-plugin-klingon', ['tlh']);
    const acme = candidate('@acme/greeter-plugin', ['acme-speak']);
    const found = discovery([chinese, klingon, acme]);
    expect(resolvePlugin(found, 'greeter-plugin-chinese')).toBe(chinese);
    expect(resolvePlugin(found, '@acme/klingon')).toBe(klingon);
    expect(resolvePlugin(found, '@acme/greeter-plugin-klingon')).toBe(klingon);
    expect(resolvePlugin(found, '@acme')).toBe(acme);
  });

  it('applies config aliases, to a language or to a package', () => {
    const found = discovery([chinese, english]);
    expect(resolvePlugin(found, 'mandarin', { aliases: { mandarin: 'chinese' } })).toBe(chinese);
    expect(resolvePlugin(found, 'hi', { aliases: { hi: 'greeter-plugin-english' } })).toBe(english);
    expect(codeOf(() => resolvePlugin(found, 'constructor', { aliases: {} }))).toBe('GREETER_PLUGIN_NOT_FOUND');
  });

  it('prefers the higher source, then the plugin whose name carries the language', () => {
    const globalChinese = candidate('@other/greeter-plugin-chinese', ['chinese'], 'builtin');
    expect(resolvePlugin(discovery([globalChinese, chinese]), 'chinese')).toBe(chinese);
    const aliasOnly = candidate('greeter-plugin-sinitic', ['chinese', 'cantonese']);
    expect(resolvePlugin(discovery([aliasOnly, chinese]), 'chinese')).toBe(chinese);
    const configured = candidate('greeter-plugin-sinitic', ['chinese'], 'config');
    expect(resolvePlugin(discovery([chinese, configured]), 'chinese')).toBe(configured);
  });

  it('reports a tie left after the rules as a conflict', () => {
    const one = candidate('greeter-plugin-a', ['klingon']);
    const two = candidate('greeter-plugin-b', ['klingon']);
    expect(codeOf(() => resolvePlugin(discovery([one, two]), 'klingon'))).toBe('GREETER_PLUGIN_CONFLICT');
  });

  it('never resolves a word to a non-conventional package', () => {
    const lodash = candidate('lodash', ['lodash'], 'builtin');
    const found = discovery([chinese]);
    expect(codeOf(() => resolvePlugin(found, 'lodash'))).toBe('GREETER_PLUGIN_NOT_FOUND');
    // Only a config-named package can answer to a non-conventional name.
    expect(resolvePlugin(discovery([lodash]), 'lodash')).toBe(lodash);
  });

  it('rejects paths and control characters before anything else', () => {
    for (const input of ['../etc', './x', 'a/b', 'a.b', '%2e%2e', 'a\\b', 'a b', 'zh\u001b[31m', '', '-x']) {
      expect(codeOf(() => resolvePlugin(discovery([chinese]), input))).toBe('GREETER_INVALID_NAME');
    }
  });

  it('throws the problem of a broken plugin that was asked for by name', () => {
    const error = new GreeterError('GREETER_PLUGIN_INVALID', 'bad manifest');
    const found = discovery([], [{ name: 'greeter-plugin-bad', path: '/p', source: 'project', error }]);
    expect(codeOf(() => resolvePlugin(found, 'bad'))).toBe('GREETER_PLUGIN_INVALID');
  });

  it('suggests a near name and the install command when nothing matches', () => {
    try {
      resolvePlugin(discovery([chinese, english]), 'chinse', { packageManager: () => 'pnpm' });
      expect.unreachable();
    } catch (error) {
      expect((error as GreeterError).code).toBe('GREETER_PLUGIN_NOT_FOUND');
      expect((error as GreeterError).hint).toContain('"chinese"');
      expect((error as GreeterError).hint).toContain('pnpm add greeter-plugin-chinse');
    }
  });
});
