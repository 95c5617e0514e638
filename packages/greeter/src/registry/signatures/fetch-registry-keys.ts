import { errorFrom } from '@greeter/core';
import { signatureMessages } from '@greeter/core/messages';
import type { Registry } from '../find-registry.js';
import { getJson, isObject, registryTimeoutMs } from '../fetch-packument.js';

/** One of the registry's signing keys, as `/-/npm/v1/keys` lists it. */
export interface RegistryKey {
  /** `SHA256:<base64 of the key's SHA-256>`, as `dist.signatures[].keyid` names it. */
  keyid: string;
  /** The public key: SPKI DER, base64. */
  key: string;
  /** When it stopped being valid (ISO date), or null while it is in use. */
  expires: string | null;
}

/**
 * The keys the registry signs packages with (npm's `/-/npm/v1/keys`), or
 * undefined when it publishes none: a 404, or an empty list. (A registry
 * that wanted to hide its keys could answer 404 anyway; a version that
 * carries signatures all the same is refused by the signature check.)
 * Entries that are not keys are left out, so a signature naming one is an
 * unknown key.
 *
 * @throws GreeterError `GREETER_SIGNATURE_INVALID` when the answer is not a
 *   key list (no `keys` array, or no entry in it a key): a registry that
 *   serves keys no signature can be checked against does not "not sign";
 *   `GREETER_REGISTRY_UNREACHABLE` when the registry does not answer, answers
 *   an HTTP error or something that is not JSON.
 */
export async function fetchRegistryKeys(registry: Registry, timeoutMs = registryTimeoutMs): Promise<RegistryKey[] | undefined> {
  const url = `${registry.url}-/npm/v1/keys`;
  const document = await getJson(registry, url, { kind: 'keys' }, timeoutMs);
  if (document === undefined) return undefined;
  const list = isObject(document) ? document['keys'] : undefined;
  if (!Array.isArray(list)) throw errorFrom(signatureMessages.keysNotAList, { registry, url });
  const keys = list.filter(isObject).flatMap((entry): RegistryKey[] => {
    const { keyid, key, expires } = entry;
    if (typeof keyid !== 'string' || typeof key !== 'string') return [];
    return [{ keyid, key, expires: typeof expires === 'string' ? expires : null }];
  });
  if (list.length > 0 && keys.length === 0) throw errorFrom(signatureMessages.noKeyInList, { registry, url });
  return list.length === 0 ? undefined : keys;
}
