// The network, closed from inside an isolated plugin's process on Node 20,
// 22 and 24, whose permission model does not cover it (Node 25+ denies it
// itself). Runs before any plugin code, with the permission model already
// on, which has removed `process.binding`: plugin code reaches sockets only
// through Node's own modules. Two layers:
// - the public entry points (net connect and listen, dgram bind, send and
//   connect, dns lookup) fail as Node 25's model fails them: an
//   ERR_ACCESS_DENIED error delivered the way the API delivers errors (an
//   'error' event, a callback, a rejected promise), so a plugin that handles
//   errors sees the same thing on every Node;
// - the native methods every socket ends in — TCP and Unix-socket
//   connect/bind/listen/open, UDP bind/send/connect, the c-ares resolver's
//   queries — throw, whatever path reaches them.
// Each replacement is defined non-writable and non-configurable, and the
// originals are referenced from nowhere a script can reach, so no code that
// runs later can put them back.
import { syncBuiltinESMExports } from 'node:module';

// Loaded when the lock runs, not with the child's file: Node 25+ and a
// plugin granted the network never need them.
const builtin = (process as unknown as { getBuiltinModule(id: string): unknown }).getBuiltinModule;
let dgram: typeof import('node:dgram');
let dns: typeof import('node:dns');
let net: typeof import('node:net');

type Method = (this: unknown, ...args: unknown[]) => unknown;

// Taken before plugin code runs: a plugin that replaces Function.prototype.apply
// or Reflect.apply later must not receive an original native method through it.
const { apply } = Reflect;
const ownFunctions = (target: object) =>
  Object.getOwnPropertyNames(target).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(target, name)?.value === 'function');

/** The error a denied network call gives: Node 25's own shape, so greeter classifies it the same way. */
function denied(resource: unknown): Error {
  const error = new Error('Access to this API has been restricted: an isolated plugin may not use the network unless the user grants it.');
  return Object.assign(error, { code: 'ERR_ACCESS_DENIED', permission: 'Net', resource: typeof resource === 'string' ? resource : '' });
}

function define(target: object, name: string, value: Method): void {
  Object.defineProperty(target, name, { value, writable: false, configurable: false, enumerable: false });
}

// A native method that throws, unless `allow` lets this call through.
function denyNative(target: object, names: readonly string[], allow?: (args: unknown[]) => boolean): void {
  for (const name of names) {
    const original = (target as Record<string, unknown>)[name];
    if (typeof original !== 'function') continue;
    define(target, name, function (this: unknown, ...args: unknown[]) {
      if (allow?.(args)) return apply(original as Method, this, args);
      throw denied(args.find((arg) => typeof arg === 'string'));
    });
  }
}

// The prototype of a socket's native handle, whose handle is then closed.
// Straight on the handle: the socket's destroy() would create
// process.stderr, which turns fd 2 non-blocking under the plugin.
function handlePrototype(socket: unknown): object {
  const owner = socket as { _handle?: { close(): void } | null };
  const handle = owner._handle;
  const prototype = handle === null || handle === undefined ? null : (Object.getPrototypeOf(handle) as object | null);
  if (prototype === null) throw new Error('greeter could not reach a socket prototype to close the network');
  handle!.close();
  owner._handle = null;
  return prototype;
}

// Where an address argument of connect, bind or send names a host or a path.
function addressOf(args: unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown; port?: unknown };
    return String(options.path ?? options.host ?? options.port ?? '');
  }
  return typeof second === 'string' ? second : String(first ?? '');
}

/** The public entry points: each fails as Node 25's permission model fails it, asynchronously. */
function denyPublic(): void {
  const later = (callback: unknown, error: Error) => typeof callback === 'function' && process.nextTick(callback as (error: Error) => void, error);
  define(net.Socket.prototype, 'connect', function (this: unknown, ...args: unknown[]) {
    const socket = this as import('node:net').Socket;
    const error = denied(addressOf(args));
    process.nextTick(() => socket.destroy(error));
    return socket;
  });
  for (const name of ['listen', '_listen2']) {
    define(net.Server.prototype, name, function (this: unknown, ...args: unknown[]) {
      const server = this as import('node:net').Server;
      process.nextTick(() => server.emit('error', denied(addressOf(args))));
      return server;
    });
  }
  define(net, '_createServerHandle', (...args: unknown[]) => {
    throw denied(args[0]);
  });
  for (const name of ['lookup', 'lookupService']) {
    define(dns, name, (...args: unknown[]) => {
      const callback = args.findLast((arg) => typeof arg === 'function');
      if (callback === undefined) throw denied(args[0]);
      later(callback, denied(args[0]));
    });
    define(dns.promises, name, (...args: unknown[]) => Promise.reject(denied(args[0])));
  }
}

