import { describe, expect, it } from 'vitest';
import type { PluginCandidate } from '../types.js';
import { nodeFeaturesOf, planIsolation, type NodeFeatures, type PlanInput } from './plan.js';

const candidate = { name: 'greeter-plugin-x', realPath: '/p/node_modules/greeter-plugin-x' } as PluginCandidate;
const node20 = nodeFeaturesOf('v20.20.2');
const node24 = nodeFeaturesOf('v24.21.0');
const node26 = nodeFeaturesOf('v26.12.1');

function plan(node: NodeFeatures, overrides: Partial<PlanInput> = {}) {
  return planIsolation({
    candidate,
    greetOptions: {},
    timeoutMs: 5000,
    memoryLimitMb: 256,
    childEntry: '/g/dist/isolate-child.cjs',
    preload: [],
    readable: ['/g/dist/isolate-child.cjs', '/p/node_modules/greeter-plugin-x', '/g/dist/isolate-child.cjs'],
    via: 'import',
    grant: { net: false, env: [] },
    node,
    env: { LANG: 'C', SECRET_TOKEN: 't' },
    execPath: '/usr/bin/node',
    platform: 'linux',
    ...overrides,
  });
}

const grantsOf = (args: string[]) => args.filter((arg) => arg.startsWith('--allow-'));

describe('nodeFeaturesOf', () => {
  it.each([
    ['v20.20.2', '--experimental-permission', false, false, false],
    ['v22.12.0', '--experimental-permission', false, true, false],
    ['v22.13.0', '--permission', false, true, false],
    ['v23.4.0', '--experimental-permission', false, true, false],
    ['v24.21.0', '--permission', false, true, true],
    ['v25.0.0', '--permission', true, true, true],
    ['v26.12.1', '--permission', true, true, true],
  ])(
    '%s: %s, network denied by the model: %s, sqlite switch: %s, free heap flag: %s',
    (version, permissionFlag, deniesNetwork, canDisableSqlite, heapFlagIsFree) => {
      expect(nodeFeaturesOf(version)).toEqual({ permissionFlag, deniesNetwork, canDisableSqlite, heapFlagIsFree });
    },
  );

  it("agrees with this Node's own flags", () => {
    const flags = process.allowedNodeEnvironmentFlags;
    expect(nodeFeaturesOf(process.version)).toMatchObject({
      permissionFlag: flags.has('--permission') ? '--permission' : '--experimental-permission',
      deniesNetwork: flags.has('--allow-net'),
      canDisableSqlite: flags.has('--no-experimental-sqlite'),
    });
  });
});

describe('planIsolation', () => {
  it("grants each read path once and nothing else, with this Node's permission flag", () => {
    expect(grantsOf(plan(node24).args)).toEqual(['--allow-fs-read=/g/dist/isolate-child.cjs', '--allow-fs-read=/p/node_modules/greeter-plugin-x']);
    expect(plan(node20).args).toContain('--experimental-permission');
    expect(plan(node24).args).toContain('--permission');
  });

  it('closes the network with the permission model where it can (25+, all but multicast UDP), and asks the child to close the rest', () => {
    expect([grantsOf(plan(node26).args).includes('--allow-net'), plan(node26).request.lockNetwork]).toEqual([false, 'udp']);
    expect([grantsOf(plan(node24).args).includes('--allow-net'), plan(node24).request.lockNetwork]).toEqual([false, 'all']);
    expect(plan(node20).request.lockNetwork).toBe('all');
  });

  it('opens the network only where the user granted it', () => {
    const granted = { grant: { net: true, env: [] } };
    expect([grantsOf(plan(node26, granted).args).includes('--allow-net'), plan(node26, granted).request.lockNetwork]).toEqual([true, 'none']);
    expect(plan(node24, granted).request.lockNetwork).toBe('none');
  });

  it('switches off node:sqlite where the switch exists, and caps memory and core dumps', () => {
    const { command, args } = plan(node24);
    expect(args).toContain('--no-experimental-sqlite');
    expect(plan(node20).args).not.toContain('--no-experimental-sqlite');
    expect([command, args[1]]).toEqual(['/bin/sh', expect.stringMatching(/ulimit -c 0.*ulimit -d 1048576.*ulimit -t 7.*pdeathsig KILL.*exec "\$0" "\$@"$/)]);
    expect(args).toContain('--max-old-space-size=256');
    expect(args.at(-1)).toBe('/g/dist/isolate-child.cjs');
  });

  it('limits memory by the data segment alone where a V8 flag would cost Node its code cache (before 24), by the heap flag on Windows', () => {
    const { args } = plan(node20);
    expect([args.some((arg) => arg.startsWith('--max-old-space-size')), args[1]]).toEqual([false, expect.stringContaining('ulimit -d 393216')]);
    expect(plan(node20, { platform: 'win32' }).args).toContain('--max-old-space-size=256');
  });

  it('starts from the environment allow-list, with the granted variables', () => {
    expect(plan(node24).env).toEqual({ LANG: 'C' });
    expect(plan(node24, { grant: { net: false, env: ['SECRET_TOKEN'] } }).env).toEqual({ LANG: 'C', SECRET_TOKEN: 't' });
  });
});
