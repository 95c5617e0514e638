import { errorFrom, type GreeterError } from '@greeter/core';
import { registryMessages, type RegistryFailure, type RegistryRequest } from '@greeter/core/messages';
import type { Registry } from './find-registry.js';
import { isObject } from './is-object.js';

export { isObject } from './is-object.js';

/** One version's package.json as the registry serves it (the fields greeter reads). */
export interface PackumentVersion {
  name?: unknown;
  version?: unknown;
  description?: unknown;
  keywords?: unknown;
  greeterPlugin?: unknown;
  peerDependencies?: unknown;
  deprecated?: unknown;
  /** `tarball`, `integrity`, and where the registry signs: `signatures`, `attestations`. */
  dist?: unknown;
  repository?: unknown;
}

/** A package's registry document: every version, and the dist-tags. */
export interface Packument {
  name: string;
  description?: unknown;
  'dist-tags': Record<string, unknown>;
  versions: Record<string, PackumentVersion>;
  /** When each version was published (ISO dates), as the full packument carries it. */
  time?: Record<string, unknown>;
}

/**
 * How long one registry request may take: seconds, not npm's minutes of
 * retries, but enough for a registry on a busy machine (5 s was not).
 */
export const registryTimeoutMs = 10_000;

/**
 * The packument of `name`, or undefined when the registry has no such
 * package (404).
 *
 * @throws GreeterError `GREETER_REGISTRY_UNREACHABLE` naming the registry when
 *   it cannot be reached, does not answer in time, or answers something else.
 */
export async function fetchPackument(registry: Registry, name: string, timeoutMs = registryTimeoutMs): Promise<Packument | undefined> {
  const request: RegistryRequest = { kind: 'packument', name };
  const document = await getJson(registry, `${registry.url}${name.replace('/', '%2f')}`, request, timeoutMs);
  if (document === undefined) return undefined;
  const packument = document as Partial<Packument>;
  if (typeof packument.versions !== 'object' || packument.versions === null) {
    throw unreachable(registry, request, { kind: 'no-versions' });
  }
  const time = isObject(packument.time) ? packument.time : undefined;
  return {
    ...packument,
    name,
    'dist-tags': isObject(packument['dist-tags']) ? packument['dist-tags'] : {},
    versions: packument.versions,
    ...(time ? { time } : {}),
  };
}

/**
 * GETs a JSON document from the registry: undefined on 404.
 *
 * @throws GreeterError `GREETER_REGISTRY_UNREACHABLE` (see {@link fetchPackument}).
 */
export async function getJson(registry: Registry, url: string, request: RegistryRequest, timeoutMs = registryTimeoutMs): Promise<unknown> {
  const response = await get(registry, url, request, timeoutMs, 'application/json');
  if (response === undefined) return undefined;
  try {
    return await response.json();
  } catch (error) {
    throw unreachable(registry, request, (error as Error).name === 'TimeoutError' ? failureOf(error, timeoutMs) : { kind: 'not-json' }, error);
  }
}

/**
 * GETs a file (a tarball) from the registry: undefined on 404. The
 * registry's token is sent only to the registry's own host.
 *
 * @throws GreeterError `GREETER_REGISTRY_UNREACHABLE` (see {@link fetchPackument}).
 */
export async function getBytes(registry: Registry, url: string, request: RegistryRequest, timeoutMs = registryTimeoutMs): Promise<Buffer | undefined> {
  const sameHost = new URL(url).host === new URL(registry.url).host;
  const response = await get(sameHost ? registry : { ...registry, authorization: undefined }, url, request, timeoutMs, '*/*');
  if (response === undefined) return undefined;
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw unreachable(registry, request, failureOf(error, timeoutMs), error);
  }
}

// The response to a GET, undefined on 404; any other failure is the registry's.
async function get(registry: Registry, url: string, request: RegistryRequest, timeoutMs: number, accept: string): Promise<Response | undefined> {
  const headers: Record<string, string> = { accept };
  if (registry.authorization !== undefined) headers['authorization'] = registry.authorization;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw unreachable(registry, request, failureOf(error, timeoutMs), error);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw unreachable(registry, request, { kind: 'http', status: response.status });
  }
  return response;
}

function unreachable(registry: Registry, request: RegistryRequest, failure: RegistryFailure, cause?: unknown): GreeterError {
  return errorFrom(registryMessages.unreachable, { registry, request, failure }, { cause });
}

// A failed fetch or read: a timeout, else Node's error code, else its message.
function failureOf(error: unknown, timeoutMs: number): RegistryFailure {
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', timeoutMs };
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return { kind: 'network', detail: cause.code };
  return { kind: 'network', detail: typeof cause?.message === 'string' ? cause.message : String((error as Error | undefined)?.message ?? error) };
}
