import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, rejectionCode, removeTrees } from '@greeter/fixtures';
import { readPluginPackage } from '../discovery/read-plugin-package.js';
import type { PluginCandidate } from '../types.js';
// The built package: the worker thread runs dist/greet/_isolate-worker.js.
import { greetIsolated } from '@greeter/host';

afterAll(removeTrees);

function candidate(source: string): PluginCandidate {
  const root = makeTree({ plugin: pluginPackage('greeter-plugin-x', 'x', { source }) });
  const entry = readPluginPackage({ path: path.join(root, 'plugin'), source: 'project', origin: root });
  if ('error' in entry) throw entry.error;
  return entry;
}

const isolated = (source: string, timeoutMs = 1000) =>
  greetIsolated(candidate(source), { name: 'Ada' }, { coreVersion: '1.0.0', timeoutMs, memoryLimitMb: 64, output: new PassThrough() });

// The worker runs the built file: `pnpm test` builds first.
describe('greetIsolated', () => {
  it('greets from a worker thread', async () => {
    expect(await isolated('export const Greeter = { greet: ({ name }) => "Hi " + name };')).toBe('Hi Ada');
  });

  it('stops a synchronous busy loop at the timeout', async () => {
    expect(await rejectionCode(isolated('export const Greeter = { greet() { for (;;) {} } };', 500))).toBe('GREETER_GREET_TIMEOUT');
  });

  it('stops a runaway allocation at the memory limit', async () => {
    const hog = 'export const Greeter = { greet() { const kept = []; for (;;) kept.push(new Array(1e5).fill({})); } };';
    expect(await rejectionCode(isolated(hog, 20_000))).toBe('GREETER_GREET_FAILED');
  });

  it('keeps the codes of load failures, and reports process.exit', async () => {
    expect(await rejectionCode(isolated('export const Greeter = {};'))).toBe('GREETER_PLUGIN_INVALID');
    expect(await rejectionCode(isolated('throw new Error("x");'))).toBe('GREETER_PLUGIN_LOAD_FAILED');
    expect(await rejectionCode(isolated('export const Greeter = { greet() { process.exit(4); } };'))).toBe('GREETER_GREET_FAILED');
  });
});
