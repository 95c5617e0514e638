import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '@greeter/core';
import { makeTree, pluginPackage, rejectionCode, removeTrees, type PluginSpec, type Tree } from '@greeter/fixtures';
import { checkPlugin } from './check-plugin.js';
import { planChecks } from './plan-checks.js';
import type { CheckResult, PluginCase } from './types.js';

afterAll(removeTrees);

/** A plugin that keeps the contract, changed by `spec`. */
const plugin = (spec: PluginSpec = {}, name = 'greeter-plugin-pirate') =>
  makeTree(
    pluginPackage(name, 'Ahoy', {
      languages: ['pirate', 'arr'],
      ...spec,
      packageJson: { description: 'Greets like a pirate.', ...spec.packageJson },
    }),
  );

// An installed @greeter/core beside the plugin, so its run-time import resolves.
const installedCore: Tree = {
  node_modules: {
    '@greeter': {
      core: {
        'package.json': JSON.stringify({ name: '@greeter/core', version: '1.0.0', type: 'module', main: 'index.js' }),
        'index.js': 'export const definePlugin = (greeter) => greeter;\n',
      },
    },
  },
};
const usesDefinePlugin =
  "import { definePlugin } from '@greeter/core';\nexport const Greeter = definePlugin({ greet: ({ name } = {}) => 'Ahoy ' + (name ?? 'Universe') });\n";

// A plugin that never settles is given little time; any other, enough for
// a busy machine, where loading a healthy plugin can take longer than that.
const hangMs = 300;
const enoughMs = 20_000;
const results = (dir: string, cases?: PluginCase[], timeoutMs = enoughMs) => checkPlugin(cases === undefined ? { dir, timeoutMs } : { dir, cases, timeoutMs });

/** The failed checks as `id → code` ('assertion' for a case that differs). */
async function failures(dir: string, cases?: PluginCase[], timeoutMs = enoughMs) {
  const failed = (await results(dir, cases, timeoutMs)).filter((result) => !result.ok);
  return Object.fromEntries(failed.map((result) => [result.id, result.code ?? 'assertion']));
}

const byId = (all: CheckResult[], id: string) => all.find((result) => result.id === id);

describe('checkPlugin on a plugin that keeps the contract', () => {
  it('passes every check, each named by a stable id', async () => {
    const all = await results(plugin(), [{ options: { name: 'Ada' }, expected: 'Ahoy Ada' }, { expected: /^Ahoy/ }]);
    expect(all.map((result) => [result.id, result.ok])).toEqual([
      ['package-name', true],
      ['keywords', true],
      ['description', true],
      ['peer-range', true],
      ['language-words', true],
      ['language-commands', true],
      ['language-from-name', true],
      ['loads', true],
      ['no-runtime-core', true],
      ['greets', true],
      ['uses-name', true],
      ['case:0', true],
      ['case:1', true],
    ]);
  });

  it.each([
    ["has no manifest (the language is the name's)", plugin({ packageJson: { greeterPlugin: undefined } })],
    ['is @scope/greeter-plugin, whose name carries no language', plugin({ languages: ['klingon'] }, '@acme/greeter-plugin')],
    ['declares a compatible peer range', plugin({ coreRange: '>=0.0.0-0' })],
    [
      'is CommonJS',
      plugin({ packageJson: { type: 'commonjs' }, source: 'module.exports = { Greeter: { greet: ({ name } = {}) => "Ahoy " + (name ?? "Universe") } };' }),
    ],
  ])('passes a plugin that %s', async (_label, dir) => {
    expect(await failures(dir)).toEqual({});
  });

  it('accepts a file URL and a case that expects a contract error', async () => {
    const dir = plugin({
      source: 'export const Greeter = { greet: ({ name } = {}) => { if (name === "") throw new Error("empty"); return "Ahoy " + (name ?? "Universe"); } };',
    });
    expect(await failures(pathToFileURL(dir).href, [{ options: { name: '' }, expectedError: { code: 'GREETER_GREET_FAILED' } }])).toEqual({});
  });
});

