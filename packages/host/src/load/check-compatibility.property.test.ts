import fc from 'fast-check';
import satisfies from 'semver/functions/satisfies.js';
import { describe, expect, it } from 'vitest';
import { checkCompatibility, quickCheck } from './check-compatibility.js';

const part = fc.oneof(fc.constantFrom(0, 1, 2, 10), fc.nat(30));
const version = fc.tuple(part, part, part).map((parts) => parts.join('.'));
const range = fc.oneof(
  fc.tuple(fc.constantFrom('', '^', '~', '>='), version).map(([operator, base]) => `${operator}${base}`),
  fc.constantFrom('*', '^1.0.0 || ^2.0.0', '1.x', '>=1.0.0 <2.0.0', '^1.0.0-beta.1', 'v1.0.0', '01.0.0', ' ^1.0.0', 'latest'),
);

describe('the quick compatibility check', () => {
  it('agrees with semver wherever it answers, and answers both ways', () => {
    // Counted, so that the check behind the `if` is known to have run, for each answer.
    const answered = { true: 0, false: 0, undefined: 0 };
    fc.assert(
      fc.property(range, version, (wanted, have) => {
        const quick = quickCheck(wanted, have);
        answered[String(quick) as keyof typeof answered]++;
        if (quick !== undefined) expect(quick).toBe(satisfies(have, wanted, { includePrerelease: true }));
      }),
      { numRuns: 5000 },
    );
    expect(Object.values(answered).map((count) => count > 0)).toEqual([true, true, true]);
  });

  it('answers the ranges plugins declare, and leaves the rest to semver', () => {
    expect([quickCheck('^1.2.3', '1.9.0'), quickCheck('^0.2.3', '0.3.0'), quickCheck('~1.2.3', '1.2.9'), quickCheck('>=2.0.0', '10.0.0')]).toEqual([
      true,
      false,
      true,
      true,
    ]);
    expect([quickCheck('^1.0.0 || ^2.0.0', '2.0.0'), quickCheck('^1.0.0', '1.0.0-rc.1')]).toEqual([undefined, undefined]);
    expect(checkCompatibility('^1.0.0 || ^2.0.0', '2.1.0')).toEqual({ compatible: true });
  });
});
