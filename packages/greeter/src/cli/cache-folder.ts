import path from 'node:path';

/**
 * Greeter's cache folder, as the environment sets it: `GREETER_CACHE_DIR`,
 * else `$XDG_CACHE_HOME/greeter`, else `<home>/.cache/greeter` (relative
 * paths are ignored, as the XDG spec asks). Undefined when
 * `GREETER_CACHE` turns caching off (`off`, `0`, `false`, `no`) or there is
 * no home folder: a cache is never put in a shared temporary folder.
 */
export function greeterCacheFolder(env: Record<string, string | undefined>, home: string | undefined): string | undefined {
  if (/^(off|0|false|no)$/i.test(env['GREETER_CACHE']?.trim() ?? '')) return undefined;
  const absolute = (value: string | undefined) => (value && path.isAbsolute(value) ? value : undefined);
  const configured = absolute(env['GREETER_CACHE_DIR']);
  if (configured !== undefined) return configured;
  const base = absolute(env['XDG_CACHE_HOME']) ?? (absolute(home) && path.join(home!, '.cache'));
  return base === undefined ? undefined : path.join(base, 'greeter');
}
