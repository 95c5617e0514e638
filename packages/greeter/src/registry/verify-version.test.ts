import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigningKey, makeTree, rejectionCode, removeTrees } from '@greeter/fixtures';
import { fetchPackument } from './fetch-packument.js';
import type { Registry } from './find-registry.js';
import { startFakeRegistry, type FakeRegistry, type FakeVersion } from './test-helpers/fake-registry.js';
import { startMockSigstore, type CiIdentity, type MockSigstore } from './test-helpers/mock-sigstore.js';
import { signedDist, type SignedDistOptions } from './test-helpers/provenance.js';
import { createVerificationSession, verifyVersion, type TrustSettings } from './verify-version.js';

const key = createSigningKey();
const strangerKey = createSigningKey();
const retiredKey = createSigningKey('2025-06-01T00:00:00.000Z');
const acme: CiIdentity = { repository: 'acme/greeter-plugin-x', commit: 'c'.repeat(40) };

let signing: FakeRegistry;
let plain: FakeRegistry;
let sigstore: MockSigstore;
let trustedRoot: string;

function version(name: string, options: SignedDistOptions & { publishedAt?: string; integrity?: string }): FakeVersion {
  const sign = signedDist(name, '1.0.0', options);
  return {
    manifest: { name, version: '1.0.0', keywords: ['greeter-plugin'], repository: 'github:acme/greeter-plugin-x' },
    files: { 'index.js': 'export const Greeter = { greet: () => "Saluton" };\n' },
    ...(options.publishedAt ? { publishedAt: options.publishedAt } : {}),
    dist: async (packed) => ({ ...(await sign(packed)), ...(options.integrity ? { integrity: options.integrity } : {}) }),
  };
}

beforeAll(async () => {
  sigstore = await startMockSigstore();
  trustedRoot = path.join(makeTree({ 'trusted_root.json': JSON.stringify(sigstore.trustedRoot) }), 'trusted_root.json');
  const documents: Record<string, unknown> = { '/-/npm/v1/keys': { keys: [key.listing(), retiredKey.listing()] } };
  const attested = { sigstore, documents, identity: acme };
  signing = await startFakeRegistry(
    [
      version('greeter-plugin-signed', { key }),
      version('greeter-plugin-attested', { key, ...attested }),
      version('greeter-plugin-impostor', { key, ...attested, identity: { ...acme, repository: 'mallory/greeter-plugin-x' }, claims: acme }),
      version('greeter-plugin-tampered', { key, integrity: `sha512-${Buffer.alloc(64, 9).toString('base64')}` }),
      version('greeter-plugin-stranger', { key: strangerKey }),
      version('greeter-plugin-retired', { key: retiredKey, publishedAt: '2025-07-01T00:00:00.000Z' }),
      version('greeter-plugin-unsigned', {}),
    ],
    { documents },
  );
  plain = await startFakeRegistry([version('greeter-plugin-unsigned', {})]);
});

afterAll(async () => {
  await Promise.all([signing?.close(), plain?.close(), sigstore?.close()]);
  removeTrees();
});

const registryAt = (url: string): Registry => ({ url, authorization: undefined, source: undefined, check: 'npm config get registry' });

async function verify(registry: FakeRegistry | string, name: string, settings: Partial<TrustSettings> = {}) {
  const at = registryAt(typeof registry === 'string' ? registry : registry.url);
  const session = createVerificationSession({ requireProvenance: false, trustRoot: { file: trustedRoot }, ...settings }, 1000);
  const packument = typeof registry === 'string' ? { name, 'dist-tags': {}, versions: { '1.0.0': {} } } : (await fetchPackument(at, name))!;
  return verifyVersion(session, { registry: at, packument, version: '1.0.0' });
}

