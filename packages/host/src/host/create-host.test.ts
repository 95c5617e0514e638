import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isGreeterError } from '@greeter/core';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, rejectionCode, removeTrees, type Tree } from '@greeter/fixtures';
import type { LoadedConfig } from '../config/find-config.js';
import { resolvePlugin } from '../resolve/resolve-plugin.js';
import type { PluginCandidate } from '../types.js';
import { createHost } from './create-host.js';
import type { HostOptions } from './host-types.js';
import { isolatedEnv } from '../test-helpers/isolated-env.js';

afterAll(removeTrees);

const packageNames = [
  'greeter-plugin-english',
  'greeter-plugin-chinese',
  'greeter-plugin-sinitic',
  'greeter-plugin-klingon',
  '@acme/greeter-plugin-klingon',
  '@acme/greeter-plugin',
];
const words = ['english', 'chinese', 'zh', 'klingon', 'tlh', 'acme', 'sinitic'];

interface PluginSpecs {
  [name: string]: { languages: string[] | undefined; broken: boolean };
}

const plugins: fc.Arbitrary<PluginSpecs> = fc
  .uniqueArray(
    fc.record({
      name: fc.constantFrom(...packageNames),
      // undefined: no manifest, the language comes from the name.
      languages: fc.option(fc.subarray(words, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      broken: fc.constantFrom(false, false, false, true),
    }),
    { selector: (plugin) => plugin.name, maxLength: 4 },
  )
  .map((list) => Object.fromEntries(list.map(({ name, ...spec }) => [name, spec])));

const scenario = fc.record({
  project: plugins,
  global: plugins,
  builtin: plugins,
  layout: fc.constantFrom('npm', 'pnpm'),
  config: fc.option(
    fc.record({
      aliases: fc.boolean(),
      autoDiscover: fc.constantFrom(true, true, false),
      // A plugin folder named by path in the config, with these languages.
      local: fc.option(fc.subarray(words, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
});

function packagesOf(specs: PluginSpecs): Record<string, Tree> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, { languages, broken }]) => [
      name,
      pluginPackage(name, name, broken ? { packageJson: { greeterPlugin: { languages: 'broken' } } } : languages ? { languages } : {}),
    ]),
  );
}

type World = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(world: World): { options: HostOptions; inputs: string[] } {
  const project = world.layout === 'npm' ? npmLayout(packagesOf(world.project)) : pnpmLayout(packagesOf(world.project));
  const greeter = {
    'package.json': JSON.stringify({ name: 'greeter', dependencies: Object.fromEntries(Object.keys(world.builtin).map((name) => [name, '1.0.0'])) }),
    node_modules: packagesOf(world.builtin),
  };
  const root = makeTree({
    project,
    global: { node_modules: { ...packagesOf(world.global), greeter } },
    ...(world.config?.local ? { local: pluginPackage('my-local-plugin', 'local', { languages: world.config.local }) } : {}),
  });
  let config: LoadedConfig | null = null;
  if (world.config) {
    config = {
      filepath: path.join(root, '.greeterrc.json'),
      config: {
        ...(world.config.aliases ? { aliases: { mandarin: 'chinese', k: 'klingon', mine: 'my-local-plugin' } } : {}),
        autoDiscover: world.config.autoDiscover,
        ...(world.config.local ? { plugins: ['./local'] } : {}),
      },
    };
  }
  const options: HostOptions = {
    cwd: path.join(root, 'project'),
    config,
    env: isolatedEnv(root),
    builtinsFrom: path.join(root, 'global', 'node_modules', 'greeter'),
  };
  const inputs = [...words, 'nope', 'mandarin', 'k', 'mine', 'greeter-plugin-chinese', '@acme/klingon', '@acme', 'my-local-plugin'];
  return { options, inputs };
}

// The plugin chosen, by identity: the fast path reads fewer sources, so
// the lower-precedence copies it records (shadows) may differ.
type Chosen = Pick<PluginCandidate, 'name' | 'source' | 'path' | 'realPath' | 'languages'>;
type Outcome = { candidate: Chosen } | { code: string };
const chosen = ({ name, source, path: folder, realPath, languages }: PluginCandidate): Chosen => ({ name, source, path: folder, realPath, languages });
const settle = (run: () => Promise<PluginCandidate>): Promise<Outcome> =>
  run().then(
    (candidate) => ({ candidate: chosen(candidate) }),
    (error: unknown) => ({ code: isGreeterError(error) ? error.code : `not a GreeterError: ${String(error)}` }),
  );

describe('createHost', () => {
  it('resolves on the fast path exactly as resolution over full discovery does', async () => {
    let fastPathTaken = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (world) => {
        const { options, inputs } = build(world);
        const fast = createHost(options);
        const full = createHost(options);
        const fullDiscovery = full.discover();
        let discoveries = 0;
        const discover = fast.discover;
        fast.discover = () => {
          discoveries++;
          return discover();
        };
        for (const input of inputs) {
          const before = discoveries;
          const actual = await settle(() => fast.resolve(input));
          if (discoveries === before) fastPathTaken++;
          const resolution = resolvePlugin(await fullDiscovery, input, { aliases: options.config?.config.aliases });
          const expected: Outcome = resolution.error ? { code: resolution.error.code } : { candidate: chosen(resolution.candidate) };
          expect({ input, outcome: actual }).toEqual({ input, outcome: expected });
        }
      }),
      { numRuns: 40 },
    );
    // The property says something only if the fast path decided some of them.
    expect(fastPathTaken).toBeGreaterThan(0);
  });

  it('greets in the default language, with a built-in plugin', async () => {
    const root = makeTree({
      project: npmLayout({}),
      'greeter/package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1.0.0' } }),
      'greeter/node_modules/greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Hello Universe'),
    });
    const host = createHost({ cwd: path.join(root, 'project'), config: null, env: isolatedEnv(root), builtinsFrom: path.join(root, 'greeter') });
    const { greeting, plugin } = await host.greet();
    expect([greeting, plugin.name, plugin.source]).toEqual(['Hello Universe', 'greeter-plugin-english', 'builtin']);
  });

  it("greets in the config's default language, passing the name on", async () => {
    const root = makeTree(npmLayout({ 'greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej') }));
    const host = createHost({ cwd: root, config: { filepath: path.join(root, '.greeterrc.json'), config: { default: 'swedish' } }, env: isolatedEnv(root) });
    expect((await host.greet(undefined, { name: 'Ada' })).greeting).toBe('Hej Ada');
  });

  it('greets with the --plugin folder when no language is given', async () => {
    const root = makeTree({ 'plugins/pirate': pluginPackage('my-pirate', 'Ahoy', { languages: ['pirate'] }) });
    const host = createHost({ cwd: root, config: null, plugins: ['plugins/pirate'], env: isolatedEnv(root) });
    expect((await host.greet()).greeting).toBe('Ahoy');
  });

  it('refuses an invalid language before reading any file', async () => {
    // The working folder does not exist: reading anything there would fail otherwise.
    const host = createHost({ cwd: '/nonexistent-greeter-project', configFile: '/nonexistent-greeter-project/.greeterrc.json' });
    expect(await rejectionCode(host.resolve('../etc/passwd'))).toBe('GREETER_INVALID_NAME');
  });

  it('checks a plugin in isolation and reports a broken one as data', async () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-good': pluginPackage('greeter-plugin-good', 'good'),
        'greeter-plugin-bad': pluginPackage('greeter-plugin-bad', 'x', { source: 'export const Greeter = { greet() { throw new Error("no"); } };' }),
      }),
    );
    const host = createHost({ cwd: root, config: null, env: isolatedEnv(root) });
    const health = await Promise.all((await host.discover()).candidates.map((candidate) => host.check(candidate)));
    expect(health.map((plugin) => [plugin.candidate.name, plugin.ok, plugin.greeting ?? plugin.error?.code]).sort()).toEqual([
      ['greeter-plugin-bad', false, 'GREETER_GREET_FAILED'],
      ['greeter-plugin-good', true, 'good'],
    ]);
  });

  it('lists every plugin with its compatibility, importing none', async () => {
    const throwsOnImport = 'throw new Error("imported");';
    const root = makeTree(
      npmLayout({
        'greeter-plugin-old': pluginPackage('greeter-plugin-old', 'x', { coreRange: '^0.0.1-never', source: throwsOnImport }),
        'greeter-plugin-any': pluginPackage('greeter-plugin-any', 'x', { source: throwsOnImport }),
      }),
    );
    const { plugins: listed } = await createHost({ cwd: root, config: null, env: isolatedEnv(root) }).list();
    expect(listed.map((plugin) => [plugin.candidate.name, plugin.status]).sort()).toEqual([
      ['greeter-plugin-any', 'ok'],
      ['greeter-plugin-old', 'incompatible'],
    ]);
  });

  it("gives install commands in the project's package manager", () => {
    const root = makeTree({ 'package.json': '{}', 'pnpm-lock.yaml': '' });
    const context = createHost({ cwd: root, config: null, env: {} }).packageManager();
    expect([context.manager.name, context.global, context.addCommand('greeter-plugin-x')]).toEqual(['pnpm', undefined, 'pnpm add greeter-plugin-x']);
  });
});
