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
 * undefined when it publishes none: a 404, an answer without a key list, or
 * an empty list. (A registry that wanted to hide its keys could answer 404
 * anyway: reading more into an odd answer would protect nothing.) Entries
 * that are not keys are left out, so a signature naming one is an unknown key.
 *
 * @throws GreeterError `GREETER_REGISTRY_UNREACHABLE` when the registry does not answer.
 */
export async function fetchRegistryKeys(registry: Registry, timeoutMs = registryTimeoutMs): Promise<RegistryKey[] | undefined> {
  const document = await getJson(registry, `${registry.url}-/npm/v1/keys`, 'read the signing keys', timeoutMs);
  if (document === undefined) return undefined;
  const list = isObject(document) ? document['keys'] : undefined;
  if (!Array.isArray(list)) return undefined;
  const keys = list.filter(isObject).flatMap((entry): RegistryKey[] => {
    const { keyid, key, expires } = entry;
    if (typeof keyid !== 'string' || typeof key !== 'string') return [];
    return [{ keyid, key, expires: typeof expires === 'string' ? expires : null }];
  });
  return list.length === 0 ? undefined : keys;
}
