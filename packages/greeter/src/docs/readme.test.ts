import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pnpmLayout, removeTrees, type Tree } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry } from '../registry/test-helpers/fake-registry.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';
import { readmeExamples } from './readme-examples.js';

// Every `$ greeter …` example of the READMEs, run with the built CLI in the
// fixture its block names, its output compared with what the README shows
// (as cli.test.ts compares help): docs that drift from behaviour fail here.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));
const packages = fileURLToPath(new URL('../../../', import.meta.url));
const readmes = [
  [path.join(packages, '..', 'README.md'), 'README.md'],
  [path.join(packages, 'greeter', 'README.md'), 'packages/greeter/README.md'],
] as const;

afterAll(removeTrees);

/** A first-party plugin as it is published: its package.json (at `version`) and built files. */
function published(name: string, version = '1.0.0'): Tree {
  const folder = path.join(packages, name);
  const packageJson = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const dist = (dir: string): Tree =>
    Object.fromEntries(
      readdirSync(dir).map((entry) => [
        entry,
        statSync(path.join(dir, entry)).isDirectory() ? dist(path.join(dir, entry)) : readFileSync(path.join(dir, entry), 'utf8'),
      ]),
    );
  const { devDependencies: _dev, scripts: _scripts, ...manifest } = packageJson;
  return { 'package.json': JSON.stringify({ ...manifest, version, peerDependencies: { '@greeter/core': '>=0' } }), dist: dist(path.join(folder, 'dist')) };
}

let registry: FakeRegistry;
const fixtures = new Map<string, { cwd: string; env: Record<string, string> }>();

beforeAll(async () => {
  const chinese = published('plugin-chinese');
  const fakeVersion = (tree: Tree, version: string) => {
    const manifest = { ...JSON.parse(tree['package.json'] as string), version };
    return { manifest, files: { dist: tree['dist'] as Tree } };
  };
  registry = await startFakeRegistry([
    fakeVersion(chinese, '1.0.0'),
    fakeVersion(chinese, '1.1.0'),
    publishedPlugin('greeter-plugin-esperanto', '0.1.0', '>=0.0.0', "'Saluton Universo'", {
      description: 'Greets the universe in Esperanto: a Greeter plugin.',
      greeterPlugin: { languages: ['esperanto', 'eo'] },
    }),
  ]);
  const env = { ...cleanNpmEnv(registry.url), XDG_CACHE_HOME: makeTree() };
  const lockfile = { 'package-lock.json': '{"name":"project","lockfileVersion":3,"requires":true,"packages":{}}' };
  fixtures.set('empty', { cwd: makeTree({ 'package.json': '{"name":"project"}' }), env });
  fixtures.set('npm', {
    cwd: makeTree({ ...npmLayout({ 'greeter-plugin-chinese': chinese, 'greeter-plugin-english': published('plugin-english') }), ...lockfile }),
    env,
  });
  fixtures.set('pnpm', { cwd: makeTree({ ...pnpmLayout({ 'greeter-plugin-chinese': chinese }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }), env });
  const project = makeTree({ 'package.json': '{\n  "name": "project",\n  "version": "1.0.0"\n}\n' });
  const installed = await new Promise((resolve) =>
    spawn('npm', ['install', 'greeter-plugin-chinese@1.0.0'], { cwd: project, env, stdio: 'ignore' }).on('close', resolve),
  );
  expect(installed).toBe(0);
  fixtures.set('registry', { cwd: project, env });
});

afterAll(() => registry?.close());

/** What greeter printed, as the README would show it: the workspace's 0.0.0 as a release's 1.0.0, the fixture's paths and registry as a user's. */
function asShown(output: string, cwd: string): string[] {
  const shown = output
    .replaceAll(cwd, '~/project')
    .replaceAll(registry.url, 'https://registry.npmjs.org/')
    .replace(/\b0\.0\.0\b/g, '1.0.0');
  return shown.replace(/\n$/, '').split('\n');
}

for (const [file, label] of readmes) {
  const examples = readmeExamples(file, label);
  describe(label, () => {
    it('has examples to check', () => {
      expect(examples.length).toBeGreaterThan(0);
    });

    // In order: a block's commands share their fixture (add, then outdated, then update…).
    it.each(examples.map((example) => [`${example.where} greeter ${example.args.join(' ')}`, example] as const))('%s', async (_name, example) => {
      const { cwd, env } = fixtures.get(example.fixture)!;
      const ran = await runCli(bin, cwd, example.args, env);
      // A README shows the result; an error's stdout is empty and it shows stderr (a package manager's progress is left out).
      const output = asShown(ran.stdout === '' ? ran.stderr : ran.stdout, cwd);
      const truncated = example.expected.at(-1) === '  …';
      const expected = truncated ? example.expected.slice(0, -1) : example.expected;
      if (process.env['README_SHOW']) console.log(`${example.where}\n${output.join('\n')}`);
      expect(truncated ? output.slice(0, expected.length) : output, `${example.where}; stderr: ${ran.stderr}`).toEqual(expected);
    });
  });
}
