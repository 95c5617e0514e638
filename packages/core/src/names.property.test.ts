import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGreeterError } from './greeter-error.js';
import { parseLanguageRequest } from './names.js';

// Strings a hostile user might type: paths, encodings, controls, any script.
const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.stringMatching(/^[@./\\%a-z0-9_-]{0,30}$/),
  fc.constantFrom('..', '../x', '@a/..', '@a/../../b', '%2e%2e%2f', 'a\u0000b', 'x\u202ey', '\u001b[2J', 'C:\\x', '~/x', 'greeter-plugin-../x'),
);

// Each property counts the branches it took: a property whose checks sit
// behind an `if` proves nothing unless the inputs reached them.
const branches = () => ({ accepted: 0, refused: 0, named: 0 });

describe('parseLanguageRequest, for any input', () => {
  it('returns a request or throws GREETER_INVALID_NAME, nothing else', () => {
    const seen = branches();
    fc.assert(
      fc.property(hostile, (input) => {
        try {
          parseLanguageRequest(input);
          seen.accepted++;
        } catch (error) {
          seen.refused++;
          expect(isGreeterError(error) && error.code).toBe('GREETER_INVALID_NAME');
        }
      }),
      { numRuns: 2000 },
    );
    expect([seen.accepted > 0, seen.refused > 0]).toEqual([true, true]);
  });

  it('never yields a package name that leaves node_modules or holds a path character', () => {
    const seen = branches();
    fc.assert(
      fc.property(hostile, (input) => {
        let packageName: string | undefined;
        try {
          packageName = parseLanguageRequest(input).packageName;
        } catch {
          return;
        }
        if (packageName === undefined) return;
        seen.named++;
        const folder = path.posix.join('/p/node_modules', packageName);
        expect(folder.startsWith('/p/node_modules/')).toBe(true);
        expect(path.posix.normalize(folder)).toBe(folder);
        expect(packageName).toMatch(/^(@[a-z0-9][a-z0-9_-]*\/)?[a-z0-9][a-z0-9_-]*$/);
      }),
      { numRuns: 2000 },
    );
    expect(seen.named).toBeGreaterThan(0);
  });

  it('never accepts dots, slashes outside a scope, backslashes, percent signs, spaces or control characters', () => {
    const seen = branches();
    fc.assert(
      fc.property(hostile, (input) => {
        let accepted = true;
        try {
          parseLanguageRequest(input);
        } catch {
          accepted = false;
        }
        if (!accepted) return;
        seen.accepted++;
        expect(input).not.toMatch(/[.\\%\s\p{Cc}\p{Cf}]|\/.*\/|^[^@].*\//u);
      }),
      { numRuns: 2000 },
    );
    expect(seen.accepted).toBeGreaterThan(0);
  });
});
