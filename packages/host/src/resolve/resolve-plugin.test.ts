import { describe, expect, it } from 'vitest';
import { GreeterError } from '@greeter/core';
import type { Discovery, DiscoveryProblem, PluginCandidate, PluginSource } from '../types.js';
import { applyAlias, conventionalNames, isConclusive, resolvePlugin, type Resolution } from './resolve-plugin.js';

function candidate(name: string, languages: string[], source: PluginSource = 'project'): PluginCandidate {
  return {
    name,
    version: '1.0.0',
    languages,
    source,
    path: `/p/${source}/${name}`,
    realPath: `/p/${source}/${name}`,
    coreRange: undefined,
    permissions: { net: false, env: [] },
    origin: `${source} folder`,
    packageJson: { name },
    shadows: [],
  };
}

function discovery(candidates: PluginCandidate[], problems: DiscoveryProblem[] = [], only?: string[]): Discovery {
  return { candidates, problems, searched: [], only, notes: [] };
}

// A resolution as plain data: the winner's name or the error's code, and the trace.
function outcome(resolution: Resolution) {
  return resolution.error === undefined
    ? { chosen: resolution.candidate.name, byClaim: resolution.byClaim, carrier: resolution.carrier, trace: resolution.trace }
    : { code: resolution.error.code, trace: resolution.trace };
}

const chinese = candidate('greeter-plugin-chinese', ['chinese', 'zh', '中文']);
const english = candidate('greeter-plugin-english', ['english', 'en'], 'builtin');

