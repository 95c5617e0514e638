import { statSync, type Stats } from 'node:fs';

/**
 * What tells one state of a file or folder from another, from its stat
 * data: device, inode, size, modification and change time. The change time
 * (ctime) is set by the kernel on every write, rename, link or chmod and
 * cannot be set back, unlike the modification time npm gives every
 * installed file (1985-10-26).
 */
export type Fingerprint = readonly [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number];

/**
 * How far a state must lie behind the start of the run that read it to be
 * kept: a change made later in the same clock tick would leave the stat data
 * as it was (git's "racy" entries). File systems store times to the
 * nanosecond (ext4, APFS, NTFS), the second (HFS+, ext3) or two seconds
 * (FAT), and a network file system's clock may run a little behind ours:
 * three seconds covers them all. A state younger than that is read again at
 * the next run.
 */
export const settleMs = 3000;

/** The stat data of a path, following links; undefined when it cannot be stat'ed. */
export function statOrUndefined(target: string): Stats | undefined {
  try {
    return statSync(target, { throwIfNoEntry: false });
  } catch {
    // Unreadable (EACCES, ELOOP, ENOTDIR): nothing to compare with, so nothing kept.
    return undefined;
  }
}

/** The fingerprint of stat data. */
export function fingerprintOf(stats: Stats): Fingerprint {
  return [stats.dev, stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs];
}

/** Whether stat data was last changed clearly before `readStartedAt` (ms since the epoch): only then may what was read be kept. */
export function isSettled(stats: Stats, readStartedAt: number): boolean {
  return Math.max(stats.mtimeMs, stats.ctimeMs) < readStartedAt - settleMs;
}

/** Whether a path's stat data now is the kept fingerprint (false when it cannot be stat'ed). */
export function isUnchanged(target: string, kept: Fingerprint): boolean {
  const stats = statOrUndefined(target);
  return stats !== undefined && sameFingerprint(fingerprintOf(stats), kept);
}

/** Whether two fingerprints are the same state. */
export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4];
}

/** Whether a value read back from a file is a fingerprint. */
export function isFingerprint(value: unknown): value is Fingerprint {
  return Array.isArray(value) && value.length === 5 && value.every((part) => typeof part === 'number');
}
