import module from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeNode, findNodeBinaries } from './node-versions.js';

const own = { version: process.version, execPath: process.execPath };
const ownMajor = process.version.slice(1).split('.')[0]!;

describe('findNodeBinaries', () => {
  it("takes the machine's own Node for its major, and a path as given", () => {
    expect(findNodeBinaries([ownMajor, 'bin/node'], own)).toEqual([process.execPath, path.resolve('bin/node')]);
  });

  it('refuses a major it has no release pinned for, before installing anything', () => {
    expect(() => findNodeBinaries([ownMajor, '19'], own)).toThrow(/No Node\.js 19 release/);
  });
});

describe('describeNode', () => {
  it('reports the version a binary runs and whether it has the compile cache', () => {
    const node = describeNode(process.execPath);
    expect(node.version).toBe(process.version);
    expect(node.compileCache).toBe(typeof (module as unknown as Record<string, unknown>)['enableCompileCache'] === 'function');
  });
});