describe('resolvePlugin', () => {
  it('picks the one plugin that claims the language, whatever its case', () => {
    expect(outcome(resolvePlugin(discovery([chinese, english]), 'English'))).toEqual({
      chosen: 'greeter-plugin-english',
      byClaim: true,
      carrier: true,
      trace: [{ kind: 'claim', name: 'greeter-plugin-english', source: 'builtin', verdict: 'chosen', winner: undefined }],
    });
    expect(outcome(resolvePlugin(discovery([chinese, english]), '中文'))).toMatchObject({ chosen: 'greeter-plugin-chinese', byClaim: true, carrier: false });
  });

  it('prefers the higher source, and says why the other lost', () => {
    const builtinChinese = candidate('greeter-plugin-chinese', ['chinese'], 'builtin');
    const configured = candidate('greeter-plugin-sinitic', ['chinese'], 'config');
    expect(outcome(resolvePlugin(discovery([configured, chinese, builtinChinese]), 'chinese'))).toEqual({
      chosen: 'greeter-plugin-sinitic',
      byClaim: true,
      carrier: false,
      trace: [
        { kind: 'claim', name: 'greeter-plugin-sinitic', source: 'config', verdict: 'chosen', winner: undefined },
        { kind: 'claim', name: 'greeter-plugin-chinese', source: 'project', verdict: 'lower-source', winner: 'greeter-plugin-sinitic' },
        { kind: 'claim', name: 'greeter-plugin-chinese', source: 'builtin', verdict: 'lower-source', winner: 'greeter-plugin-sinitic' },
      ],
    });
  });

  it('prefers, within one source, the plugin whose name carries the language over one that lists it as an alias', () => {
    const sinitic = candidate('greeter-plugin-sinitic', ['cantonese', 'chinese']);
    expect(outcome(resolvePlugin(discovery([sinitic, chinese]), 'chinese'))).toEqual({
      chosen: 'greeter-plugin-chinese',
      byClaim: true,
      carrier: true,
      trace: [
        { kind: 'claim', name: 'greeter-plugin-sinitic', source: 'project', verdict: 'alias-loses-to-carrier', winner: 'greeter-plugin-chinese' },
        { kind: 'claim', name: 'greeter-plugin-chinese', source: 'project', verdict: 'chosen', winner: undefined },
      ],
    });
  });

  it('reports a tie left after the rules as a conflict, even with a carrier in a lower source', () => {
    const one = candidate('greeter-plugin-a', ['klingon']);
    const two = candidate('@acme/greeter-plugin-b', ['klingon']);
    const carrier = candidate('greeter-plugin-klingon', ['klingon'], 'global');
    expect(outcome(resolvePlugin(discovery([one, two, carrier]), 'klingon'))).toEqual({
      code: 'GREETER_PLUGIN_CONFLICT',
      trace: [
        { kind: 'claim', name: 'greeter-plugin-a', source: 'project', verdict: 'conflict' },
        { kind: 'claim', name: '@acme/greeter-plugin-b', source: 'project', verdict: 'conflict' },
        { kind: 'claim', name: 'greeter-plugin-klingon', source: 'global', verdict: 'lower-source' },
      ],
    });
  });

  it('hints at the config for a conflict: adding a plugin to it, or keeping one of the two it names', () => {
    const hint = (source: 'project' | 'config') => {
      const resolution = resolvePlugin(
        discovery([candidate('greeter-plugin-a', ['klingon'], source), candidate('greeter-plugin-b', ['klingon'], source)]),
        'klingon',
        { configFile: '/p/.greeterrc.json' },
      );
      return resolution.error?.hint;
    };
    expect([hint('project'), hint('config')]).toEqual([
      'Pick one in /p/.greeterrc.json: "plugins": ["greeter-plugin-a"] (or "greeter-plugin-b").',
      'Keep only one of them in the "plugins" of /p/.greeterrc.json.',
    ]);
  });

  it('names the package by convention when no plugin claims the word', () => {
    const klingon = candidate('@acme/greeter-plugin-klingon', ['tlh']);
    const acme = candidate('@acme/greeter-plugin', ['acme-speak']);
    const found = discovery([chinese, klingon, acme]);
    const chosen = (input: string) => {
      const resolution = resolvePlugin(found, input);
      return resolution.error === undefined ? [resolution.candidate.name, resolution.byClaim] : resolution.error.code;
    };
    expect(['greeter-plugin-chinese', '@acme/klingon', '@acme/greeter-plugin-klingon', '@acme'].map(chosen)).toEqual([
      ['greeter-plugin-chinese', false],
      ['@acme/greeter-plugin-klingon', false],
      ['@acme/greeter-plugin-klingon', false],
      ['@acme/greeter-plugin', false],
    ]);
    expect(resolvePlugin(found, '@acme/klingon').trace).toEqual([{ kind: 'package', packageName: '@acme/greeter-plugin-klingon', verdict: 'chosen' }]);
  });

  it('applies a config alias first, to a language or to a package', () => {
    const aliases = { mandarin: 'chinese', hi: 'greeter-plugin-english' };
    expect(outcome(resolvePlugin(discovery([chinese, english]), 'Mandarin', { aliases }))).toMatchObject({
      chosen: 'greeter-plugin-chinese',
      trace: [
        { kind: 'alias', alias: 'Mandarin', target: 'chinese' },
        { kind: 'claim', verdict: 'chosen' },
      ],
    });
    expect(outcome(resolvePlugin(discovery([chinese, english]), 'hi', { aliases }))).toMatchObject({ chosen: 'greeter-plugin-english', byClaim: false });
  });

  it('takes no alias from the prototype chain', () => {
    expect(outcome(resolvePlugin(discovery([chinese]), 'constructor', { aliases: {} }))).toMatchObject({ code: 'GREETER_PLUGIN_NOT_FOUND' });
  });

  it('never resolves a word to a package that does not follow the convention', () => {
    const lodash = candidate('lodash', [], 'builtin');
    expect(outcome(resolvePlugin(discovery([lodash]), 'lodash'))).toEqual({
      code: 'GREETER_PLUGIN_NOT_FOUND',
      trace: [{ kind: 'package', packageName: 'greeter-plugin-lodash', verdict: 'not-installed' }],
    });
  });

  it('returns the problem of a broken plugin that was asked for', () => {
    const problem: DiscoveryProblem = {
      name: 'greeter-plugin-bad',
      path: '/p/bad',
      source: 'project',
      error: new GreeterError('GREETER_PLUGIN_INVALID', 'bad manifest'),
    };
    expect(outcome(resolvePlugin(discovery([], [problem]), 'bad'))).toEqual({
      code: 'GREETER_PLUGIN_INVALID',
      trace: [{ kind: 'package', packageName: 'greeter-plugin-bad', verdict: 'broken', problem }],
    });
  });

  it('refuses paths, dots, escapes, spaces and control characters before anything else', () => {
    const inputs = ['../etc', './x', 'a/b', 'a.b', '%2e%2e', 'a\\b', 'a b', 'zh\u001b[31m', '', '-x', 'x'.repeat(65)];
    expect(inputs.map((input) => outcome(resolvePlugin(discovery([chinese]), input)))).toEqual(
      inputs.map((input) => ({ code: 'GREETER_INVALID_NAME', trace: [{ kind: 'refused', input }] })),
    );
  });

  it('refuses an alias whose target is not a name', () => {
    expect(outcome(resolvePlugin(discovery([chinese]), 'zh', { aliases: { zh: '../chinese' } }))).toEqual({
      code: 'GREETER_INVALID_NAME',
      trace: [{ kind: 'refused', input: 'zh' }],
    });
  });

  it('suggests a near name and the install command when nothing matches', () => {
    const resolution = resolvePlugin(discovery([chinese, english]), 'chinse', { addCommand: (name) => `pnpm add ${name}` });
    expect(resolution.error?.code).toBe('GREETER_PLUGIN_NOT_FOUND');
    expect(resolution.error?.hint).toContain('"chinese"');
    expect(resolution.error?.hint).toContain('`pnpm add greeter-plugin-chinse`');
  });
});

