import { GreeterError, displayText } from '@greeter/core';
import { requireOnUse } from '../_require.js';

/** Whether a plugin's declared `@greeter/core` range admits the host's core. */
export type Compatibility = { compatible: true } | { compatible: false; reason: 'out-of-range' | 'invalid-range' };

/**
 * Checks a plugin's `peerDependencies["@greeter/core"]` against the host's
 * core version, from package.json alone. No declared range means duck
 * typing, as in the seed. A `workspace:` range (a plugin linked inside a
 * monorepo) is judged by the range it will be published with.
 */
export function checkCompatibility(range: string | undefined, coreVersion: string): Compatibility {
  if (range === undefined) return { compatible: true };
  let effective = range.trim();
  if (effective.startsWith('workspace:')) {
    effective = effective.slice('workspace:'.length);
    if (['', '*', '^', '~'].includes(effective)) return { compatible: true };
  }
  // Only the two functions needed, not all of semver: this runs on every greeting.
  const validRange = requireOnUse('semver/ranges/valid') as (range: string) => string | null;
  const satisfies = requireOnUse('semver/functions/satisfies') as (
    version: string,
    range: string,
    options: { includePrerelease: boolean },
  ) => boolean;
  if (validRange(effective) === null) return { compatible: false, reason: 'invalid-range' };
  return satisfies(coreVersion, effective, { includePrerelease: true })
    ? { compatible: true }
    : { compatible: false, reason: 'out-of-range' };
}

/** The plugin a compatibility error is about. */
export interface IncompatiblePlugin {
  name: string;
  version: string | undefined;
  range: string | undefined;
  reason: 'out-of-range' | 'invalid-range';
}

/**
 * The one `GREETER_PLUGIN_INCOMPATIBLE` error: the plugin, its range, this
 * greeter's core version, and `hint` (what to do depends on where it was met:
 * an installed plugin, a registry check, a plugin author's test).
 */
export function incompatibleError(plugin: IncompatiblePlugin, coreVersion: string, hint?: string): GreeterError {
  const range = displayText(plugin.range ?? '', 80);
  const detail =
    plugin.reason === 'invalid-range'
      ? `declares an invalid @greeter/core range "${range}"`
      : `needs @greeter/core ${range}, but this greeter has ${coreVersion}`;
  const version = plugin.version === undefined ? '' : ` ${displayText(plugin.version, 40)}`;
  return new GreeterError('GREETER_PLUGIN_INCOMPATIBLE', `${plugin.name}${version} ${detail}.`, { hint });
}
