import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees } from '@greeter/fixtures';
import { codeIn, e2eEnv, newProject, projectGreeter, publishFolders } from './project.js';
import { runBoundedAsync, runOk } from './shell.js';
import { startSigningFront, type SigningFront } from './signing-front.js';

// One npm project, a handful of installs: the released greeter adds plugins
// from Verdaccio, which does not sign, and through a front that signs what
// Verdaccio serves and can serve a tampered package.
const env = e2eEnv();
let front: SigningFront;
let project: string;

beforeAll(async () => {
  const packages = makeTree({
    ido: pluginPackage('greeter-plugin-ido', 'Saluto Universo'),
    quenya: pluginPackage('greeter-plugin-quenya', 'Aiya Ilu'),
    // What a tampering mirror serves in quenya's place.
    substitute: pluginPackage('greeter-plugin-quenya-substitute', 'pwned', {
      source: "console.error('SUBSTITUTE RAN');\nexport const Greeter = { greet: () => 'pwned' };\n",
    }),
  });
  await publishFolders(
    ['ido', 'quenya', 'substitute'].map((name) => path.join(packages, name)),
    env,
  );
  project = newProject('signature-user');
  runOk('npm', ['install', '--no-audit', '--no-fund', 'greeter'], project, env);
  const verdaccio = runOk('npm', ['config', 'get', 'registry'], packages, env).stdout.trim();
  front = await startSigningFront(verdaccio, { tampered: { 'greeter-plugin-quenya': 'greeter-plugin-quenya-substitute' } });
});

afterAll(async () => {
  await front?.stop();
  removeTrees();
});

// Without blocking: the signing front answers from this process.
const greeter = (args: string[]) => runBoundedAsync(projectGreeter(project), args, project, env, 120_000);
const bytes = () => ['package.json', 'package-lock.json'].map((file) => readFileSync(path.join(project, file), 'base64'));
// The project's own .npmrc picks the registry, for greeter and npm alike.
const useRegistry = (url: string | undefined) =>
  url === undefined ? rmSync(path.join(project, '.npmrc'), { force: true }) : writeFileSync(path.join(project, '.npmrc'), `registry=${url}\n`);

describe('greeter add and registry signatures', () => {
  it('says that Verdaccio does not sign, and installs', async () => {
    useRegistry(undefined);
    const added = await greeter(['add', 'ido']);
    expect([added.code, added.stderr.includes('[GREETER_') ? added.stderr : '']).toEqual([0, '']);
    expect(added.stdout).toContain('the registry does not sign');
  });

  it('refuses a tampered package through the signing front, leaving package.json and the lockfile byte-identical', async () => {
    useRegistry(front.url);
    const before = bytes();
    const refused = await greeter(['add', 'quenya']);
    expect([refused.code, codeIn(refused.stderr), refused.stdout]).toEqual([1, 'GREETER_SIGNATURE_INVALID', '']);
    expect(refused.stderr).not.toContain('SUBSTITUTE RAN');
    expect(bytes()).toEqual(before);
    expect(existsSync(path.join(project, 'node_modules', 'greeter-plugin-quenya'))).toBe(false);
  });

  it('installs a signed plugin through the signing front, naming the key that signed it', async () => {
    useRegistry(front.url);
    const added = await greeter(['add', 'ido', '--json']);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({
      added: { name: 'greeter-plugin-ido' },
      signature: 'verified',
      keyid: front.key.keyid,
      provenance: 'absent',
    });
    expect(await greeter(['ido'])).toMatchObject({ code: 0, stdout: 'Saluto Universo\n' });
  });
});
