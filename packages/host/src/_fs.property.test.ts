import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childPath, isInside } from './_fs.js';

// The string shortcuts for plain paths answer as path.relative and
// path.join do, for any path: `.`, `..`, empty segments, trailing slashes
// and names that merely start with dots included.

const segment = fc.constantFrom('a', 'b', 'node_modules', '.', '..', '', '..cache', '...', '.pnpm', 'a b', '@s');
const absolute = fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`);
const relative = fc.array(segment, { minLength: 1, maxLength: 3 }).map((segments) => segments.join('/'));

function insideByRelative(child: string, parent: string): boolean {
  const between = path.relative(parent, child);
  if (between === '') return true;
  if (path.isAbsolute(between)) return false;
  return between !== '..' && !between.startsWith(`..${path.sep}`);
}

describe('plain path shortcuts', () => {
  it('isInside answers as path.relative does', () => {
    fc.assert(
      fc.property(absolute, absolute, (child, parent) => {
        expect(isInside(child, parent)).toBe(insideByRelative(child, parent));
        expect(isInside(path.normalize(child), path.normalize(parent))).toBe(insideByRelative(child, parent));
      }),
      { numRuns: 2000 },
    );
  });

  it('childPath answers as path.join does', () => {
    fc.assert(
      fc.property(absolute, relative, (folder, name) => {
        expect(childPath(folder, name)).toBe(path.join(folder, name));
        expect(childPath(path.normalize(folder), name)).toBe(path.join(folder, name));
      }),
      { numRuns: 2000 },
    );
  });
});
