// The network, closed from inside an isolated plugin's process on Node 20,
// 22 and 24, whose permission model does not cover it (Node 25+ denies it
// itself). Runs before any plugin code, with the permission model already
// on, which has removed `process.binding`: plugin code reaches sockets only
// through Node's own modules, and they all end in a few native methods —
// TCP and Unix-socket `connect`/`bind`/`listen`/`open`, UDP `bind`/`send`/
// `connect`, the c-ares resolver's queries, and `getaddrinfo` behind
// `dns.lookup`. Each is replaced by a function that throws, defined
// non-writable and non-configurable on its prototype or module, so no code
// that runs later can put the original back or reach it: it is referenced
// from nowhere else a script can see.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

type Method = (...args: unknown[]) => unknown;

/** The error a denied network call throws: Node 25's own shape, so greeter classifies it the same way. */
function denied(resource: unknown): Error {
  const error = new Error('Access to this API has been restricted: an isolated plugin may not use the network unless the user grants it.');
  return Object.assign(error, { code: 'ERR_ACCESS_DENIED', permission: 'Net', resource: typeof resource === 'string' ? resource : '' });
}

function deny(target: object, names: readonly string[], allow?: (args: unknown[]) => boolean): void {
  for (const name of names) {
    const original = (target as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    const replacement = function (this: unknown, ...args: unknown[]) {
      if (allow?.(args)) return (original as Method).apply(this, args);
      throw denied(args.find((arg) => typeof arg === 'string'));
    };
    Object.defineProperty(target, name, { value: replacement, writable: false, configurable: false, enumerable: false });
  }
}

// The prototype of a socket's native handle, whose handle is then closed.
// Straight on the handle: the socket's destroy() would create
// process.stderr, which turns fd 2 non-blocking under the plugin.
function handlePrototype(socket: unknown): object {
  const owner = socket as { _handle?: { close(): void } | null };
  const handle = owner._handle;
  const prototype = handle === null || handle === undefined ? null : Object.getPrototypeOf(handle);
  if (prototype === null) throw new Error('greeter could not reach a socket prototype to close the network');
  handle!.close();
  owner._handle = null;
  return prototype as object;
}

/**
 * Closes the network for the rest of the process. Needs fd 0 to be a pipe
 * read to its end (greeter sends the request on one): its handle shows the
 * Unix-socket prototype without opening anything.
 */
export function lockNetwork(): void {
  // A TCP handle, made by a connect whose lookup never answers: no packet is sent.
  const tcp = handlePrototype(new net.Socket().connect({ host: 'greeter.invalid', port: 9, lookup: () => {} }));
  // A Unix-socket (pipe) handle, from the request pipe on fd 0, already read to its end.
  const pipe = handlePrototype(new net.Socket({ fd: 0, readable: false, writable: false }));
  // A UDP handle is made with the socket; it lives in a symbol-keyed state.
  const udpSocket = dgram.createSocket('udp4');
  const state = Object.getOwnPropertySymbols(udpSocket)
    .map((key) => (udpSocket as unknown as Record<symbol, { handle?: unknown } | undefined>)[key])
    .find((value) => typeof value === 'object' && value !== null && 'handle' in value);
  const udp = state?.handle ? (Object.getPrototypeOf(state.handle) as object) : undefined;
  udpSocket.close();
  const resolver = Object.getPrototypeOf((new dns.Resolver() as unknown as { _handle: object })._handle) as object | null;
  if (!udp || !resolver) throw new Error('greeter could not reach a socket prototype to close the network');

  deny(tcp, ['connect', 'connect6', 'bind', 'bind6', 'listen', 'open']);
  deny(pipe, ['connect', 'bind', 'listen']);
  // The plugin's own stdout and stderr are pipes too: those may still be opened.
  deny(pipe, ['open'], ([fd]) => fd === 1 || fd === 2);
  deny(udp, ['bind', 'bind6', 'connect', 'connect6', 'send', 'send6', 'open']);
  deny(
    resolver,
    Object.getOwnPropertyNames(resolver).filter((name) => /^(query|getHostByAddr|setServers|setLocalAddress)/.test(name)),
  );
  for (const module of [dns, dns.promises]) deny(module, ['lookup', 'lookupService']);
  // ES modules that import { lookup } from 'node:dns' see the replacements too.
  syncBuiltinESMExports();
}
