import fs from 'node:fs';
import { divert, swapFirst } from './divert.js';
import { copyToStderr } from './fs-paths.js';
import { type Dispose, type GuardContext, inReverse } from './part.js';

// Captured when the host is loaded: plugin code may replace the global Promise.
const SafePromise = Promise;
const { writeFile, appendFile } = fs;

/**
 * `node:fs/promises` (the same object as `fs.promises`): its calls take no
 * fd, so a write to a path to stdout goes to fd 2 through the callback
 * forms; opening such a path opens stderr; a copy onto stdout is written to
 * fd 2 instead; truncating stdout does nothing.
 */
export function installFsPromises({ stdout }: GuardContext): Dispose {
  const promises = fs.promises;
  const settle = (start: (done: (error: Error | null) => void) => void) =>
    new SafePromise<void>((resolve, reject) => start((error) => (error ? reject(error) : resolve())));
  const toStdout = ([file]: unknown[]) => stdout.isPath(file);
  const ontoStdout = ([, destination]: unknown[]) => stdout.isPath(destination);
  const viaFd =
    (write: typeof writeFile | typeof appendFile) =>
    ([, data, options]: unknown[]) =>
      settle((done) => (options === undefined ? write(2, data as string, done) : write(2, data as string, options as fs.WriteFileOptions, done)));
  return inReverse([
    divert(promises, 'writeFile', toStdout, viaFd(writeFile)),
    divert(promises, 'appendFile', toStdout, viaFd(appendFile)),
    ...['copyFile', 'cp'].map((name) => divert(promises, name, ontoStdout, ([source]) => settle((done) => copyToStderr(source, done)))),
    swapFirst(promises, 'open', (file) => (stdout.isPath(file) ? stdout.stderrPath() : file)),
    divert(promises, 'truncate', toStdout, () => settle((done) => done(null))),
  ]);
}
