import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry } from '../registry/test-helpers/fake-registry.js';
import { validate } from '../registry/test-helpers/schemas.js';

// The built CLI against a registry on 127.0.0.1.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

let registry: FakeRegistry;
let env: Record<string, string>;
let project: string;

const published = (name: string, version: string, coreRange: string, extra: Record<string, unknown> = {}) => ({
  manifest: { name, version, keywords: ['greeter-plugin'], peerDependencies: { '@greeter/core': coreRange }, ...extra },
});

beforeAll(async () => {
  registry = await startFakeRegistry([
    published('greeter-plugin-esperanto', '1.0.0', '>=0.0.0', { description: 'Saluton' }),
    published('greeter-plugin-esperanto', '2.0.0', '^99.0.0', { description: 'Saluton' }),
    published('greeter-plugin-klingon', '3.0.0', '^99.0.0', { description: 'nuqneH \u001b[31m' }),
    published('@acme/greeter-plugin', '1.0.0', '>=0.0.0', { greeterPlugin: { languages: ['pirate', 'arr'] }, description: 'greeter-plugin of Acme' }),
    { manifest: { name: 'greeter-plugin-helpers', version: '1.0.0', description: 'not a plugin' } },
    // Claims a command word: greeter would list it as broken once installed.
    published('greeter-plugin-lister', '1.0.0', '>=0.0.0', { greeterPlugin: { languages: ['lister', 'list'] }, description: 'Lists' }),
  ]);
  env = cleanNpmEnv(registry.url);
  project = makeTree(npmLayout({ 'greeter-plugin-esperanto': pluginPackage('greeter-plugin-esperanto', 'Saluton Universo', { version: '1.0.0' }) }));
});

afterAll(async () => {
  await registry?.close();
  removeTrees();
});

describe('greeter search', () => {
  it('--json lists each plugin with the version add would install, compatibility and what is installed', async () => {
    const result = await runCli(bin, project, ['search', '--json'], env);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const document = JSON.parse(result.stdout);
    expect(validate('search', document)).toEqual([]);
    expect(document).toEqual({
      schemaVersion: 1,
      ok: true,
      registry: registry.url,
      term: null,
      plugins: [
        {
          name: '@acme/greeter-plugin',
          version: '1.0.0',
          description: 'greeter-plugin of Acme',
          languages: ['pirate', 'arr'],
          compatible: true,
          status: 'compatible',
          reserved: [],
          installed: false,
          installedVersion: null,
        },
        {
          name: 'greeter-plugin-esperanto',
          version: '1.0.0',
          description: 'Saluton',
          languages: ['esperanto'],
          compatible: true,
          status: 'compatible',
          reserved: [],
          installed: true,
          installedVersion: '1.0.0',
        },
        {
          name: 'greeter-plugin-klingon',
          version: '3.0.0',
          description: 'nuqneH \u001b[31m',
          languages: ['klingon'],
          compatible: false,
          status: 'incompatible',
          reserved: [],
          installed: false,
          installedVersion: null,
        },
        {
          name: 'greeter-plugin-lister',
          version: '1.0.0',
          description: 'Lists',
          languages: ['lister', 'list'],
          compatible: false,
          status: 'reserved',
          reserved: ['list'],
          installed: false,
          installedVersion: null,
        },
      ],
    });
  });

  it('narrows the search to a term', async () => {
    const result = await runCli(bin, project, ['search', 'klingon', '--json'], env);
    expect(JSON.parse(result.stdout)).toMatchObject({ term: 'klingon', plugins: [{ name: 'greeter-plugin-klingon' }] });
    expect(JSON.parse(result.stdout).plugins).toHaveLength(1);
  });

  it('prints a table with every cell escaped, and no spinner when stderr is not a terminal', async () => {
    const result = await runCli(bin, project, ['search'], env);
    expect([result.code, result.stderr]).toEqual([0, '']);
    const rows = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/ {2,}/));
    expect(rows[0]).toEqual(['NAME', 'VERSION', 'LANGUAGES', 'COMPATIBLE', 'INSTALLED', 'DESCRIPTION']);
    expect(rows.slice(1).map((row) => row.slice(0, 5))).toEqual([
      ['@acme/greeter-plugin', '1.0.0', 'pirate, arr', 'yes', '-'],
      ['greeter-plugin-esperanto', '1.0.0', 'esperanto', 'yes', '1.0.0'],
      ['greeter-plugin-klingon', '3.0.0', 'klingon', 'no', '-'],
      ['greeter-plugin-lister', '1.0.0', 'lister, list', 'no (claims list)', '-'],
    ]);
    expect(result.stdout).not.toContain('\u001b');
  });

  it('fails with GREETER_REGISTRY_UNREACHABLE naming the registry when it cannot be reached', async () => {
    const result = await runCli(bin, project, ['search', '--json'], { ...env, npm_config_registry: 'http://127.0.0.1:9/' });
    const { error } = JSON.parse(result.stdout);
    expect([result.code, error.code]).toEqual([1, 'GREETER_REGISTRY_UNREACHABLE']);
    expect(error.message).toContain('http://127.0.0.1:9/');
    expect(validate('error', JSON.parse(result.stdout))).toEqual([]);
  });
});
