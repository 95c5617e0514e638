import { expect, it } from 'vitest';
import { jsonFailure, jsonOutcome } from '../project.js';
import type { Listener } from './listener.js';
import { greetingJson, newSecret, shown, type AsyncGreeter } from './project.js';

// What an isolated plugin can reach beyond its files (CONTRACT §4b): the
// environment by allow-list, and no network unless the user granted it.
// greeter-plugin-spy greets with the environment it sees; greeter-plugin-net
// tries every network API against the test's own servers on 127.0.0.1,
// which note whatever reaches them.

/** Variables greeter's environment holds that must never reach a plugin: named like secrets, and not. */
export const withheld = ['SSH_KEY', 'STRIPE_KEY', 'SIGNING_KEY', 'AWS_ACCESS_KEY_ID', 'DATABASE_URL', 'MY_VARIABLE'];

/** Each withheld variable with a fresh secret value. */
export function withheldSecrets(): Record<string, string> {
  return Object.fromEntries(withheld.map((name) => [name, newSecret(name)]));
}

/** The environment attack, with the greeter `run()` gives. */
export function itKeepsTheEnvironment(run: () => AsyncGreeter): void {
  it('SSH_KEY, STRIPE_KEY, SIGNING_KEY, AWS_ACCESS_KEY_ID, DATABASE_URL and MY_VARIABLE never reach the plugin; LANG and TZ do', async () => {
    const secrets = withheldSecrets();
    const ran = await run()(['spy', '--json'], { env: { ...secrets, LANG: 'sv_SE.UTF-8', TZ: 'Pacific/Chatham' } });
    const seen = (greetingJson(ran)?.['env'] ?? {}) as Record<string, string>;
    expect({
      exit: ran.code,
      reached: withheld.filter((name) => Object.hasOwn(seen, name)),
      shown: Object.values(secrets).filter((secret) => shown(ran, secret)),
      LANG: seen['LANG'],
      TZ: seen['TZ'],
    }).toEqual({ exit: 0, reached: [], shown: [], LANG: 'sv_SE.UTF-8', TZ: 'Pacific/Chatham' });
  });
}

/** The network attack, with the greeter `run()` gives, against `listener()`'s servers. */
export function itKeepsTheNetworkClosed(run: () => AsyncGreeter, listener: () => Listener): void {
  it('fetch, http, net, tls, dgram and a dns.Resolver reach nothing on 127.0.0.1, and dns.lookup fails', async () => {
    const { tcpPort, udpPort } = listener();
    const ran = await run()(['net', '--name', `${tcpPort},${udpPort}`, '--json']);
    const lookup = greetingJson(ran)?.['lookup'];
    expect({ exit: ran.code, reached: await listener().seen(), lookupFailed: lookup !== undefined && lookup !== 'ok' }, ran.stderr).toEqual({
      exit: 0,
      reached: [],
      lookupFailed: true,
    });
  });
}

/** The network grant and a denial the plugin lets propagate, on the machine's Node.js. */
export function itGrantsTheNetworkByConfig(run: () => AsyncGreeter, listener: () => Listener, grantedCwd: () => string): void {
  it('fetch failing unguarded is GREETER_PERMISSION_DENIED, and nothing reached the server', async () => {
    const ran = await run()(['net', '--name', `throw,${listener().tcpPort}`, '--json']);
    expect({ ...jsonOutcome(ran), reached: await listener().seen() }).toEqual({ ...jsonFailure('GREETER_PERMISSION_DENIED'), reached: [] });
  });

  it('granted "net" in the config, every API reaches the server', async () => {
    const { tcpPort, udpPort } = listener();
    const ran = await run()(['net', '--name', `${tcpPort},${udpPort}`, '--json'], { cwd: grantedCwd() });
    expect({ exit: ran.code, reached: await listener().seen() }, ran.stderr).toEqual({
      exit: 0,
      reached: ['dgram', 'dns', 'fetch', 'http', 'net', 'tls'],
    });
  });
}
