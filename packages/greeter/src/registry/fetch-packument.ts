import { GreeterError, displayText } from '@greeter/core';
import { registryHint, type Registry } from './find-registry.js';
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
  const document = await getJson(registry, `${registry.url}${name.replace('/', '%2f')}`, `look up ${name}`, timeoutMs);
  if (document === undefined) return undefined;
  const packument = document as Partial<Packument>;
  if (typeof packument.versions !== 'object' || packument.versions === null) {
    throw unreachable(registry, `look up ${name}`, 'its answer has no versions');
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
export async function getJson(registry: Registry, url: string, purpose: string, timeoutMs = registryTimeoutMs): Promise<unknown> {
  const response = await get(registry, url, purpose, timeoutMs, 'application/json');
  if (response === undefined) return undefined;
  try {
    return await response.json();
  } catch (error) {
    throw unreachable(registry, purpose, (error as Error).name === 'TimeoutError' ? reasonOf(error, timeoutMs) : 'its answer is not JSON', error);
  }
}

/**
 * GETs a file (a tarball) from the registry: undefined on 404. The
 * registry's token is sent only to the registry's own host.
 *
 * @throws GreeterError `GREETER_REGISTRY_UNREACHABLE` (see {@link fetchPackument}).
 */
export async function getBytes(registry: Registry, url: string, purpose: string, timeoutMs = registryTimeoutMs): Promise<Buffer | undefined> {
  const sameHost = new URL(url).host === new URL(registry.url).host;
  const response = await get(sameHost ? registry : { ...registry, authorization: undefined }, url, purpose, timeoutMs, '*/*');
  if (response === undefined) return undefined;
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw unreachable(registry, purpose, reasonOf(error, timeoutMs), error);
  }
}

// The response to a GET, undefined on 404; any other failure is the registry's.
async function get(registry: Registry, url: string, purpose: string, timeoutMs: number, accept: string): Promise<Response | undefined> {
  const headers: Record<string, string> = { accept };
  if (registry.authorization !== undefined) headers['authorization'] = registry.authorization;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw unreachable(registry, purpose, reasonOf(error, timeoutMs), error);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    const auth = response.status === 401 || response.status === 403 ? ' (check the auth token configured for it)' : '';
    throw unreachable(registry, purpose, `it answered HTTP ${response.status}${auth}`);
  }
  return response;
}

function unreachable(registry: Registry, purpose: string, reason: string, cause?: unknown): GreeterError {
  return new GreeterError('GREETER_REGISTRY_UNREACHABLE', `Could not ${purpose} on the registry ${displayText(registry.url)}: ${reason}.`, {
    hint: registryHint(registry),
    cause,
  });
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return displayText(typeof cause?.message === 'string' ? cause.message : String((error as Error | undefined)?.message ?? error), 200);
}
