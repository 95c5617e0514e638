import { readFileSync, readdirSync } from 'node:fs';

// O_CLOEXEC as /proc/<pid>/fdinfo shows it, in the octal `flags` field.
const closeOnExec = 0o2000000;

/**
 * The descriptors above 3 that greeter's own parent left open to it without
 * close-on-exec (a CI runner's log, make's jobserver, a socket handed down
 * by systemd): every process greeter starts inherits them, and the
 * permission model checks paths, not reads and writes through a descriptor.
 * The isolated process closes them before plugin code runs. Node opens its
 * own files with close-on-exec, so none of greeter's is among them. Read
 * from /proc (Linux); elsewhere none are known.
 */
export function inheritedDescriptors(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc/self/fd');
  } catch {
    return [];
  }
  const inherited: number[] = [];
  for (const entry of entries) {
    const fd = Number(entry);
    if (!(fd > 3)) continue;
    let info: string;
    try {
      info = readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
    } catch {
      // The listing's own descriptor, closed since.
      continue;
    }
    const flags = /^flags:\s*([0-7]+)/m.exec(info)?.[1];
    if (flags !== undefined && (Number.parseInt(flags, 8) & closeOnExec) === 0) inherited.push(fd);
  }
  return inherited;
}
