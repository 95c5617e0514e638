import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey, removeTrees } from '@greeter/fixtures';
import type { Registry } from './find-registry.js';
import { reportVersion } from './report-version.js';
import { startFakeRegistry, type FakeRegistry } from './test-helpers/fake-registry.js';
import { signedDist } from './test-helpers/provenance.js';
import { createVerificationSession } from './verify-version.js';

const key = createSigningKey();
const other = createSigningKey();
let registry: FakeRegistry;

beforeAll(async () => {
  const files = { 'index.js': 'export const Greeter = { greet: () => "Saluton" };\n' };
  registry = await startFakeRegistry(
    [
      { manifest: { name: 'greeter-plugin-signed', version: '1.0.0' }, files, dist: signedDist('greeter-plugin-signed', '1.0.0', { key }) },
      { manifest: { name: 'greeter-plugin-forged', version: '1.0.0' }, files, dist: signedDist('greeter-plugin-forged', '1.0.0', { key: other }) },
    ],
    { documents: { '/-/npm/v1/keys': { keys: [key.listing()] } } },
  );
});

afterAll(async () => {
  await registry?.close();
  removeTrees();
});

const at = (url: string): Registry => ({ url, authorization: undefined, source: undefined, check: 'npm config get registry' });
const report = (name: string, version = '1.0.0', requireProvenance = false, url = registry.url) =>
  reportVersion(createVerificationSession({ requireProvenance, trustRoot: { file: undefined } }, 1000), at(url), name, version);

describe('reportVersion', () => {
  it('reports a verified signature and no provenance', async () => {
    expect(await report('greeter-plugin-signed')).toEqual({
      signature: 'verified',
      keyid: key.keyid,
      provenance: 'absent',
      build: null,
      integrity: expect.stringMatching(/^sha512-/),
      problem: null,
    });
  });

  it('reports an invalid signature as invalid, with the reason and a hint for what is installed', async () => {
    const forged = await report('greeter-plugin-forged');
    expect(forged).toMatchObject({ signature: 'invalid', problem: { code: 'GREETER_SIGNATURE_INVALID' } });
    expect(forged.problem?.hint).toContain('greeter remove greeter-plugin-forged');
  });

  it('reports a missing provenance the config requires as a problem, the signature still verified', async () => {
    expect(await report('greeter-plugin-signed', '1.0.0', true)).toMatchObject({
      signature: 'verified',
      provenance: 'absent',
      problem: { code: 'GREETER_PROVENANCE_INVALID' },
    });
  });

  it.each([
    ['a version the registry does not have', 'greeter-plugin-signed', '9.9.9', undefined, 'GREETER_PLUGIN_NOT_FOUND'],
    ['a package the registry does not have', 'greeter-plugin-gone', '1.0.0', undefined, 'GREETER_PLUGIN_NOT_FOUND'],
    ['a registry that does not answer', 'greeter-plugin-signed', '1.0.0', 'http://127.0.0.1:9/', 'GREETER_REGISTRY_UNREACHABLE'],
  ])('leaves %s not verified, which is no failure', async (_case, name, version, url, code) => {
    expect(await report(name, version, false, url)).toMatchObject({ signature: 'not-verified', provenance: 'not-verified', problem: { code } });
  });
});
