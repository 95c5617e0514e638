import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees } from './test-helpers/tree.js';

// The packages as a user gets them: packed (workspace ranges rewritten,
// only "files" included) and installed into fresh projects outside the
// workspace by npm and by pnpm. `pnpm test` builds them first.
const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
const packed = {
  '@greeter/core': 'core',
  greeter: 'greeter',
  'greeter-plugin-english': 'plugin-english',
  'greeter-plugin-chinese': 'plugin-chinese',
};
const installTimeout = 180_000;

// The package managers run here must not inherit the settings pnpm passes to
// the test run (npm_config_*), only the machine's own configuration.
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_SCRIPT)/i.test(key)),
);

let tarballs: Record<string, string> = {};

beforeAll(() => {
  const destination = makeTree();
  tarballs = Object.fromEntries(
    Object.entries(packed).map(([name, folder]) => {
      const target = path.join(destination, folder);
      mkdirSync(target);
      execFileSync('pnpm', ['pack', '--pack-destination', target], { cwd: path.join(packagesDir, folder), env: cleanEnv, stdio: 'ignore' });
      return [name, path.join(target, readdirSync(target)[0]!)];
    }),
  );
}, installTimeout);

afterAll(removeTrees);

function run(project: string, args: string[]) {
  const result = spawnSync(path.join(project, 'node_modules', '.bin', 'greeter'), args, {
    cwd: project,
    env: { ...cleanEnv, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

function expectSeedTable(project: string) {
  expect(run(project, [])).toEqual({ stdout: 'Hello Universe\n', stderr: '', code: 0 });
  expect(run(project, ['english'])).toEqual({ stdout: 'Hello Universe\n', stderr: '', code: 0 });
  expect(run(project, ['chinese'])).toEqual({ stdout: '你好宇宙\n', stderr: '', code: 0 });
  const klingon = run(project, ['klingon']);
  expect([klingon.stdout, klingon.code]).toEqual(['', 1]);
  expect(klingon.stderr).toContain('[GREETER_PLUGIN_NOT_FOUND]');
  expect(klingon.stderr).toContain('greeter-plugin-klingon');
}

describe('packed and installed outside the workspace', () => {
  it('works installed with npm', () => {
    const project = makeTree({ 'package.json': '{"name":"npm-project","private":true}' });
    execFileSync('npm', ['install', '--no-audit', '--no-fund', ...Object.values(tarballs)], { cwd: project, env: cleanEnv, stdio: 'ignore' });
    expectSeedTable(project);
  }, installTimeout);

  it('works installed with pnpm', () => {
    const project = makeTree({ 'package.json': '{"name":"pnpm-project","private":true}' });
    // The registry has no @greeter/core yet: point greeter's dependencies at the tarballs.
    const overrides = ['@greeter/core', 'greeter-plugin-english']
      .map((name) => `  "${name}": "file:${tarballs[name]}"`)
      .join('\n');
    writeFileSync(path.join(project, 'pnpm-workspace.yaml'), `overrides:\n${overrides}\n`);
    execFileSync('pnpm', ['add', tarballs['greeter']!, tarballs['greeter-plugin-chinese']!], { cwd: project, env: cleanEnv, stdio: 'ignore' });
    expectSeedTable(project);
  }, installTimeout);
});
