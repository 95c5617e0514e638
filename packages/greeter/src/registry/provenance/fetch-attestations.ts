import { errorFrom } from '@greeter/core';
import { provenanceMessages } from '@greeter/core/messages';
import { getJson, isObject, registryTimeoutMs } from '../fetch-packument.js';
import type { Registry } from '../find-registry.js';
import { isProvenanceType } from './read-statement.js';

/**
 * The SLSA provenance bundle of a version whose `dist.attestations` points
 * at the registry's attestations (npm's `/-/npm/v1/attestations/<name>@<version>`),
 * or undefined when the version carries none (no `dist.attestations`, or
 * only attestations that are not provenance). As pacote does, the URL's path
 * is asked of the registry the package comes from, never of another host.
 *
 * @throws GreeterError `GREETER_PROVENANCE_INVALID` when the version claims
 *   provenance the registry does not serve; `GREETER_REGISTRY_UNREACHABLE`.
 */
export async function fetchProvenanceBundle(
  registry: Registry,
  spec: { name: string; version: string; attestations: unknown },
  timeoutMs = registryTimeoutMs,
): Promise<unknown> {
  const { attestations } = spec;
  if (!isObject(attestations)) return undefined;
  const claimsProvenance = isObject(attestations['provenance']);
  const url = typeof attestations['url'] === 'string' ? sameRegistry(attestations['url'], registry) : undefined;
  const version = { name: spec.name, version: spec.version, registryUrl: registry.url };
  if (url === undefined) {
    if (claimsProvenance) throw errorFrom(provenanceMessages.attestationsWithoutUrl, version);
    return undefined;
  }
  const document = await getJson(registry, url, { kind: 'attestations', name: spec.name }, timeoutMs);
  const list = isObject(document) && Array.isArray(document['attestations']) ? document['attestations'] : [];
  const provenance = list.filter(isObject).find((entry) => isProvenanceType(entry['predicateType']));
  if (provenance === undefined) {
    if (claimsProvenance) throw errorFrom(provenanceMessages.provenanceNotServed, { ...version, url });
    return undefined;
  }
  return provenance['bundle'];
}

function sameRegistry(url: string, registry: Registry): string | undefined {
  try {
    return new URL(new URL(url).pathname, registry.url).href;
  } catch {
    return undefined;
  }
}