describe('isConclusive', () => {
  const carrier = candidate('greeter-plugin-chinese', ['chinese']);
  const aliasOnly = candidate('greeter-plugin-sinitic', ['chinese']);
  const scoped = (...candidates: PluginCandidate[]) => discovery(candidates, [], ['greeter-plugin-chinese']);
  const conclusive = (found: Discovery, disabled: PluginSource[] = []) => isConclusive(resolvePlugin(found, 'chinese'), found, new Set(disabled));

  it('accepts a carrier of the highest source that was not listed in full', () => {
    expect(conclusive(scoped(carrier))).toBe(true);
  });

  it('accepts a config plugin, since config plugins are always read in full', () => {
    expect(conclusive(scoped(candidate('greeter-plugin-sinitic', ['chinese'], 'config')))).toBe(true);
  });

  it('rejects a plugin of a lower source while a higher source was not listed in full', () => {
    expect(conclusive(scoped(candidate('greeter-plugin-chinese', ['chinese'], 'global')))).toBe(false);
    expect(conclusive(scoped(candidate('greeter-plugin-chinese', ['chinese'], 'builtin')), ['global'])).toBe(false);
  });

  it('accepts a plugin of a lower source when every source above it is disabled', () => {
    expect(conclusive(scoped(candidate('greeter-plugin-chinese', ['chinese'], 'builtin')), ['project', 'global'])).toBe(true);
  });

  it('rejects a plugin that claims the language as an alias unless its source was listed in full', () => {
    const config = candidate('greeter-plugin-sinitic', ['chinese'], 'config');
    expect(conclusive(discovery([aliasOnly], [], ['greeter-plugin-chinese']))).toBe(false);
    expect(conclusive(discovery([aliasOnly], [], undefined))).toBe(true);
    expect(conclusive(discovery([config], [], ['greeter-plugin-chinese']))).toBe(true);
  });

  it('rejects a match by package name and any error on the fast path, and accepts both on full discovery', () => {
    const byName = (found: Discovery) => isConclusive(resolvePlugin(found, 'greeter-plugin-chinese'), found);
    const missing = (found: Discovery) => isConclusive(resolvePlugin(found, 'klingon'), found);
    expect([byName(scoped(candidate('greeter-plugin-chinese', ['zh']))), missing(scoped())]).toEqual([false, false]);
    expect([byName(discovery([candidate('greeter-plugin-chinese', ['zh'])])), missing(discovery([]))]).toEqual([true, true]);
  });
});

describe('applyAlias and conventionalNames', () => {
  it('looks an alias up case-insensitively and only among own keys', () => {
    const aliases = Object.assign(Object.create(null) as Record<string, string>, { zh: 'chinese' });
    expect([applyAlias(aliases, 'ZH'), applyAlias({}, 'toString'), applyAlias(undefined, 'zh')]).toEqual(['chinese', 'toString', 'zh']);
  });

  it('names the conventional package of a word, a scope or an alias, and none for what cannot be one', () => {
    expect(['English', '@acme', '@acme/klingon', '中文', '../x'].map((input) => conventionalNames(input))).toEqual([
      ['greeter-plugin-english'],
      ['@acme/greeter-plugin'],
      ['@acme/greeter-plugin-klingon'],
      [],
      [],
    ]);
    expect(conventionalNames('zh', { zh: 'chinese' })).toEqual(['greeter-plugin-chinese']);
  });
});
