import { readFileSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, pnpmLayout, removeTrees, writeTree } from '@greeter/fixtures';
import { freshRun, indexedRun, keptIn, later, newIndexFile, tamper, type RunSetup } from '../test-helpers/discovery-runs.js';
import { settleMs } from './_fingerprint.js';

afterAll(removeTrees);

const chinese = () => pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh'] });
const klingon = () => pluginPackage('@acme/greeter-plugin-klingon', 'nuqneH', { languages: ['klingon', 'tlh'] });
const project = (layout: typeof npmLayout) => makeTree(layout({ 'greeter-plugin-chinese': chinese(), '@acme/greeter-plugin-klingon': klingon(), lodash: {} }));
const at = (root: string, relative: string) => path.join(root, relative);
const npmTime = 499162500;

describe('the discovery index', () => {
  it('answers from what it kept while nothing changed', () => {
    const root = project(npmLayout);
    const file = newIndexFile();
    expect(indexedRun(file, root, later())).toEqual(freshRun(root));
    expect(keptIn(file, root)).toEqual({
      listings: ['node_modules'],
      manifests: ['node_modules/@acme/greeter-plugin-klingon/package.json', 'node_modules/greeter-plugin-chinese/package.json'],
    });
    // What the index says now differs from the files: a run that shows it answered from the index.
    tamper(file, (data) => {
      for (const manifest of Object.values(data.manifests)) manifest.json = { ...manifest.json, version: '9.9.9' };
    });
    expect(indexedRun(file, root, later()).candidates.map((candidate) => candidate.version)).toEqual(['9.9.9', '9.9.9']);
  });

  // Each change made by hand after an index was kept; the next run must answer as a fresh search does.
  const changes: Array<[string, typeof npmLayout, (root: string) => void]> = [
    ['a plugin installed', npmLayout, (root) => writeTree(root, { 'node_modules/greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej') })],
    ['a plugin removed', npmLayout, (root) => rmSync(at(root, 'node_modules/greeter-plugin-chinese'), { recursive: true })],
    [
      'a plugin updated, its folder replaced',
      npmLayout,
      (root) => {
        rmSync(at(root, 'node_modules/greeter-plugin-chinese'), { recursive: true });
        writeTree(root, { 'node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '2.0.0' }) });
      },
    ],
    ['a manifest edited in place, to the same size', npmLayout, (root) => editInPlace(at(root, 'node_modules/greeter-plugin-chinese/package.json'))],
    ['a manifest that no longer parses', npmLayout, (root) => writeFileSync(at(root, 'node_modules/greeter-plugin-chinese/package.json'), '{"name":')],
    ['a scoped folder added', npmLayout, (root) => writeTree(root, { 'node_modules/@new/greeter-plugin': pluginPackage('@new/greeter-plugin', 'new') })],
    [
      'a plugin added to a scope folder',
      npmLayout,
      (root) => writeTree(root, { 'node_modules/@acme/greeter-plugin-vulcan': pluginPackage('@acme/greeter-plugin-vulcan', 'Dif-tor') }),
    ],
    ['a scope folder removed', npmLayout, (root) => rmSync(at(root, 'node_modules/@acme'), { recursive: true })],
    [
      'node_modules replaced by another',
      npmLayout,
      (root) => {
        renameSync(at(root, 'node_modules'), at(root, 'old_modules'));
        writeTree(root, { node_modules: { 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '3.0.0' }) } });
      },
    ],
    [
      'a link retargeted to another version',
      pnpmLayout,
      (root) => {
        writeTree(root, {
          'node_modules/.pnpm/greeter-plugin-chinese@2.0.0/node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', {
            version: '2.0.0',
          }),
        });
        const link = at(root, 'node_modules/greeter-plugin-chinese');
        unlinkSync(link);
        symlinkSync('.pnpm/greeter-plugin-chinese@2.0.0/node_modules/greeter-plugin-chinese', link);
      },
    ],
    [
      'a store folder replaced by a link, behind an unchanged link',
      pnpmLayout,
      (root) => {
        writeTree(root, { 'node_modules/.pnpm/other/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '4.0.0' }) });
        const folder = at(root, 'node_modules/.pnpm/greeter-plugin-chinese@1.0.0/node_modules/greeter-plugin-chinese');
        rmSync(folder, { recursive: true });
        symlinkSync('../../other/greeter-plugin-chinese', folder);
      },
    ],
    [
      'node_modules made a link to another folder',
      npmLayout,
      (root) => {
        writeTree(root, { elsewhere: { 'greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej') } });
        renameSync(at(root, 'node_modules'), at(root, 'old_modules'));
        symlinkSync('elsewhere', at(root, 'node_modules'));
      },
    ],
  ];

  it.each(changes)('sees %s on the next run', (_, layout, change) => {
    const root = project(layout);
    const file = newIndexFile();
    const before = indexedRun(file, root, later());
    expect(keptIn(file, root).listings).toEqual(['node_modules']);
    change(root);
    const fresh = freshRun(root);
    expect(fresh).not.toEqual(before);
    expect(indexedRun(file, root, later())).toEqual(fresh);
    // And the index kept after the change answers as a fresh search too.
    expect(indexedRun(file, root, later())).toEqual(fresh);
  });

  it("sees a manifest edited in place to the same size with npm's fixed modification time kept", () => {
    const root = project(npmLayout);
    const manifest = at(root, 'node_modules/greeter-plugin-chinese/package.json');
    // npm writes every installed file with the time 1985-10-26T08:15:00Z: only the change time tells versions apart.
    utimesSync(manifest, npmTime, npmTime);
    const file = newIndexFile();
    indexedRun(file, root, later());
    expect(keptIn(file, root).manifests).toContain('node_modules/greeter-plugin-chinese/package.json');
    editInPlace(manifest);
    utimesSync(manifest, npmTime, npmTime);
    const fresh = freshRun(root);
    expect(fresh.candidates.find((candidate) => candidate.name === 'greeter-plugin-chinese')!.languages).toEqual(['chinese', 'za']);
    expect(indexedRun(file, root, later())).toEqual(fresh);
  });

  it('sees a global install added, to a global folder that did not exist before', () => {
    const root = project(npmLayout);
    const prefix = makeTree();
    const setup: RunSetup = { env: { npm_config_prefix: prefix } };
    const file = newIndexFile();
    indexedRun(file, root, later(), setup);
    writeTree(prefix, { 'lib/node_modules/greeter-plugin-swedish': pluginPackage('greeter-plugin-swedish', 'Hej') });
    expect(indexedRun(file, root, later(), setup)).toEqual(freshRun(root, setup));
    writeTree(prefix, { 'lib/node_modules/greeter-plugin-russian': pluginPackage('greeter-plugin-russian', 'Привет') });
    const fresh = freshRun(root, setup);
    expect(fresh.candidates.map((candidate) => candidate.name)).toContain('greeter-plugin-russian');
    expect(indexedRun(file, root, later(), setup)).toEqual(fresh);
  });

  it('keeps nothing changed in the clock tick its read began, so an edit right after is read', () => {
    const root = project(npmLayout);
    const manifest = at(root, 'node_modules/greeter-plugin-chinese/package.json');
    const changedAt = Math.max(statSync(manifest).ctimeMs, statSync(manifest).mtimeMs);
    const file = newIndexFile();
    indexedRun(file, root, changedAt + 1);
    expect(keptIn(file, root)).toEqual({ listings: [], manifests: [] });
    indexedRun(file, root, changedAt + settleMs - 1);
    expect(keptIn(file, root).manifests).not.toContain('node_modules/greeter-plugin-chinese/package.json');
    indexedRun(file, root, changedAt + settleMs + 1);
    expect(keptIn(file, root).manifests).toContain('node_modules/greeter-plugin-chinese/package.json');
  });

  it('reads an edit made within the same second as the run before it', () => {
    const root = project(npmLayout);
    const file = newIndexFile();
    const manifest = at(root, 'node_modules/greeter-plugin-chinese/package.json');
    utimesSync(manifest, npmTime, npmTime);
    indexedRun(file, root, Date.now());
    editInPlace(manifest);
    utimesSync(manifest, npmTime, npmTime);
    const fresh = freshRun(root);
    expect(fresh.candidates.find((candidate) => candidate.name === 'greeter-plugin-chinese')!.languages).toEqual(['chinese', 'za']);
    expect(indexedRun(file, root, Date.now())).toEqual(fresh);
  });

  it('keeps the built-ins and config-free sources alike: the host package and its plugin', () => {
    const root = makeTree();
    const hostDir = makeTree({
      'package.json': JSON.stringify({ name: 'greeter', dependencies: { 'greeter-plugin-english': '1' } }),
      node_modules: { 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'Hello Universe', { languages: ['english', 'en'] }) },
    });
    const setup: RunSetup = { builtinsFrom: hostDir };
    const file = newIndexFile();
    indexedRun(file, root, later(), setup);
    expect(keptIn(file, hostDir).manifests).toEqual(['node_modules/greeter-plugin-english/package.json', 'package.json']);
    writeFileSync(path.join(hostDir, 'package.json'), JSON.stringify({ name: 'greeter', dependencies: {} }));
    expect(indexedRun(file, root, later(), setup)).toEqual(freshRun(root, setup));
    expect(freshRun(root, setup).candidates).toEqual([]);
  });
});

// Rewrites a manifest in place (same inode) to the same size, with other languages.
function editInPlace(manifest: string): void {
  const before = readFileSync(manifest, 'utf8');
  const after = before.replace('"zh"', '"za"');
  expect(after).not.toBe(before);
  writeFileSync(manifest, after);
}