describe('verifyVersion', () => {
  it('verifies the signature by a registry key, and says there is no provenance', async () => {
    const verified = await verify(signing, 'greeter-plugin-signed');
    expect(verified).toMatchObject({ name: 'greeter-plugin-signed', version: '1.0.0', signature: { status: 'verified', keyid: key.keyid } });
    expect(verified.provenance).toEqual({ status: 'absent' });
    expect(verified.integrity).toMatch(/^sha512-/);
  });

  it('verifies the signature and the provenance, naming the build', async () => {
    const verified = await verify(signing, 'greeter-plugin-attested');
    expect(verified.signature).toEqual({ status: 'verified', keyid: key.keyid });
    expect(verified.provenance).toMatchObject({ status: 'verified', build: { repository: 'https://github.com/acme/greeter-plugin-x', commit: acme.commit } });
  });

  it.each([
    ['a tampered integrity', 'greeter-plugin-tampered'],
    ['a signature by a key the registry does not list', 'greeter-plugin-stranger'],
    ['a signature by a key that had expired when it was published', 'greeter-plugin-retired'],
    ['no signature while the registry has keys', 'greeter-plugin-unsigned'],
  ])('refuses %s', async (_case, name) => {
    expect(await rejectionCode(verify(signing, name))).toBe('GREETER_SIGNATURE_INVALID');
  });

  it('refuses a provenance signed by a build of another repository than it claims', async () => {
    expect(await rejectionCode(verify(signing, 'greeter-plugin-impostor'))).toBe('GREETER_PROVENANCE_INVALID');
  });

  it('refuses a version without provenance when the config requires one, and takes one that has it', async () => {
    expect(await rejectionCode(verify(signing, 'greeter-plugin-signed', { requireProvenance: true }))).toBe('GREETER_PROVENANCE_INVALID');
    expect((await verify(signing, 'greeter-plugin-attested', { requireProvenance: true })).provenance.status).toBe('verified');
  });

  it('says the registry does not sign when it publishes no keys', async () => {
    expect((await verify(plain, 'greeter-plugin-unsigned')).signature).toEqual({ status: 'unsupported' });
  });

  it.each([
    ['a "keys" that is not a list', { status: 200, body: '{"keys":"nope"}' }, 'GREETER_SIGNATURE_INVALID'],
    ['a list of no keys', { status: 200, body: '{"keys":[1,{"keyid":2}]}' }, 'GREETER_SIGNATURE_INVALID'],
    ['a document that is not an object', { status: 200, body: '"keys"' }, 'GREETER_SIGNATURE_INVALID'],
    ['a server error', { status: 500, body: '{}' }, 'GREETER_REGISTRY_UNREACHABLE'],
    ['an answer that is not JSON', { status: 200, body: '<html>' }, 'GREETER_REGISTRY_UNREACHABLE'],
  ])('refuses, never taking it for a registry that does not sign, a keys endpoint answering %s', async (_case, answer, code) => {
    const broken = await startFakeRegistry([version('greeter-plugin-unsigned', {})], { answers: { '/-/npm/v1/keys': answer } });
    try {
      expect(await rejectionCode(verify(broken, 'greeter-plugin-unsigned'))).toBe(code);
    } finally {
      await broken.close();
    }
  });

  it('refuses a signed version on a registry that publishes no keys to check it with', async () => {
    const keyless = await startFakeRegistry([version('greeter-plugin-signed', { key })]);
    try {
      expect(await rejectionCode(verify(keyless, 'greeter-plugin-signed'))).toBe('GREETER_SIGNATURE_INVALID');
    } finally {
      await keyless.close();
    }
  });

  it('reports a registry that does not answer as unreachable, not as a bad signature', async () => {
    expect(await rejectionCode(verify('http://127.0.0.1:9/', 'greeter-plugin-signed'))).toBe('GREETER_REGISTRY_UNREACHABLE');
  });

  it('names a configured trust root that cannot be read as a config error', async () => {
    const broken = { trustRoot: { file: path.join(makeTree({ 'root.json': '{"mediaType":"x"}' }), 'root.json') } };
    expect(await rejectionCode(verify(signing, 'greeter-plugin-attested', broken))).toBe('GREETER_CONFIG_INVALID');
  });
});
