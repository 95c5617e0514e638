import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees, writeTree } from '@greeter/fixtures';
import { freshRun, indexedRun, later, newIndexFile } from '../test-helpers/discovery-runs.js';

afterAll(removeTrees);

// Any sequence of installs, removals, updates, in-place edits and relinks,
// each followed by a run through the index (started later, or at once, in
// the same clock tick as the change), answers as a fresh search does.

const names = ['greeter-plugin-a', 'greeter-plugin-b', '@s/greeter-plugin-c', '@s/greeter-plugin', '@t/greeter-plugin-d'] as const;

type Operation =
  | { kind: 'install'; name: string; version: number; linked: boolean }
  | { kind: 'remove'; name: string }
  | { kind: 'edit'; name: string; version: number }
  | { kind: 'remove-scope'; scope: string };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('install' as const), name: fc.constantFrom(...names), version: fc.integer({ min: 1, max: 3 }), linked: fc.boolean() }),
  fc.record({ kind: fc.constant('remove' as const), name: fc.constantFrom(...names) }),
  fc.record({ kind: fc.constant('edit' as const), name: fc.constantFrom(...names), version: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('remove-scope' as const), scope: fc.constantFrom('@s', '@t') }),
);

function apply(root: string, step: Operation): void {
  const nodeModules = path.join(root, 'node_modules');
  if (step.kind === 'remove-scope') {
    rmSync(path.join(nodeModules, step.scope), { recursive: true, force: true });
    return;
  }
  const folder = path.join(nodeModules, step.name);
  if (step.kind === 'remove' || step.kind === 'install') removeEntry(folder);
  if (step.kind === 'install') {
    const files = pluginPackage(step.name, 'hi', { version: `${step.version}.0.0`, languages: [`l${step.version}`] });
    if (!step.linked) {
      writeTree(root, { [`node_modules/${step.name}`]: files });
      return;
    }
    // A pnpm-like store inside node_modules, the top-level entry a link into it.
    const stored = path.join(nodeModules, '.store', `${step.name.replace('/', '+')}@${step.version}`, 'node_modules', step.name);
    if (!existsSync(stored)) writeTree(root, { [path.relative(root, stored)]: files });
    mkdirSync(path.dirname(folder), { recursive: true });
    symlinkSync(path.relative(path.dirname(folder), stored), folder);
  }
  if (step.kind === 'edit') {
    const manifest = path.join(folder, 'package.json');
    if (!existsSync(manifest)) return;
    const json = JSON.parse(readFileSync(manifest, 'utf8'));
    writeFileSync(manifest, JSON.stringify({ ...json, version: `${step.version}.0.0` }, null, 2));
  }
}

function removeEntry(folder: string): void {
  if (lstatSync(folder, { throwIfNoEntry: false }) !== undefined) rmSync(folder, { recursive: true, force: true });
}

describe('the discovery index, after any sequence of changes', () => {
  it('answers as a fresh search does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(operation, fc.boolean()), { minLength: 1, maxLength: 8 }), (steps) => {
        const root = makeTree({ 'package.json': '{"name":"project"}', node_modules: {} });
        const file = newIndexFile();
        indexedRun(file, root, later());
        for (const [step, atOnce] of steps) {
          apply(root, step);
          expect(indexedRun(file, root, atOnce ? Date.now() : later())).toEqual(freshRun(root));
        }
      }),
      { numRuns: 40 },
    );
  });
});
