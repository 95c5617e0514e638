import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';

// The permission model leaves signals, scheduling priorities and the
// inspector's signal (process._debugProcess sends SIGUSR1 to any process)
// open: from here, no process but this one can be signalled or
// reprioritised — greeter above all. The originals are referenced from
// nowhere a script can reach once replaced, so plugin code cannot put them
// back (the process guard may still wrap these replacements).
const deny = (what: string) => () => {
  throw Object.assign(new Error(`${what} is not allowed to an isolated plugin.`), { code: 'ERR_ACCESS_DENIED', permission: 'Signal', resource: '' });
};

/** Closes what the permission model leaves open to the process, before plugin code runs. */
export function lockProcess(): void {
  const signals = deny('Sending signals');
  for (const name of ['kill', '_kill', '_debugProcess', '_debugEnd']) {
    Object.defineProperty(process, name, { value: signals, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(os, 'setPriority', { value: deny('Changing process priorities'), writable: true, configurable: true, enumerable: true });
  syncBuiltinESMExports();
}
