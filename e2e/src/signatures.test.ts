import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, pluginPackage, removeTrees } from '@greeter/fixtures';
import { homeEnv, projectWith } from './layout.js';
import { codeIn, e2eEnv, newProject, projectGreeter, publishFolders, setupEnv } from './project.js';
import { runBoundedAsync, runOk } from './shell.js';
import { startSigningFront, type SigningFront } from './signing-front.js';
import { yarn4 } from './tools.js';

// One npm project, a handful of installs: the released greeter adds plugins
// from Verdaccio, which does not sign, and through a front that signs what
// Verdaccio serves and can serve a tampered package, or a swapped tarball
// under the package's own metadata and signature.
const env = e2eEnv();
let front: SigningFront;
let swapFront: SigningFront;
let project: string;
let verdaccio: string;

beforeAll(async () => {
  const packages = makeTree({
    ido: pluginPackage('greeter-plugin-ido', 'Saluto Universo'),
    quenya: pluginPackage('greeter-plugin-quenya', 'Aiya Ilu'),
    sindarin: pluginPackage('greeter-plugin-sindarin', 'Mae govannen'),
    // What a tampering mirror serves in quenya's place.
    substitute: pluginPackage('greeter-plugin-quenya-substitute', 'pwned', {
      source: "console.error('SUBSTITUTE RAN');\nexport const Greeter = { greet: () => 'pwned' };\n",
    }),
  });
  await publishFolders(
    ['ido', 'quenya', 'sindarin', 'substitute'].map((name) => path.join(packages, name)),
    env,
  );
  project = newProject('signature-user');
  runOk('npm', ['install', '--no-audit', '--no-fund', 'greeter'], project, setupEnv(env));
  verdaccio = runOk('npm', ['config', 'get', 'registry'], packages, env).stdout.trim();
  front = await startSigningFront(verdaccio, { tampered: { 'greeter-plugin-quenya': 'greeter-plugin-quenya-substitute' } });
  swapFront = await startSigningFront(verdaccio, { swapped: { 'greeter-plugin-sindarin': 'greeter-plugin-quenya-substitute' } });
});

afterAll(async () => {
  await Promise.all([front?.stop(), swapFront?.stop()]);
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

  it("reports npm's integrity failure on a swapped tarball as GREETER_SIGNATURE_INVALID, changing nothing", async () => {
    useRegistry(swapFront.url);
    const before = bytes();
    // A cache of its own: npm's shared one may hold sindarin's real tarball, under the integrity it checks.
    // No retries: npm fetches a corrupt tarball again for minutes before it gives up with the same error.
    const fresh = { ...env, npm_config_cache: makeTree(), npm_config_fetch_retries: '0' };
    const refused = await runBoundedAsync(projectGreeter(project), ['add', 'sindarin'], project, fresh, 120_000);
    expect([refused.code, codeIn(refused.stderr), refused.stdout]).toEqual([1, 'GREETER_SIGNATURE_INVALID', '']);
    expect(refused.stderr).toContain('EINTEGRITY');
    expect(bytes()).toEqual(before);
    expect(existsSync(path.join(project, 'node_modules', 'greeter-plugin-sindarin'))).toBe(false);
  });

  it('finds the swapped tarball Yarn 4 installs without a word, before any of its code runs, and rolls it back', async () => {
    const yarn = yarn4();
    const yarnEnv = homeEnv(env, [yarn.binDir]);
    const yarnrc = `npmRegistryServer: "${verdaccio.replace(/\/$/, '')}"\nunsafeHttpWhitelist: ["127.0.0.1"]\nnpmMinimalAgeGate: 0\nenableTelemetry: false\nnodeLinker: node-modules\n`;
    const folder = projectWith('yarn4-swapped', { '.yarnrc.yml': yarnrc, 'yarn.lock': '' });
    runOk(yarn.command, [...yarn.args, 'add', 'greeter'], folder, yarnEnv);
    const files = () => ['package.json', 'yarn.lock'].map((file) => readFileSync(path.join(folder, file), 'base64'));
    const before = files();
    const bin = path.join(folder, 'node_modules', '.bin', 'greeter');
    const refused = await runBoundedAsync(bin, ['add', 'sindarin', '--registry', swapFront.url], folder, yarnEnv, 120_000);
    expect([refused.code, codeIn(refused.stderr), refused.stdout]).toEqual([1, 'GREETER_SIGNATURE_INVALID', '']);
    // Yarn did install it: greeter found it out and put everything back.
    expect(refused.stderr).toContain('not what greeter verified');
    expect(refused.stderr).not.toContain('SUBSTITUTE RAN');
    expect(files()).toEqual(before);
    expect(existsSync(path.join(folder, 'node_modules', 'greeter-plugin-sindarin'))).toBe(false);
  });
});
