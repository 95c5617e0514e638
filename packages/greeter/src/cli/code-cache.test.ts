import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { loadCached } from './code-cache.js';

afterAll(removeTrees);

// A bundle as bundle-cli.mjs makes one: CommonJS whose import() goes through __greeterImport.
const bundleSource = `"use strict";
var __import = typeof __greeterImport === "function" ? __greeterImport : (specifier) => import(specifier);
exports.answer = () => 42;
exports.importPath = async () => (await __import("node:path")).sep;
`;
// A run that starts once the bundle has settled.
const later = () => Date.now() + 4000;

function setUp() {
  const root = makeTree({ 'greet.cjs': bundleSource });
  const folder = path.join(root, 'cache');
  const file = path.join(root, 'greet.cjs');
  const run = async (startedAt = later()) => {
    const bundle = loadCached(file, folder, 'greet', startedAt);
    const exports = bundle.exports as { answer(): number; importPath(): Promise<string> };
    const result = [exports.answer(), await exports.importPath(), bundle.fromCache];
    bundle.save();
    return result;
  };
  const cacheFiles = () => readdirSync(folder).map((name) => path.join(folder, name));
  return { file, folder, run, cacheFiles };
}

describe('the code cache of a bundle', () => {
  it('leaves a mark at the first run, keeps the compiled code at the second, and runs from it, import() included', async () => {
    const { run, cacheFiles } = setUp();
    expect(await run()).toEqual([42, path.sep, false]);
    expect(cacheFiles().map((file) => statSync(file).size)).toEqual([0]);
    expect(await run()).toEqual([42, path.sep, false]);
    const [cache] = cacheFiles();
    const kept = readFileSync(cache!);
    expect(kept.length).toBeGreaterThan(0);
    expect(await run()).toEqual([42, path.sep, true]);
    expect(readFileSync(cache!).equals(kept)).toBe(true);
  });

  it('keeps nothing of a bundle changed within the last seconds', async () => {
    const { run, folder } = setUp();
    await run(Date.now());
    expect(await run(Date.now())).toEqual([42, path.sep, false]);
    expect(() => readdirSync(folder)).toThrow();
  });

  it.each([
    ['one copy altered', (data: Buffer) => data.fill(7, data.length - 40, data.length - 20)],
    ['cut short', (data: Buffer) => data.subarray(0, data.length - 100)],
    ['made for another state of the bundle', (data: Buffer) => Buffer.from(data.toString('latin1').replace('v', 'w'), 'latin1')],
    ['garbage', () => Buffer.from('not a cache at all')],
  ])('compiles as usual from a cache %s, and writes it anew', async (_, damage) => {
    const { run, cacheFiles } = setUp();
    await run();
    await run();
    const [cache] = cacheFiles();
    const kept = readFileSync(cache!);
    const damaged = damage(Buffer.from(kept)) ?? kept;
    writeFileSync(cache!, damaged);
    expect(await run()).toEqual([42, path.sep, false]);
    expect(readFileSync(cache!).equals(damaged)).toBe(false);
    expect(await run()).toEqual([42, path.sep, true]);
  });

  it('runs when its folder cannot be written', async () => {
    const root = makeTree({ 'greet.cjs': bundleSource, 'cache-is-a-file': '' });
    const bundle = loadCached(path.join(root, 'greet.cjs'), path.join(root, 'cache-is-a-file'), 'greet', later());
    expect((bundle.exports as { answer(): number }).answer()).toBe(42);
    expect(() => bundle.save()).not.toThrow();
  });
});
