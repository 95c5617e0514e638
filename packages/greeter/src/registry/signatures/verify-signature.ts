import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { GreeterError, displayText } from '@greeter/core';
import type { VerifiedVersion } from '../verification.js';
import type { RegistryKey } from './fetch-registry-keys.js';

/** What a registry signature is checked against. */
export interface SignatureInput {
  name: string;
  version: string;
  /** `dist.integrity` as the registry serves it. */
  integrity: string | undefined;
  /** `dist.signatures` as the registry serves it. */
  signatures: unknown;
  /** The registry's keys; undefined when it publishes none. */
  keys: RegistryKey[] | undefined;
  /** `time[version]` from the packument: when the version was published. */
  publishedAt: unknown;
  /** The registry's URL, for messages. */
  registryUrl: string;
}

/**
 * Checks npm's registry signatures of one version, as npm and pacote do:
 * every entry of `dist.signatures` is an ECDSA P-256 signature (SHA-256) of
 * `<name>@<version>:<integrity>` made with the registry key its `keyid`
 * names, and that key had not expired when the version was published. Pure:
 * reads nothing.
 *
 * A key that has an expiry date needs the publish time to be judged: when
 * the packument has none, the signature is refused (pacote would assume an
 * old publish and accept it).
 *
 * @returns `verified` with the key used, or `unsupported` when the registry
 *   publishes no keys and the version carries no signature.
 * @throws GreeterError `GREETER_SIGNATURE_INVALID`: a signature that does not
 *   verify, an unknown or expired key, none while the registry has keys, or
 *   signatures while it publishes no keys to check them with.
 */
export function verifySignature(input: SignatureInput): VerifiedVersion['signature'] {
  const { keys, integrity } = input;
  const signatures = Array.isArray(input.signatures) ? input.signatures : [];
  if ((keys === undefined || keys.length === 0) && signatures.length > 0) {
    throw invalid(input, 'it carries registry signatures, but the registry publishes no keys to check them with');
  }
  if (keys === undefined || keys.length === 0) return { status: 'unsupported' };
  if (signatures.length === 0) throw invalid(input, 'it carries no registry signature, though the registry publishes signing keys');
  if (integrity === undefined) throw invalid(input, 'the registry gives it no integrity for a signature to cover');
  const message = Buffer.from(`${input.name}@${input.version}:${integrity}`);
  let keyid: string | undefined;
  for (const entry of signatures) {
    const { keyid: id, sig } = (entry ?? {}) as { keyid?: unknown; sig?: unknown };
    if (typeof id !== 'string' || typeof sig !== 'string') throw invalid(input, 'a signature has no key id or no value');
    const key = keys.find((candidate) => candidate.keyid === id);
    if (key === undefined) throw invalid(input, `its signature names the key ${displayText(id, 80)}, which the registry does not list`);
    if (key.expires !== null) checkNotExpired(input, key);
    if (!verify('sha256', message, publicKeyOf(input, key), Buffer.from(sig, 'base64'))) {
      throw invalid(input, `its signature by the key ${displayText(id, 80)} does not match its name, version and integrity ${displayText(integrity, 100)}`);
    }
    keyid ??= id;
  }
  return { status: 'verified', keyid: keyid! };
}

function checkNotExpired(input: SignatureInput, key: RegistryKey): void {
  const published = typeof input.publishedAt === 'string' ? Date.parse(input.publishedAt) : Number.NaN;
  const expires = Date.parse(key.expires!);
  if (Number.isNaN(published)) {
    throw invalid(input, `the registry gives no publish time to check it against the expiry of the key ${displayText(key.keyid, 80)}`);
  }
  if (Number.isNaN(expires) || published >= expires) {
    throw invalid(
      input,
      `it was signed with the key ${displayText(key.keyid, 80)}, which expired ${displayText(key.expires ?? '', 40)}, before it was published (${displayText(String(input.publishedAt), 40)})`,
    );
  }
}

// The registry's key as Node's crypto reads it: SPKI DER, an ECDSA P-256 key.
function publicKeyOf(input: SignatureInput, key: RegistryKey): KeyObject {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(key.key, 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    throw invalid(input, `the registry's key ${displayText(key.keyid, 80)} is not a public key`, error);
  }
  if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw invalid(input, `the registry's key ${displayText(key.keyid, 80)} is not an ECDSA P-256 key`);
  }
  return publicKey;
}

function invalid(input: SignatureInput, reason: string, cause?: unknown): GreeterError {
  return new GreeterError(
    'GREETER_SIGNATURE_INVALID',
    `${input.name} ${displayText(input.version, 40)} on the registry ${displayText(input.registryUrl)} fails its registry signature check: ${reason}.`,
    cause === undefined ? {} : { cause },
  );
}
