import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees, writeTree } from '@greeter/fixtures';
import { freshRun, indexedRun, keptIn, later, newIndexFile, run, tamper } from '../test-helpers/discovery-runs.js';
import { indexFileFor, openDiscoveryIndex } from './discovery-index.js';

afterAll(removeTrees);

// A cache greeter cannot use only means a slower start: every run below
// answers as a fresh search does, and none throws. Where the index can be
// read again afterwards, each test then changes the project and checks the
// next run sees it: an index that stopped checking stat data fails there.

const project = () =>
  makeTree(
    npmLayout({
      'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙'),
      '@acme/greeter-plugin': pluginPackage('@acme/greeter-plugin', 'acme'),
    }),
  );
const addSwedish = (root: string) => writeTree(root, { 'node_modules/greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej') });

// A change after the index was written again: the next run through it must see it.
function seesChange(file: string, root: string, change: (root: string) => void = addSwedish): void {
  change(root);
  const fresh = freshRun(root);
  expect(fresh.candidates.length).toBeGreaterThan(0);
  expect(indexedRun(file, root, later())).toEqual(fresh);
}
const removeChinese = (root: string) => rmSync(path.join(root, 'node_modules/greeter-plugin-chinese'), { recursive: true });

// Root writes through any mode bits: chattr +i makes a folder read-only for
// root too (EPERM), where the file system supports it (ext4, xfs, btrfs).
function makeImmutable(folder: string, on: boolean): boolean {
  return spawnSync('chattr', [on ? '+i' : '-i', folder]).status === 0;
}
const probe = makeTree();
const canMakeReadOnly = makeImmutable(probe, true) && makeImmutable(probe, false);

describe('a discovery index that cannot be used', () => {
  it.each([
    ['not JSON', 'garbage\u0000{'],
    ['truncated', '{"format":1,"key":"test","listings":{'],
    ['JSON of another shape', '{"format":1,"key":"test","listings":[],"manifests":"x"}'],
    ['of another format', '{"format":99,"key":"test","listings":{},"manifests":{}}'],
    ['empty', ''],
  ])('is read as empty when it is %s, and written anew', (_, content) => {
    const root = project();
    const file = newIndexFile();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
    expect(indexedRun(file, root, later())).toEqual(freshRun(root));
    expect(keptIn(file, root).listings).toEqual(['node_modules']);
    seesChange(file, root);
  });

  it('never takes a damaged record: a listing naming a path, fingerprints that are not numbers', () => {
    const root = project();
    const file = newIndexFile();
    indexedRun(file, root, later());
    tamper(file, (data) => {
      for (const listing of Object.values(data.listings)) listing.names.push('../../../etc');
      for (const manifest of Object.values(data.manifests)) manifest.fingerprint = ['x'];
    });
    expect(indexedRun(file, root, later())).toEqual(freshRun(root));
    seesChange(file, root);
  });

  it('is ignored when it belongs to another run (another key)', () => {
    const root = project();
    const cacheFolder = makeTree();
    const mine = indexFileFor(cacheFolder, 'test');
    indexedRun(mine, root, later());
    tamper(mine, (data) => Object.assign(data, { key: 'another' }));
    addSwedish(root);
    expect(indexedRun(mine, root, later())).toEqual(freshRun(root));
    seesChange(mine, root, removeChinese);
  });

  it.runIf(canMakeReadOnly)('answers from a read-only cache folder, and sees a change there too', () => {
    const root = project();
    const file = newIndexFile();
    indexedRun(file, root, later());
    const written = readFileSync(file, 'utf8');
    makeImmutable(path.dirname(file), true);
    try {
      addSwedish(root);
      expect(indexedRun(file, root, later())).toEqual(freshRun(root));
      expect(readFileSync(file, 'utf8')).toBe(written);
    } finally {
      makeImmutable(path.dirname(file), false);
    }
  });

  // Unwritable and unreadable for root too: the cache folder's parent is a
  // regular file (ENOTDIR), whatever the permissions. Nothing is ever kept,
  // so there is no stat data to check: this one shows only that such a
  // cache costs nothing but the start-up.
  it('cannot be written where its folder would be a file', () => {
    const root = project();
    const blocker = path.join(makeTree(), 'file');
    writeFileSync(blocker, 'not a folder');
    const file = indexFileFor(blocker, 'test');
    expect(indexedRun(file, root, later())).toEqual(freshRun(root));
    expect(indexedRun(file, root, later())).toEqual(freshRun(root));
    expect(statSync(blocker).isFile()).toBe(true);
  });

  it('is written again when its folder is deleted during the run', () => {
    const root = project();
    const cacheFolder = makeTree();
    const file = indexFileFor(cacheFolder, 'test');
    indexedRun(file, root, later());
    addSwedish(root);
    const index = openDiscoveryIndex(file, 'test', later());
    run(root, {}, index);
    rmSync(cacheFolder, { recursive: true });
    index.save();
    expect(existsSync(file)).toBe(true);
    expect(indexedRun(file, root, later())).toEqual(freshRun(root));
  });

  it('is whole after two runs write it at once, and either answers as a fresh search', () => {
    const root = project();
    const file = newIndexFile();
    const first = openDiscoveryIndex(file, 'test', later());
    const second = openDiscoveryIndex(file, 'test', later());
    for (const index of [first, second]) run(root, {}, index);
    second.save();
    addSwedish(root);
    first.save();
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
    expect(readdirSync(path.dirname(file)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(indexedRun(file, root, later())).toEqual(freshRun(root));
  });
});
