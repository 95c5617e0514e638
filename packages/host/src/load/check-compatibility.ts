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
  const quick = quickCheck(effective, coreVersion);
  if (quick !== undefined) return quick ? { compatible: true } : { compatible: false, reason: 'out-of-range' };
  // Only the two functions needed, not all of semver.
  const validRange = requireOnUse('semver/ranges/valid') as (range: string) => string | null;
  const satisfies = requireOnUse('semver/functions/satisfies') as (version: string, range: string, options: { includePrerelease: boolean }) => boolean;
  if (validRange(effective) === null) return { compatible: false, reason: 'invalid-range' };
  return satisfies(coreVersion, effective, { includePrerelease: true }) ? { compatible: true } : { compatible: false, reason: 'out-of-range' };
}

const plainVersion = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const simpleRange = /^([\^~]|>=)?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The answer for the ranges nearly every plugin declares — `^1.2.3`,
 * `~1.2.3`, `>=1.2.3`, `1.2.3` — against a plain version, without semver:
 * loading semver builds dozens of regular expressions, about 15 ms of a
 * greeting (measured: 59 M instructions, more than the rest of greeter's own
 * start-up). Undefined for anything else, which semver decides. Agrees with
 * semver's `satisfies` on every range it answers for (a property test says so).
 */
export function quickCheck(range: string, version: string): boolean | undefined {
  const have = plainVersion.exec(version);
  const want = simpleRange.exec(range);
  if (!have || !want) return undefined;
  const [, operator = '', ...rest] = want;
  const [major, minor, patch] = rest.map(Number) as [number, number, number];
  const [haveMajor, haveMinor, havePatch] = have.slice(1).map(Number) as [number, number, number];
  const compare = haveMajor - major || haveMinor - minor || havePatch - patch;
  if (operator === '') return compare === 0;
  if (compare < 0) return false;
  if (operator === '>=') return true;
  if (operator === '~') return haveMajor === major && haveMinor === minor;
  // Caret: the left-most non-zero part may not change.
  if (major > 0) return haveMajor === major;
  if (minor > 0) return haveMajor === 0 && haveMinor === minor;
  return haveMajor === 0 && haveMinor === 0 && havePatch === patch;
}
