import fs from 'node:fs';
import type { GuardStreams } from './part.js';
import { isSameStdout, type StdoutFile } from './stdout-file.js';

// Captured when the host is loaded, before any plugin code could replace
// them: the result is written with these alone.
const { writeSync } = fs;
const bufferFrom = Buffer.from;
const SafePromise = Promise;

/**
 * Writes greeter's own result to the real stdout, past the guard; for the
 * process's owner, which writes nothing else there. Refused when fd 1 is no
 * longer the file `stdout` describes (plugin code closed it and opened
 * another file in its place). Straight to fd 1 with the real `fs.writeSync`: no stream need
 * exist (none costs no start-up time), and none that plugin code reached
 * can hold the result back — a corked, ended or destroyed stream, or one
 * whose file writes Node bound to the patched `fs.writeSync`. Only where fd
 * 1 would block (a non-blocking pipe that is full) does the rest go through
 * the stream, uncorked, whose `_write` lets only chunks marked as greeter's through.
 */
export function writeRealStdout(streams: GuardStreams | undefined, stdout: StdoutFile, text: string): Promise<void> {
  return new SafePromise((resolve, reject) => {
    if (!isSameStdout(stdout)) {
      reject(
        Object.assign(new Error('fd 1 is no longer the stdout greeter started with: plugin code closed it or put another file in its place'), {
          code: 'EBADF',
        }),
      );
      return;
    }
    const chunk = bufferFrom(text, 'utf8');
    let written = 0;
    try {
      while (written < chunk.length) written += writeSync(1, chunk, written, chunk.length - written);
      resolve();
      return;
    } catch (error) {
      // A file stream writes synchronously: ENOSPC (`> /dev/full`) throws here.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') {
        reject(error);
        return;
      }
    }
    const rest = bufferFrom(chunk.buffer, chunk.byteOffset + written, chunk.length - written);
    const stream = streams?.open?.() ?? process.stdout;
    // A failed write is reported to its callback; the stream's 'error' event must not crash the process.
    if (stream.listenerCount('error') === 0) stream.on('error', () => {});
    const member = (name: string) => streams?.own.get(name) ?? (stream as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
    for (let corked = stream.writableCorked; corked > 0; corked--) member('uncork').call(stream);
    streams?.ours.add(rest);
    member('write').call(stream, rest, (error: Error | null | undefined) => (error ? reject(error) : resolve()));
  });
}

/**
 * Resolves once what was written to stderr has been handed to the OS, or
 * after `limitMs`: plugin output redirected there is not cut off by the
 * process ending, and a plugin that keeps writing cannot hold it open.
 */
export function stderrDrained(streams: GuardStreams | undefined, limitMs: number): Promise<void> {
  const stderr = streams?.stderr;
  if (stderr === undefined || stderr.writableLength === 0 || stderr.destroyed) return new SafePromise((resolve) => resolve());
  return new SafePromise((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      stderr.write('', done);
    } catch {
      // Plugin code replaced or broke the stream's write: nothing more can be let out.
      done();
    }
  });
}
