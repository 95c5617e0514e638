import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTrees } from '@greeter/fixtures';
import { codeIn, e2eEnv, newProject, projectGreeter, publishFolders, runGreeter, setupEnv } from './project.js';
import { runOk } from './shell.js';

// One small broken package per fault (fixtures/faults/), published to the
// registry and installed for real next to a working plugin.
const faultsDir = fileURLToPath(new URL('../fixtures/faults/', import.meta.url));
const env = e2eEnv();
const expected: Record<string, string> = {
  throws: 'GREETER_PLUGIN_LOAD_FAILED',
  syntax: 'GREETER_PLUGIN_LOAD_FAILED',
  noentry: 'GREETER_PLUGIN_LOAD_FAILED',
  shape: 'GREETER_PLUGIN_INVALID',
  manifest: 'GREETER_PLUGIN_INVALID',
  old: 'GREETER_PLUGIN_INCOMPATIBLE',
  fails: 'GREETER_GREET_FAILED',
  number: 'GREETER_GREET_FAILED',
  exits: 'GREETER_GREET_FAILED',
  hangs: 'GREETER_GREET_TIMEOUT',
};

let project: string;
const greeter = (args: string[]) => runGreeter(projectGreeter(project), args, project, env);

beforeAll(async () => {
  const names = readdirSync(faultsDir);
  await publishFolders(
    names.map((name) => path.join(faultsDir, name)),
    env,
  );
  project = newProject('faults');
  runOk('pnpm', ['add', 'greeter', 'greeter-plugin-chinese'], project, setupEnv(env));
  // greeter-plugin-old asks for a @greeter/core that does not exist: its
  // peer is left unmet, as a user who forced the install would have it.
  runOk('pnpm', ['add', ...names], project, { ...setupEnv(env), pnpm_config_auto_install_peers: 'false', pnpm_config_strict_peer_dependencies: 'false' });
});

afterAll(removeTrees);

describe('every fault, installed for real', () => {
  it.each(Object.entries(expected))('greeter %s fails with %s, exit 1, a hint and no stack trace', (language, code) => {
    const result = greeter([language, '--timeout', '1000']);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, code, '']);
    expect(result.stderr).toMatch(/^hint: \S/m);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('keeps a plugin that prints while loading off stdout', () => {
    expect(greeter(['noisy'])).toMatchObject({ stdout: 'quiet greeting\n', code: 0 });
  });

  it('leaves every other language, the listing and the doctor working', () => {
    expect(greeter(['english'])).toMatchObject({ stdout: 'Hello Universe\n', code: 0 });
    expect(greeter(['chinese'])).toMatchObject({ stdout: '你好宇宙\n', code: 0 });
    const listed = JSON.parse(greeter(['list', '--json']).stdout);
    const broken = listed.plugins.filter((plugin: { status: string }) => plugin.status === 'broken');
    expect(broken.map((plugin: { name: string }) => plugin.name)).toEqual(['greeter-plugin-manifest']);
    const doctor = greeter(['doctor', '--json', '--timeout', '1000']);
    const report = JSON.parse(doctor.stdout);
    expect(doctor.code).toBe(1);
    const failing = report.plugins
      .filter((plugin: { status: string }) => plugin.status === 'failed')
      .map((plugin: { name: string }) => plugin.name)
      .sort();
    expect(failing).toEqual(
      Object.keys(expected)
        .filter((name) => name !== 'manifest')
        .map((name) => `greeter-plugin-${name}`)
        .sort(),
    );
  });
});
