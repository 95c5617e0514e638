import { isPluginPackageName, pluginPrefix } from '@greeter/core';
import { chooseVersion, type PublishedPlugin } from './choose-version.js';
import { fetchPackument, getJson, registryTimeoutMs } from './fetch-packument.js';
import type { Registry } from './find-registry.js';

/** What {@link searchPlugins} needs besides the registry. */
export interface SearchOptions {
  /** Words the user looks for; undefined: every plugin. */
  term: string | undefined;
  coreVersion: string;
  /** The registry of a package found (a scope may have its own). Default: the one searched. */
  registryFor?: ((name: string) => Registry) | undefined;
  /** Results asked for per request (npm's registry allows 250). */
  pageSize?: number | undefined;
  /** Packuments fetched at once. */
  concurrency?: number | undefined;
  timeoutMs?: number | undefined;
}

/** A plugin found on the registry: the version `greeter add` would install, or its newest when none is compatible. */
export type SearchedPlugin = PublishedPlugin;

interface SearchObject {
  package: { name: string; keywords?: unknown };
}

const maxResults = 1000;

/**
 * The Greeter plugins a registry has: searched by the text `greeter-plugin`
 * (plus the term) and by `keywords:greeter-plugin` (npm's registry; others
 * find nothing), merged, kept when the name follows the convention or the
 * package carries the keyword; then each packument is fetched for the
 * version greeter would install, its languages and its compatibility.
 * Packages none of whose versions is a plugin, or that name no language,
 * are left out. Sorted by name.
 *
 * @throws GreeterError `GREETER_REGISTRY_UNREACHABLE` when the registry cannot be reached.
 */
export async function searchPlugins(registry: Registry, options: SearchOptions): Promise<SearchedPlugin[]> {
  const term = options.term?.trim() ?? '';
  const texts = [`${pluginPrefix} ${term}`.trim(), `keywords:${pluginPrefix} ${term}`.trim()];
  const found = new Map<string, SearchObject>();
  for (const objects of await Promise.all(texts.map((text) => searchAll(registry, text, options)))) {
    for (const object of objects) if (!found.has(object.package.name) && isPluginResult(object)) found.set(object.package.name, object);
  }
  const names = [...found.keys()].sort();
  const plugins = await mapLimit(names, options.concurrency ?? 6, async (name) => {
    const packument = await fetchPackument(options.registryFor?.(name) ?? registry, name, options.timeoutMs);
    if (packument === undefined) return undefined;
    const choice = chooseVersion(packument, options.coreVersion);
    return choice.kind === 'compatible' ? choice.plugin : choice.kind === 'incompatible' ? choice.newest : undefined;
  });
  // A plugin greets in some language: the keyword alone on a package with no
  // manifest and no conventional name (a scaffolder, a helper) is not one.
  return plugins.filter((plugin): plugin is SearchedPlugin => plugin !== undefined && plugin.languages.length > 0);
}

/**
 * Every result of one search, page by page. Verdaccio (6.x) answers
 * `slice(from, size)` instead of `size` results from `from`: when a page
 * after the first comes back empty although the one before was full, it is
 * asked again with the end index as the size (a registry that refuses so
 * large a size has simply no more results).
 */
async function searchAll(registry: Registry, text: string, options: SearchOptions): Promise<SearchObject[]> {
  const pageSize = options.pageSize ?? 250;
  const results: SearchObject[] = [];
  for (let from = 0; from < maxResults; from += pageSize) {
    let page = await searchPage(registry, text, from, pageSize, options.timeoutMs);
    if (page.length === 0 && from > 0) page = await searchPage(registry, text, from, from + pageSize, options.timeoutMs).catch(() => []);
    results.push(...page);
    if (page.length < pageSize) break;
  }
  return results;
}

async function searchPage(registry: Registry, text: string, from: number, size: number, timeoutMs = registryTimeoutMs): Promise<SearchObject[]> {
  const query = new URLSearchParams({ text, size: String(size), from: String(from) });
  const document = await getJson(registry, `${registry.url}-/v1/search?${query}`, { kind: 'search', text }, timeoutMs);
  const objects = (document as { objects?: unknown } | undefined)?.objects;
  if (!Array.isArray(objects)) return [];
  return objects.filter((object): object is SearchObject => typeof (object as Partial<SearchObject> | null)?.package?.name === 'string');
}

function isPluginResult(object: SearchObject): boolean {
  const keywords = object.package.keywords;
  return isPluginPackageName(object.package.name) || (Array.isArray(keywords) && keywords.includes(pluginPrefix));
}

async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
