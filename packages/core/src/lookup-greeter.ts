import type { Greeter } from './greeter.js';
import { errorFrom } from './error-messages.js';
import { pluginMessages } from './messages/plugins.js';

/** Which export of a plugin's module held its greeter. */
export type GreeterSymbol = 'Greeter' | 'default';

/** The greeter found in a plugin module, and the export it came from. */
export interface GreeterLookup {
  greeter: Greeter;
  symbol: GreeterSymbol;
}

/**
 * The runtime shape check, Go's type assertion: an object (or function) with
 * a `greet` function.
 */
export function isGreeter(value: unknown): value is Greeter {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  try {
    return typeof (value as { greet?: unknown }).greet === 'function';
  } catch {
    // A getter or Proxy trap that throws: no usable greet.
    return false;
  }
}

/**
 * Finds a plugin's greeter in its module namespace, as Go's
 * `plugin.Lookup("Greeter")`: the named `Greeter` export first, then the
 * default export. CommonJS interop: `module.exports = { Greeter }` and a
 * transpiled `exports.default` are unwrapped from the default export.
 *
 * @param pluginName named in the error when the lookup or the check fails.
 * @throws GreeterError `GREETER_PLUGIN_INVALID`
 */
export function lookupGreeter(moduleNamespace: unknown, pluginName: string): GreeterLookup {
  let found: { value: unknown; symbol: GreeterSymbol } | undefined;
  try {
    found = findExport(moduleNamespace);
  } catch (error) {
    throw errorFrom(pluginMessages.exportsUnreadable, { name: pluginName }, { cause: error });
  }
  if (found === undefined) {
    throw errorFrom(pluginMessages.noGreeterExport, { name: pluginName });
  }
  if (!isGreeter(found.value)) {
    throw errorFrom(pluginMessages.noGreetFunction, { name: pluginName, symbol: found.symbol });
  }
  return { greeter: found.value, symbol: found.symbol };
}

function findExport(moduleNamespace: unknown): { value: unknown; symbol: GreeterSymbol } | undefined {
  if (!isObjectLike(moduleNamespace)) return undefined;
  const named = moduleNamespace['Greeter'];
  if (named !== undefined) return { value: named, symbol: 'Greeter' };
  let value = moduleNamespace['default'];
  if (value === undefined) return undefined;
  if (isObjectLike(value) && !isGreeter(value)) {
    if (value['Greeter'] !== undefined) return { value: value['Greeter'], symbol: 'Greeter' };
    if (value['__esModule'] === true && value['default'] !== undefined) value = value['default'];
  }
  return { value, symbol: 'default' };
}

function isObjectLike(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}