/**
 * UDP, on every Node: Node 25's permission model denies sending and
 * receiving but lets a socket join a multicast group, which binds it to a
 * port. No UDP handle has any use in an isolated plugin: every method of its
 * own is closed, and the public ones fail as the model fails them.
 */
function lockUdp(): void {
  dgram = builtin('node:dgram') as typeof dgram;
  // A UDP handle is made with the socket; it lives in a symbol-keyed state.
  const udpSocket = dgram.createSocket('udp4');
  const state = Object.getOwnPropertySymbols(udpSocket)
    .map((key) => (udpSocket as unknown as Record<symbol, { handle?: unknown } | undefined>)[key])
    .find((value) => typeof value === 'object' && value !== null && 'handle' in value);
  const udp = state?.handle ? (Object.getPrototypeOf(state.handle) as object) : undefined;
  udpSocket.close();
  if (!udp) throw new Error('greeter could not reach the UDP prototype to close the network');
  const later = (callback: unknown, error: Error) => typeof callback === 'function' && process.nextTick(callback as (error: Error) => void, error);
  // Every way a UDP socket binds, sends, receives or joins a group (membership binds it implicitly).
  const keep = new Set(['close', 'ref', 'unref', 'address', 'remoteAddress', '_healthCheck', '_stopReceiving', 'getSendQueueSize', 'getSendQueueCount']);
  for (const name of ownFunctions(dgram.Socket.prototype).filter((member) => !keep.has(member))) {
    define(dgram.Socket.prototype, name, function (this: unknown, ...args: unknown[]) {
      const socket = this as import('node:dgram').Socket;
      const error = denied(addressOf(name === 'send' || name === 'sendto' ? args.slice(1) : args));
      const callback = args.findLast((arg) => typeof arg === 'function');
      if (name.endsWith('Sync')) throw error;
      if (name !== 'bind' && callback !== undefined) later(callback, error);
      else process.nextTick(() => socket.emit('error', error));
      return socket;
    });
  }
  denyNative(udp, ownFunctions(udp));
}

/**
 * Closes the network for the rest of the process: all of it (Node ≤ 24), or
 * UDP alone (Node 25+, whose permission model closes the rest). Needs fd 0 to be a pipe
 * read to its end (greeter sends the request on one): its handle shows the
 * Unix-socket prototype without opening anything.
 */
export function lockNetwork(scope: 'all' | 'udp'): void {
  lockUdp();
  if (scope === 'udp') return;
  dns = builtin('node:dns') as typeof dns;
  net = builtin('node:net') as typeof net;
  // A TCP handle, made by a connect that fails its argument checks just after
  // making it: no packet is sent, and the address patterns are never built.
  const tcpSocket = new net.Socket();
  try {
    tcpSocket.connect({ port: true as unknown as number });
  } catch {
    // ERR_INVALID_ARG_TYPE, as meant.
  }
  const tcp = handlePrototype(tcpSocket);
  // A Unix-socket (pipe) handle, from the request pipe on fd 0, already read to its end.
  const pipe = handlePrototype(new net.Socket({ fd: 0, readable: false, writable: false }));
  const resolver = Object.getPrototypeOf((new dns.Resolver() as unknown as { _handle: object })._handle) as object | null;
  if (!resolver) throw new Error('greeter could not reach the resolver prototype to close the network');

  denyPublic();
  // No TCP handle has any use in an isolated plugin: every method of its own is closed.
  denyNative(tcp, ownFunctions(tcp));
  denyNative(pipe, ['connect', 'bind', 'listen']);
  // The plugin's own stdout and stderr are pipes too: those may still be opened.
  denyNative(pipe, ['open'], ([fd]) => fd === 1 || fd === 2);
  denyNative(
    resolver,
    Object.getOwnPropertyNames(resolver).filter((name) => /^(query|getHostByAddr)/.test(name)),
  );
  // ES modules that import { lookup } from 'node:dns' see the replacements too.
  syncBuiltinESMExports();
}
