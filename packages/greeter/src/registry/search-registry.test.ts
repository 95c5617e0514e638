import { afterAll, describe, expect, it } from 'vitest';
import { rejectionCode, removeTrees } from '@greeter/fixtures';
import type { Registry } from './find-registry.js';
import { fetchPackument } from './fetch-packument.js';
import { searchPlugins } from './search-registry.js';
import { startFakeRegistry, type FakeRegistry, type FakeVersion } from './test-helpers/fake-registry.js';

const started: FakeRegistry[] = [];
afterAll(async () => {
  await Promise.all(started.map((registry) => registry.close()));
  removeTrees();
});

async function registryServing(versions: FakeVersion[], options: Parameters<typeof startFakeRegistry>[1] = {}): Promise<Registry & { fake: FakeRegistry }> {
  const fake = await startFakeRegistry(versions, options);
  started.push(fake);
  return { url: fake.url, authorization: undefined, source: undefined, check: '`npm config get registry`', fake };
}

const published = (name: string, extra: Record<string, unknown> = {}): FakeVersion => ({
  manifest: { name, version: '1.0.0', keywords: ['greeter-plugin'], ...extra },
});

describe('searchPlugins', () => {
  it('finds every plugin across pages, also where the registry pages as Verdaccio does', async () => {
    const many = Array.from({ length: 25 }, (_, index) => published(`greeter-plugin-zz${String(index).padStart(2, '0')}`));
    for (const verdaccioPaging of [false, true]) {
      const registry = await registryServing(many, { verdaccioPaging });
      const plugins = await searchPlugins(registry, { term: undefined, coreVersion: '1.0.0', pageSize: 10 });
      expect(plugins.map((plugin) => plugin.name)).toEqual(many.map((version) => version.manifest.name));
    }
  });

  it('keeps conventional names and packages with the keyword and a manifest, and leaves out packages that are no plugin or speak no language', async () => {
    const registry = await registryServing([
      published('greeter-plugin-esperanto', { description: 'Esperanto' }),
      published('fancy-greetings', { description: 'a greeter-plugin for pirates', greeterPlugin: { languages: ['pirate'] } }),
      published('create-greeter-plugin', { description: 'Scaffolds a greeter-plugin' }),
      { manifest: { name: 'greeter-plugin-helpers', version: '1.0.0', description: 'utilities' } },
      { manifest: { name: 'lodash-greeter-plugin-ish', version: '1.0.0', description: 'mentions greeter-plugin' } },
    ]);
    const plugins = await searchPlugins(registry, { term: undefined, coreVersion: '1.0.0' });
    expect(plugins.map((plugin) => plugin.name)).toEqual(['fancy-greetings', 'greeter-plugin-esperanto']);
  });

  it('searches for the term with the plugin prefix', async () => {
    const registry = await registryServing([published('greeter-plugin-esperanto'), published('greeter-plugin-klingon')]);
    const plugins = await searchPlugins(registry, { term: 'klingon', coreVersion: '1.0.0' });
    expect(plugins.map((plugin) => plugin.name)).toEqual(['greeter-plugin-klingon']);
    expect(registry.fake.requests.some((request) => request.includes('text=greeter-plugin+klingon'))).toBe(true);
  });

  it('fails with GREETER_REGISTRY_UNREACHABLE, within its time limit, when the registry does not answer', async () => {
    const registry = await registryServing([], { hang: true });
    const started = Date.now();
    expect(await rejectionCode(searchPlugins(registry, { term: undefined, coreVersion: '1.0.0', timeoutMs: 300 }))).toBe('GREETER_REGISTRY_UNREACHABLE');
    expect(await rejectionCode(fetchPackument(registry, 'greeter-plugin-x', 300))).toBe('GREETER_REGISTRY_UNREACHABLE');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('reads a 404 as no such package', async () => {
    const registry = await registryServing([]);
    expect(await fetchPackument(registry, '@acme/greeter-plugin')).toBeUndefined();
    expect(registry.fake.requests).toContain('/@acme%2fgreeter-plugin');
  });
});
