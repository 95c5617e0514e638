import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey, removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry } from '../registry/test-helpers/fake-registry.js';
import { npmProject } from '../registry/test-helpers/npm-project.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';
import { signedDist } from '../registry/test-helpers/provenance.js';
import { validate } from '../registry/test-helpers/schemas.js';

// doctor and list --long re-verify installed plugins from the registry, as `npm audit signatures` does.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

const key = createSigningKey();
const impostor = createSigningKey();
let registry: FakeRegistry;
let env: Record<string, string>;
let project: string;
// Once set, the registry serves the plugin with a signature by a key it does not list.
let tampered = false;

beforeAll(async () => {
  registry = await startFakeRegistry(
    [{ ...publishedPlugin('greeter-plugin-signed', '1.0.0', '>=0.0.0'), dist: signedDist('greeter-plugin-signed', '1.0.0', { key }) }],
    {
      documents: { '/-/npm/v1/keys': { keys: [key.listing()] } },
      packumentFor: (_request, packument) => {
        const dist = packument.versions['1.0.0']?.['dist'] as Record<string, unknown> | undefined;
        if (tampered && dist) dist['signatures'] = [impostor.sign('greeter-plugin-signed', '1.0.0', String(dist['integrity']))];
      },
    },
  );
  env = cleanNpmEnv(registry.url);
  project = npmProject();
  const added = await runCli(bin, project, ['add', 'signed'], env);
  if (added.code !== 0) throw new Error(`greeter add failed: ${added.stderr}`);
});

afterAll(async () => {
  await registry?.close();
  removeTrees();
});

const greeter = async (args: string[], environment = env) => {
  const result = await runCli(bin, project, [...args, '--json'], environment);
  return { code: result.code, document: JSON.parse(result.stdout) };
};
const pluginIn = (document: { plugins: Array<{ name: string }> }) =>
  document.plugins.find((plugin) => plugin.name === 'greeter-plugin-signed') as Record<string, unknown>;

describe('re-verification of installed plugins', () => {
  it('plain `list` reads manifests only: no trust, and not one request to the registry', async () => {
    const before = registry.requests.length;
    const { code, document } = await greeter(['list']);
    expect([code, pluginIn(document)['trust']]).toEqual([0, null]);
    expect(registry.requests.length).toBe(before);
  });

  it('`list --long` and `doctor` carry the verified signature', async () => {
    for (const args of [['list', '--long'], ['doctor']]) {
      const { code, document } = await greeter(args);
      expect(validate(args[0] as 'list' | 'doctor', document)).toEqual([]);
      expect([code, pluginIn(document)['trust']]).toEqual([
        0,
        { integrity: expect.stringMatching(/^sha512-/), signature: 'verified', keyid: key.keyid, provenance: 'absent', build: null, problem: null },
      ]);
    }
  });

  it('an unreachable registry leaves a plugin not verified, which is no failure', async () => {
    const { code, document } = await greeter(['doctor'], { ...env, npm_config_registry: 'http://127.0.0.1:9/' });
    expect(code).toBe(0);
    expect(pluginIn(document)['trust']).toMatchObject({
      signature: 'not-verified',
      provenance: 'not-verified',
      problem: { code: 'GREETER_REGISTRY_UNREACHABLE' },
    });
  });

  it('a signature that no longer verifies fails doctor, and shows in list --long', async () => {
    tampered = true;
    try {
      const doctor = await greeter(['doctor']);
      expect([doctor.code, doctor.document.ok]).toEqual([1, false]);
      expect(pluginIn(doctor.document)['trust']).toMatchObject({ signature: 'invalid', problem: { code: 'GREETER_SIGNATURE_INVALID' } });
      const text = await runCli(bin, project, ['list', '--long'], env);
      expect([text.code, text.stdout]).toEqual([0, expect.stringContaining('signature INVALID')]);
    } finally {
      tampered = false;
    }
  });
});
