import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry } from '../registry/test-helpers/fake-registry.js';
import { npmProject } from '../registry/test-helpers/npm-project.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';

// `greeter add` of a plugin that asks for the network and a variable (§4b):
// the built CLI against a registry on 127.0.0.1 and a real npm. stdin is
// not a terminal here, so greeter asks nothing.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

let registry: FakeRegistry;
let env: Record<string, string>;

beforeAll(async () => {
  // It greets with whether it sees the key: its isolated check shows what it was granted.
  const weather = publishedPlugin('greeter-plugin-weather', '1.0.0', '>=0.0.0', `process.env.WEATHER_API_KEY ? 'Sunny Universe' : 'Cloudy Universe'`, {
    greeterPlugin: { languages: ['weather'], permissions: { net: true, env: ['WEATHER_API_KEY'] } },
  });
  registry = await startFakeRegistry([weather]);
  env = { ...cleanNpmEnv(registry.url), WEATHER_API_KEY: 'key-1234' };
});

afterAll(async () => {
  await registry?.close();
  removeTrees();
});

const greeter = (cwd: string, args: string[]) => runCli(bin, cwd, args, env);
const configOf = (root: string) => JSON.parse(readFileSync(path.join(root, '.greeterrc.json'), 'utf8')) as unknown;

describe('greeter add, for a plugin that asks for permissions', () => {
  it('with --yes grants what it asks, checks it with the grant, and writes the grant to the config', async () => {
    const root = npmProject();
    const added = await greeter(root, ['add', 'weather', '--yes', '--json']);
    expect(added.code, added.stderr).toBe(0);
    const document = JSON.parse(added.stdout);
    expect([document.greeting, document.permissions]).toEqual([
      'Sunny Universe',
      { asked: { net: true, env: ['WEATHER_API_KEY'] }, granted: { net: true, env: ['WEATHER_API_KEY'] } },
    ]);
    expect(configOf(root)).toEqual({ permissions: { 'greeter-plugin-weather': { net: true, env: ['WEATHER_API_KEY'] } } });
    expect((await greeter(root, ['weather'])).stdout).toBe('Sunny Universe\n');
  });

  it('elsewhere installs without granting, says so and how to grant, and writes nothing', async () => {
    const root = npmProject({ '.greeterrc.json': '{ "default": "weather" }\n' });
    const added = await greeter(root, ['add', 'weather']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('says Cloudy Universe');
    expect(added.stderr).toContain('asks for the network and the variable WEATHER_API_KEY');
    expect(added.stderr).toContain('"permissions": { "greeter-plugin-weather": {"net": true, "env": ["WEATHER_API_KEY"]} }');
    expect(readFileSync(path.join(root, '.greeterrc.json'), 'utf8')).toBe('{ "default": "weather" }\n');
  });

  it('keeps the rest of an existing config', async () => {
    const root = npmProject({ '.greeterrc.json': '{\n    "default":    "weather"\n}\n' });
    expect((await greeter(root, ['add', 'weather', '-y'])).code).toBe(0);
    expect(configOf(root)).toEqual({ default: 'weather', permissions: { 'greeter-plugin-weather': { net: true, env: ['WEATHER_API_KEY'] } } });
    expect((await greeter(root, [])).stdout).toBe('Sunny Universe\n');
  });
});
