import fs from 'node:fs';
import { callbackOf, divert, doneLater, swapFirst } from './divert.js';
import { type Dispose, type GuardContext, inReverse } from './part.js';

// Captured when the host is loaded, to write copies to stderr past every patch.
const { readFile, readFileSync, writeFile, writeFileSync } = fs;

/**
 * The `node:fs` calls that take a path (or, for the file writers, an fd):
 * a write to fd 1 or to a path to stdout goes to fd 2; a copy onto stdout
 * (`copyFile`, `cp`) is written to fd 2 instead; truncating stdout does nothing.
 */
export function installFsPaths({ stdout }: GuardContext): Dispose {
  const toStdout = (target: unknown) => target === 1 || stdout.isPath(target);
  const ontoStdout = ([, destination]: unknown[]) => stdout.isPath(destination);
  return inReverse([
    ...['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync'].map((name) => swapFirst(fs, name, (file) => (toStdout(file) ? 2 : file))),
    ...['copyFileSync', 'cpSync'].map((name) => divert(fs, name, ontoStdout, ([source]) => writeFileSync(2, readFileSync(source as fs.PathLike)))),
    ...['copyFile', 'cp'].map((name) => divert(fs, name, ontoStdout, ([source, , ...rest]) => copyToStderr(source, callbackOf(rest)))),
    divert(
      fs,
      'truncateSync',
      ([file]) => toStdout(file),
      () => undefined,
    ),
    divert(fs, 'truncate', ([file]) => toStdout(file), doneLater),
  ]);
}

/** Writes the file at `source` to fd 2, then calls `done` (when given) as the copy it stands in for would. */
export function copyToStderr(source: unknown, done: (error: Error | null) => void = () => {}): void {
  readFile(source as fs.PathLike, (error, data) => (error ? done(error) : writeFile(2, data, done)));
}
