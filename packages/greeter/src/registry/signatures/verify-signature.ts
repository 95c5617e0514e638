import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { errorFrom } from '@greeter/core';
import { signatureMessages } from '@greeter/core/messages';
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
    throw errorFrom(signatureMessages.signedWithoutKeys, input);
  }
  if (keys === undefined || keys.length === 0) return { status: 'unsupported' };
  if (signatures.length === 0) throw errorFrom(signatureMessages.unsigned, input);
  if (integrity === undefined) throw errorFrom(signatureMessages.nothingToSign, input);
  const message = Buffer.from(`${input.name}@${input.version}:${integrity}`);
  let keyid: string | undefined;
  for (const entry of signatures) {
    const { keyid: id, sig } = (entry ?? {}) as { keyid?: unknown; sig?: unknown };
    if (typeof id !== 'string' || typeof sig !== 'string') throw errorFrom(signatureMessages.signatureIncomplete, input);
    const key = keys.find((candidate) => candidate.keyid === id);
    if (key === undefined) throw errorFrom(signatureMessages.unknownKey, { ...input, keyid: id });
    if (key.expires !== null) checkNotExpired(input, key);
    if (!verify('sha256', message, publicKeyOf(input, key), Buffer.from(sig, 'base64'))) {
      throw errorFrom(signatureMessages.signatureMismatch, { ...input, keyid: id, integrity });
    }
    keyid ??= id;
  }
  return { status: 'verified', keyid: keyid! };
}

function checkNotExpired(input: SignatureInput, key: RegistryKey): void {
  const published = typeof input.publishedAt === 'string' ? Date.parse(input.publishedAt) : Number.NaN;
  const expires = Date.parse(key.expires!);
  if (Number.isNaN(published)) {
    throw errorFrom(signatureMessages.noPublishTime, { ...input, keyid: key.keyid });
  }
  if (Number.isNaN(expires) || published >= expires) {
    throw errorFrom(signatureMessages.keyExpired, { ...input, keyid: key.keyid, expires: key.expires });
  }
}

// The registry's key as Node's crypto reads it: SPKI DER, an ECDSA P-256 key.
function publicKeyOf(input: SignatureInput, key: RegistryKey): KeyObject {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(key.key, 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    throw errorFrom(signatureMessages.notAPublicKey, { ...input, keyid: key.keyid }, { cause: error });
  }
  if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw errorFrom(signatureMessages.notP256, { ...input, keyid: key.keyid });
  }
  return publicKey;
}
