import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Whether a plugin's declared `@greeter/core` range admits the host's core. */
export type Compatibility =
  | { compatible: true }
  | { compatible: false; reason: 'out-of-range' | 'invalid-range' };

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
  const validRange = require('semver/ranges/valid') as (range: string) => string | null;
  const satisfies = require('semver/functions/satisfies') as (
    version: string,
    range: string,
    options: { includePrerelease: boolean },
  ) => boolean;
  if (validRange(effective) === null) return { compatible: false, reason: 'invalid-range' };
  return satisfies(coreVersion, effective, { includePrerelease: true })
    ? { compatible: true }
    : { compatible: false, reason: 'out-of-range' };
}