describe('checkPlugin on a plugin built to break one check', () => {
  it.each<[string, string, string, () => string]>([
    ['package-name', 'GREETER_PLUGIN_INVALID', 'is named outside the convention', () => plugin({ languages: ['pirate'] }, 'pirate-greetings')],
    ['keywords', 'GREETER_PLUGIN_INVALID', 'lacks the keyword', () => plugin({ packageJson: { keywords: [] } })],
    ['description', 'GREETER_PLUGIN_INVALID', 'has an empty description', () => plugin({ packageJson: { description: ' ' } })],
    ['description', 'GREETER_PLUGIN_INVALID', 'has no description', () => plugin({ packageJson: { description: undefined } })],
    ['peer-range', 'GREETER_PLUGIN_INCOMPATIBLE', 'excludes this core', () => plugin({ coreRange: '^99.0.0' })],
    ['peer-range', 'GREETER_PLUGIN_INCOMPATIBLE', 'declares an invalid range', () => plugin({ coreRange: 'not a range' })],
    ['language-words', 'GREETER_PLUGIN_INVALID', 'lists an alias that is not a word', () => plugin({ languages: ['pirate', 'arr.'] })],
    ['language-words', 'GREETER_PLUGIN_INVALID', 'lists no languages', () => plugin({ languages: [] })],
    ['language-commands', 'GREETER_PLUGIN_INVALID', 'claims a command as a language', () => plugin({ languages: ['pirate', 'List'] })],
    [
      'language-commands',
      'GREETER_PLUGIN_INVALID',
      'is named after a command',
      () => plugin({ packageJson: { greeterPlugin: undefined } }, 'greeter-plugin-doctor'),
    ],
    ['language-from-name', 'GREETER_PLUGIN_INVALID', "leaves its name's language out of the manifest", () => plugin({ languages: ['arr'] })],
    ['loads', 'GREETER_PLUGIN_INVALID', 'has no greet function', () => plugin({ source: 'export const Greeter = {};' })],
    ['loads', 'GREETER_PLUGIN_LOAD_FAILED', 'throws on import', () => plugin({ source: 'throw new Error("x");' })],
    ['loads', 'GREETER_PLUGIN_LOAD_FAILED', 'is not built', () => plugin({ packageJson: { main: 'dist/index.js' } })],
    ['loads', 'GREETER_GREET_TIMEOUT', 'never finishes loading', () => plugin({ source: 'await new Promise(() => {});' })],
    ['no-runtime-core', 'GREETER_PLUGIN_LOAD_FAILED', 'imports definePlugin at run time', () => plugin({ source: usesDefinePlugin, files: installedCore })],
    ['greets', 'GREETER_GREET_FAILED', 'greets with an empty string', () => plugin({ source: 'export default { greet: () => "" };' })],
    ['greets', 'GREETER_GREET_FAILED', 'throws from greet', () => plugin({ source: 'export default { greet: () => { throw new Error("x"); } };' })],
    ['greets', 'GREETER_GREET_TIMEOUT', 'never settles', () => plugin({ source: 'export default { greet: () => new Promise(() => {}) };' })],
    ['uses-name', 'GREETER_GREET_FAILED', 'ignores the name', () => plugin({ source: 'export default { greet: () => "Ahoy" };' })],
  ])('fails %s with %s for a plugin that %s', async (id, code, _label, make) => {
    expect((await failures(make(), undefined, code === 'GREETER_GREET_TIMEOUT' ? hangMs : enoughMs))[id]).toBe(code);
  });

  it('names the manifest entries that are not words, and only those', async () => {
    const dir = plugin({ languages: ['pirate', 'arr.', 'a b', 'yarr'], packageJson: {} });
    const message = byId(await results(dir), 'language-words')?.message ?? '';
    expect(['"arr."', '"a b"'].map((entry) => message.includes(entry))).toEqual([true, true]);
    expect(['"pirate"', '"yarr"'].map((entry) => message.includes(entry))).toEqual([false, false]);
  });

  it('fails a case whose greeting differs, as an assertion', async () => {
    expect(await failures(plugin(), [{ expected: 'Arr' }])).toEqual({ 'case:0': 'assertion' });
  });

  it('fails a case that expects a code the greeting does not fail with', async () => {
    expect(await failures(plugin(), [{ expectedError: { code: 'GREETER_GREET_FAILED' } }])).toEqual({ 'case:0': 'assertion' });
  });

  it('reports an unreadable package as one failed check', async () => {
    expect(await failures(makeTree({ 'package.json': '{ nope' }))).toEqual({ package: 'GREETER_PLUGIN_LOAD_FAILED' });
  });

  it("gives hints for the plugin's author, not the catalogue's for its users", async () => {
    const all = await results(plugin({ source: 'export const Greeter = {};' }));
    const failed = all.filter((result) => !result.ok);
    // no-runtime-core reads the entry without loading it, so it passes here.
    expect(failed.map((result) => result.id)).toEqual(['loads', 'greets', 'uses-name']);
    expect(failed.filter((result) => result.hint === errorCatalogue[result.code!].hint)).toEqual([]);
  });
});

describe('the no-runtime-core check', () => {
  const codeOf = async (dir: string) => byId(await results(dir), 'no-runtime-core')?.code;

  it('passes a plugin whose source imported only types (gone after the build), mentioned in a comment and a string', async () => {
    const source =
      "// import { definePlugin } from '@greeter/core';\nconst note = \"import '@greeter/core'\";\nexport const Greeter = { greet: ({ name } = {}) => 'Ahoy ' + (name ?? 'Universe') };\n";
    const dir = plugin({ source, files: { src: { 'index.ts': "import type { Greeter } from '@greeter/core';\n" } } });
    expect(await codeOf(dir)).toBeUndefined();
  });

  it('passes a plugin that imports @greeter/core and lists it in dependencies', async () => {
    const dir = plugin({ source: usesDefinePlugin, files: installedCore, packageJson: { dependencies: { '@greeter/core': '^1.0.0' } } });
    expect(await codeOf(dir)).toBeUndefined();
  });

  it('fails a plugin whose entry imports a module that requires a @greeter/core subpath', async () => {
    const files: Tree = {
      ...installedCore,
      lib: { 'greeter.cjs': "require('@greeter/core/package.json');\nmodule.exports = { greet: () => 'Ahoy' };\n" },
    };
    const dir = plugin({
      source: "import greeter from './lib/greeter.cjs';\nexport default { greet: ({ name } = {}) => 'Ahoy ' + (name ?? 'Universe') };\n",
      files,
    });
    const check = byId(await results(dir), 'no-runtime-core');
    expect([check?.code, check?.message?.includes('lib/greeter.cjs:1')]).toEqual(['GREETER_PLUGIN_LOAD_FAILED', true]);
  });
});

describe("the kit's time limit", () => {
  // Within vitest's default 5 s per test: the kit's 2 s limit fires first.
  it("fails a hanging greet() with GREETER_GREET_TIMEOUT before the runner's own timeout", { timeout: 5000 }, async () => {
    const dir = plugin({ source: 'export default { greet: () => new Promise(() => {}) };' });
    const greets = planChecks({ dir }).find((check) => check.id === 'greets')!;
    expect(await rejectionCode(greets.run())).toBe('GREETER_GREET_TIMEOUT');
  });
});
