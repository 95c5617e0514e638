import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigningKey, thrownCode } from '@greeter/fixtures';
import { verifySignature, type SignatureInput } from './verify-signature.js';

const registryKey = createSigningKey();
const otherKey = createSigningKey();
const name = 'greeter-plugin-esperanto';
const version = '1.0.0';
const integrity = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
const tampered = `sha512-${Buffer.alloc(64, 8).toString('base64')}`;

function input(overrides: Partial<SignatureInput> = {}): SignatureInput {
  return {
    name,
    version,
    integrity,
    signatures: [registryKey.sign(name, version, integrity)],
    keys: [registryKey],
    publishedAt: '2026-01-01T00:00:00.000Z',
    registryUrl: 'http://127.0.0.1:9/',
    ...overrides,
  };
}

describe('verifySignature', () => {
  it("accepts a signature by the registry's key over name, version and integrity, naming the key", () => {
    expect(verifySignature(input())).toEqual({ status: 'verified', keyid: registryKey.keyid });
  });

  it('says the registry does not sign when it publishes no keys and the version carries no signature', () => {
    expect(verifySignature(input({ keys: undefined, signatures: undefined }))).toEqual({ status: 'unsupported' });
    expect(verifySignature(input({ keys: [], signatures: [] }))).toEqual({ status: 'unsupported' });
  });

  it('refuses a signed version where the registry publishes no keys to check it with', () => {
    expect(thrownCode(() => verifySignature(input({ keys: undefined })))).toBe('GREETER_SIGNATURE_INVALID');
  });

  it.each<[string, Partial<SignatureInput>]>([
    ['a tampered integrity', { integrity: tampered }],
    ['a signature over another version', { signatures: [registryKey.sign(name, '1.0.1', integrity)] }],
    ['a signature over another package', { signatures: [registryKey.sign('greeter-plugin-klingon', version, integrity)] }],
    ['a signature by a key the registry does not list', { signatures: [otherKey.sign(name, version, integrity)] }],
    ['a signature by another key under the listed key id', { signatures: [{ ...otherKey.sign(name, version, integrity), keyid: registryKey.keyid }] }],
    ['no signature while the registry has keys', { signatures: undefined }],
    ['an empty signature list while the registry has keys', { signatures: [] }],
    ['a signature entry without a value', { signatures: [{ keyid: registryKey.keyid }] }],
    ['one good and one bad signature', { signatures: [registryKey.sign(name, version, integrity), otherKey.sign(name, version, integrity)] }],
    ['no integrity to cover', { integrity: undefined }],
    ['a listed key that is not a key', { keys: [{ ...registryKey, key: Buffer.from('not a key').toString('base64') }] }],
  ])('refuses %s', (_case, overrides) => {
    expect(thrownCode(() => verifySignature(input(overrides)))).toBe('GREETER_SIGNATURE_INVALID');
  });

  it('refuses a key that had expired when the version was published, and accepts one that expired later', () => {
    const retired = createSigningKey('2025-06-01T00:00:00.000Z');
    const signed = { keys: [retired], signatures: [retired.sign(name, version, integrity)] };
    expect(thrownCode(() => verifySignature(input({ ...signed, publishedAt: '2025-07-01T00:00:00.000Z' })))).toBe('GREETER_SIGNATURE_INVALID');
    expect(verifySignature(input({ ...signed, publishedAt: '2025-05-01T00:00:00.000Z' }))).toEqual({ status: 'verified', keyid: retired.keyid });
  });

  it('refuses a key with an expiry when the registry gives no publish time to judge it by', () => {
    const retired = createSigningKey('2025-06-01T00:00:00.000Z');
    const signed = { keys: [retired], signatures: [retired.sign(name, version, integrity)], publishedAt: undefined };
    expect(thrownCode(() => verifySignature(input(signed)))).toBe('GREETER_SIGNATURE_INVALID');
  });

  it('refuses a key that is not ECDSA P-256', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const key = { keyid: 'SHA256:ed', key: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), expires: null };
    expect(thrownCode(() => verifySignature(input({ keys: [key], signatures: [{ keyid: 'SHA256:ed', sig: 'AAAA' }] })))).toBe('GREETER_SIGNATURE_INVALID');
  });
});
