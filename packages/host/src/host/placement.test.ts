import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import type { LoadedConfig } from '../config/find-config.js';
import { isolatedEnv } from '../test-helpers/isolated-env.js';
import { createHost } from './create-host.js';
import type { HostOptions } from './host-types.js';

afterAll(removeTrees);

describe('where a plugin runs', () => {
  // In-process, the probe sees the process unrestricted; isolated, the permission model is on.
  const probe = 'export const Greeter = { greet: () => String(process.permission?.has("fs.write") ?? "in-process") };';
  const setup = () => {
    const root = makeTree({
      project: npmLayout({ 'greeter-plugin-probe': pluginPackage('greeter-plugin-probe', 'x', { source: probe }) }),
      'greeter/package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1.0.0' } }),
      'greeter/node_modules/greeter-plugin-english': pluginPackage('greeter-plugin-english', 'x', { source: probe, languages: ['english'] }),
    });
    const project = path.join(root, 'project');
    const config = (settings: Record<string, unknown>): LoadedConfig => ({ filepath: path.join(project, '.greeterrc.json'), config: settings });
    const where = async (language: string, options: Partial<HostOptions> = {}) =>
      (await createHost({ cwd: project, config: null, env: isolatedEnv(root), builtinsFrom: path.join(root, 'greeter'), ...options }).greet(language)).greeting;
    return { config, where };
  };

  it('isolates every plugin that is not built in, by default', async () => {
    const { where } = setup();
    expect([await where('probe'), await where('english')]).toEqual(['false', 'in-process']);
  });

  it('runs in-process a plugin the config trusts, and every plugin with "isolate": false', async () => {
    const { config, where } = setup();
    expect(await where('probe', { config: config({ trust: ['greeter-plugin-probe'] }) })).toBe('in-process');
    expect(await where('probe', { config: config({ trust: ['greeter-plugin-other'] }) })).toBe('false');
    expect(await where('probe', { config: config({ isolate: false }) })).toBe('in-process');
  });

  it("runs greeter's own plugin in-process where the project holds that very folder (npm hoists it), and isolates another copy", async () => {
    const probeEnglish = (version: string) => pluginPackage('greeter-plugin-english', 'x', { source: probe, languages: ['english'], version });
    const hoisted = makeTree({
      'project/package.json': '{"name":"project"}',
      'project/node_modules/greeter/package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1.0.0' } }),
      'project/node_modules/greeter-plugin-english': probeEnglish('1.0.0'),
    });
    const host = (root: string, builtinsFrom: string) => createHost({ cwd: path.join(root, 'project'), config: null, env: isolatedEnv(root), builtinsFrom });
    const builtinsFrom = path.join(hoisted, 'project/node_modules/greeter');
    expect((await host(hoisted, builtinsFrom).greet('english')).greeting).toBe('in-process');
    expect((await host(hoisted, builtinsFrom).list()).plugins.map((plugin) => [plugin.candidate.source, plugin.isolated])).toEqual([['project', false]]);
    // The project's own english, another version: greeter's copy is nested below greeter.
    const nested = makeTree({
      'project/package.json': '{"name":"project"}',
      'project/node_modules/greeter/package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1.0.0' } }),
      'project/node_modules/greeter/node_modules/greeter-plugin-english': probeEnglish('1.0.0'),
      'project/node_modules/greeter-plugin-english': probeEnglish('2.0.0'),
    });
    expect((await host(nested, path.join(nested, 'project/node_modules/greeter')).greet('english')).greeting).toBe('false');
  });

  it('does as the caller says for one run (--no-isolate, --isolate), built-in plugins too', async () => {
    const { config, where } = setup();
    expect(await where('probe', { isolate: false })).toBe('in-process');
    expect(await where('english', { isolate: true, config: config({ trust: ['greeter-plugin-english'] }) })).toBe('false');
  });
});
