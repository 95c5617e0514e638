import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { lockfileCandidates, readInstallRecord } from './read-install-record.js';

// Lockfiles each manager really wrote, installing is-number@7.0.0 and @types/ms@0.7.34
// (npm 11, pnpm 12, yarn 1.22, yarn 4.18, bun 1.4), and workspaces whose member depends on is-number@6.
const fixtures = fileURLToPath(new URL('../../../test/fixtures/lockfiles/', import.meta.url));
const isNumber7 = 'sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==';
const isNumber6 = 'sha512-Wu1VHeILBK8KAWJUAiSZQX94GmOE45Rg6/538fKwiloUu21KncEkYGPqob2oSZ5mUT73vLGrHQjKw3KMPwfDzg==';
const typesMs = 'sha512-nG96G3Wp6acyAgJqGasjODb+acrI7KltPiRxzHPXnP3NgI28bpQDRv53olbqGXbfcgF5aiiHmO3xpwEpS5Ld9g==';

afterAll(removeTrees);

// The manager that wrote each scenario's lockfile.
const managerOf = (scenario: string) => (scenario.startsWith('yarn') ? 'yarn' : (scenario.split('-')[0] as 'npm' | 'pnpm' | 'bun'));

function record(scenario: string, name: string, spec: string, member = '') {
  const folder = path.join(fixtures, scenario);
  const place = {
    root: path.join(folder, member),
    spec,
    lockfiles: lockfileCandidates(managerOf(scenario), folder, path.join(folder, member, 'node_modules')),
  };
  const found = readInstallRecord(place, name);
  return found && { ...found, file: path.relative(folder, found.file) };
}

describe('readInstallRecord', () => {
  it.each([
    ['npm', '^7.0.0', 'package-lock.json'],
    ['pnpm', '7.0.0', 'pnpm-lock.yaml'],
    ['yarn-classic', '7.0.0', 'yarn.lock'],
    ['bun', '7.0.0', 'bun.lock'],
  ])('reads the version and tarball integrity %s recorded', (scenario, spec, file) => {
    expect(record(scenario, 'is-number', spec)).toEqual({ version: '7.0.0', integrity: isNumber7, file });
    expect(record(scenario, '@types/ms', spec.replace('7.0.0', '0.7.34'))).toEqual({ version: '0.7.34', integrity: typesMs, file });
  });

  it("reads Yarn Berry's version, which records no tarball integrity (its checksum is of its own zip)", () => {
    expect(record('yarn-berry', 'is-number', '7.0.0')).toEqual({ version: '7.0.0', integrity: undefined, file: 'yarn.lock' });
    expect(record('yarn-berry', '@types/ms', '0.7.34')).toEqual({ version: '0.7.34', integrity: undefined, file: 'yarn.lock' });
  });

  it.each(['npm-workspace', 'pnpm-workspace'])("reads a workspace member's own copy from the workspace root's lockfile (%s)", (scenario) => {
    expect(record(scenario, 'is-number', '6.0.0', 'packages/app')).toMatchObject({ version: '6.0.0', integrity: isNumber6 });
    expect(record(scenario, 'is-number', '7.0.0')).toMatchObject({ version: '7.0.0', integrity: isNumber7 });
  });

  it('finds nothing for a package no lockfile records, or a range yarn did not lock', () => {
    expect(record('npm', 'is-odd', '^1.0.0')).toBeUndefined();
    expect(record('yarn-classic', 'is-number', '^7.0.0')).toBeUndefined();
  });

  it("reads npm's hidden lockfile in node_modules when the project keeps none", () => {
    const hidden = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/is-number': { version: '7.0.0', integrity: isNumber7 } } });
    const root = makeTree({ 'package.json': '{}', node_modules: { '.package-lock.json': hidden } });
    const place = { root, spec: '^7.0.0', lockfiles: lockfileCandidates('npm', root, path.join(root, 'node_modules')) };
    expect(readInstallRecord(place, 'is-number')).toEqual({
      version: '7.0.0',
      integrity: isNumber7,
      file: path.join(root, 'node_modules', '.package-lock.json'),
    });
  });

  it('passes over a lockfile it cannot parse', () => {
    const root = makeTree({ 'package.json': '{}', 'package-lock.json': '{ not json', 'pnpm-lock.yaml': ': : :' });
    expect(readInstallRecord({ root, spec: '1.0.0', lockfiles: lockfileCandidates('npm', root, undefined) }, 'is-number')).toBeUndefined();
    expect(readInstallRecord({ root, spec: '1.0.0', lockfiles: lockfileCandidates('pnpm', root, undefined) }, 'is-number')).toBeUndefined();
  });

  it("reads only the lockfile of the manager that installed: another's, left in the project, records an older install", () => {
    // pnpm just installed is-number 7.0.0; a package-lock.json from before still names 6.0.0.
    const stale = JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/is-number': { version: '6.0.0', integrity: isNumber6 } } });
    const pnpmLock = readFileSync(path.join(fixtures, 'pnpm', 'pnpm-lock.yaml'), 'utf8');
    const root = makeTree({ 'package.json': '{}', 'package-lock.json': stale, 'pnpm-lock.yaml': pnpmLock });
    const place = (manager: 'npm' | 'pnpm') => ({ root, spec: '7.0.0', lockfiles: lockfileCandidates(manager, root, undefined) });
    expect(readInstallRecord(place('pnpm'), 'is-number')).toEqual({ version: '7.0.0', integrity: isNumber7, file: path.join(root, 'pnpm-lock.yaml') });
    expect(readInstallRecord(place('npm'), 'is-number')).toMatchObject({ version: '6.0.0' });
  });
});
