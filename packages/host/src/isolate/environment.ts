// Locale, time zone and terminal: what a greeting may need to know. Every
// other variable — tokens, keys, database URLs, PATH, HOME, Node's own
// NODE_OPTIONS — stays with greeter unless the user granted it by name.
const passedOn = new Set(['LANG', 'LANGUAGE', 'TZ', 'TERM', 'COLORTERM', 'NO_COLOR', 'FORCE_COLOR']);

// Variables that change how the child's Node runs (a grant of NODE_OPTIONS
// could hand the plugin `--allow-fs-read=*`): never passed on, granted or not.
const runtimeVariable = /^(NODE_|UV_THREADPOOL_SIZE$)/i;

/**
 * The environment of an isolated plugin's process: from greeter's own, only
 * `LANG`, `LANGUAGE`, `LC_*`, `TZ`, `TERM`, `COLORTERM`, `NO_COLOR`,
 * `FORCE_COLOR`, and the variables the user granted the plugin by name.
 */
export function isolatedEnvironment(env: Record<string, string | undefined>, granted: readonly string[] = []): Record<string, string> {
  const grants = new Set(granted);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || runtimeVariable.test(name)) continue;
    if (passedOn.has(name) || name.startsWith('LC_') || grants.has(name)) result[name] = value;
  }
  return result;
}
