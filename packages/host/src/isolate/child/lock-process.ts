import { syncBuiltinESMExports } from 'node:module';
import os from 'node:os';
import v8 from 'node:v8';

// The permission model leaves open signals, scheduling priorities, the
// inspector's signal (process._debugProcess sends SIGUSR1 to any process)
// and V8's flags, which name files V8 writes past the model
// (--trace-turbo-cfg-file appends to any file) and open V8's internals
// (--allow-natives-syntax). From here, no process but this one can be
// signalled or reprioritised — greeter above all — and no flag changes. The
// originals are referenced from nowhere a script can reach once replaced,
// so plugin code cannot put them back (the process guard may still wrap
// these replacements).
const deny = (what: string, permission: 'Signal' | 'V8Flags') => () => {
  throw Object.assign(new Error(`${what} is not allowed to an isolated plugin.`), { code: 'ERR_ACCESS_DENIED', permission, resource: '' });
};

/** Closes what the permission model leaves open to the process, before plugin code runs. */
export function lockProcess(): void {
  const signals = deny('Sending signals', 'Signal');
  for (const name of ['kill', '_kill', '_debugProcess', '_debugEnd']) {
    Object.defineProperty(process, name, { value: signals, writable: true, configurable: true, enumerable: false });
  }
  Object.defineProperty(os, 'setPriority', { value: deny('Changing process priorities', 'Signal'), writable: true, configurable: true, enumerable: true });
  Object.defineProperty(v8, 'setFlagsFromString', { value: deny("Changing V8's flags", 'V8Flags'), writable: true, configurable: true, enumerable: true });
  syncBuiltinESMExports();
}
