import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, createSigningKey, makeTree, removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry, type FakeVersion } from '../registry/test-helpers/fake-registry.js';
import { startMockSigstore, type CiIdentity, type MockSigstore } from '../registry/test-helpers/mock-sigstore.js';
import { bytesOf, npmProject } from '../registry/test-helpers/npm-project.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';
import { signedDist, type SignedDistOptions } from '../registry/test-helpers/provenance.js';
import { validate } from '../registry/test-helpers/schemas.js';

// The built CLI, run as a user runs it, against a signing registry on 127.0.0.1,
// a mock Sigstore whose trust root the project's config names, and a real npm.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

const key = createSigningKey();
const acme: CiIdentity = { repository: 'acme/greeter-plugin-x', commit: 'd'.repeat(40) };
const documents: Record<string, unknown> = {};
let registry: FakeRegistry;
let sigstore: MockSigstore;
let env: Record<string, string>;
let twin = '';

function signed(name: string, version: string, options: SignedDistOptions): FakeVersion {
  const plugin = publishedPlugin(name, version, '>=0.0.0');
  return { ...plugin, manifest: { ...plugin.manifest, repository: 'https://github.com/acme/greeter-plugin-x' }, dist: signedDist(name, version, options) };
}

beforeAll(async () => {
  sigstore = await startMockSigstore();
  documents['/-/npm/v1/keys'] = { keys: [key.listing()] };
  const attested = { key, sigstore, documents, identity: acme };
  registry = await startFakeRegistry(
    [
      signed('greeter-plugin-attested', '1.0.0', attested),
      signed('greeter-plugin-impostor', '1.0.0', { ...attested, identity: { ...acme, repository: 'mallory/greeter-plugin-x' }, claims: acme }),
      signed('greeter-plugin-plain', '1.0.0', { key }),
      {
        ...signed('greeter-plugin-tampered', '1.0.0', { key }),
        dist: async (packed) => ({ ...(await signedDist('greeter-plugin-tampered', '1.0.0', { key })(packed)), integrity: `sha512-${'A'.repeat(86)}==` }),
      },
      signed('greeter-plugin-split', '1.0.0', { key }),
      // Its twin: the same name and version, other code, which says so on stderr if it ever runs.
      {
        ...publishedPlugin('greeter-plugin-split', '1.0.0', '>=0.0.0'),
        files: { 'index.js': "console.error('TWIN RAN');\nexport const Greeter = { greet: () => 'Saluton' };\n" },
        tarballAt: '/twin/greeter-plugin-split-1.0.0.tgz',
        dist: (packed) => {
          twin = packed.integrity;
          return {};
        },
      },
    ],
    {
      documents,
      // Package managers, and only they, are served the twin, under the same signature.
      packumentFor: (request, packument) => {
        const dist = packument.versions['1.0.0']?.['dist'] as Record<string, unknown> | undefined;
        if (packument.name === 'greeter-plugin-split' && dist && /^p?npm\//.test(request.headers['user-agent'] ?? '')) {
          Object.assign(dist, { tarball: `http://${request.headers.host}/twin/greeter-plugin-split-1.0.0.tgz`, integrity: twin, shasum: undefined });
        }
      },
    },
  );
  env = cleanNpmEnv(registry.url);
});

afterAll(async () => {
  await Promise.all([registry?.close(), sigstore?.close()]);
  removeTrees();
});

/** An npm project whose config trusts the mock Sigstore, and any other config keys. */
function project(config: Record<string, unknown> = {}): string {
  return npmProject({
    '.greeterrc.json': JSON.stringify({ trustedRoot: './trusted_root.json', ...config }),
    'trusted_root.json': JSON.stringify(sigstore.trustedRoot),
  });
}

const greeter = (cwd: string, args: string[], environment = env) => runCli(bin, cwd, args, environment);
const tarballsOf = (name: string) => registry.requests.filter((request) => request.startsWith(`/${name}/-/`));
const twinRequests = () => registry.requests.filter((request) => request.startsWith('/twin/')).length;

describe('greeter add verifies before it installs', () => {
  it('installs a signed plugin with provenance, naming the key and the build that made it', async () => {
    const root = project();
    const json = await greeter(root, ['add', 'attested', '--json']);
    expect([json.code, json.code === 0 ? '' : json.stdout + json.stderr]).toEqual([0, '']);
    const document = JSON.parse(json.stdout);
    expect(validate('add', document)).toEqual([]);
    // stderr is no terminal here: no progress lines, only the package manager's own output.
    expect(json.stderr).not.toContain('greeter: verifying');
    expect(document).toMatchObject({
      added: { name: 'greeter-plugin-attested', version: '1.0.0' },
      signature: 'verified',
      keyid: key.keyid,
      provenance: 'verified',
      build: { repository: 'https://github.com/acme/greeter-plugin-x', commit: acme.commit, builder: 'https://github.com/actions/runner/github-hosted' },
    });
    const text = await greeter(project(), ['add', 'attested']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(key.keyid);
    expect(text.stdout).toContain(
      `built from https://github.com/acme/greeter-plugin-x at commit ${acme.commit} by https://github.com/actions/runner/github-hosted`,
    );
  });

  it.each([
    ['a tampered integrity', 'tampered', 'GREETER_SIGNATURE_INVALID'],
    ['provenance signed by a build of another repository', 'impostor', 'GREETER_PROVENANCE_INVALID'],
  ])('refuses %s, installing and downloading nothing', async (_case, language, code) => {
    const root = project();
    const before = bytesOf(root);
    const result = await greeter(root, ['add', language]);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, code, '']);
    expect(bytesOf(root)).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
    expect(tarballsOf(`greeter-plugin-${language}`)).toEqual([]);
  });

  it('refuses a version without provenance where the config requires one', async () => {
    const root = project({ requireProvenance: true });
    const before = bytesOf(root);
    const result = await greeter(root, ['add', 'plain', '--json']);
    expect([result.code, JSON.parse(result.stdout).error.code]).toEqual([1, 'GREETER_PROVENANCE_INVALID']);
    expect(bytesOf(root)).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
  });

  it('uninstalls what the package manager installed when it is not the tarball verified, before any of its code runs', async () => {
    const root = project();
    const before = bytesOf(root);
    const twins = twinRequests();
    const result = await greeter(root, ['add', 'split']);
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, 'GREETER_SIGNATURE_INVALID', '']);
    // The attack happened: npm downloaded the tarball greeter never verified, same name and version.
    expect(twinRequests()).toBe(twins + 1);
    expect(result.stderr).toContain('package-lock.json');
    expect(result.stderr).not.toContain('TWIN RAN');
    expect(bytesOf(root)).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules', 'greeter-plugin-split'))).toBe(false);
  });

  it('compares the files npm installed globally, where it records no integrity, with the tarball verified', async () => {
    const prefix = makeTree();
    // A cache of its own: npm downloads the twin here, whatever the tests before it fetched.
    const global = { ...env, npm_config_prefix: prefix, npm_config_cache: path.join(prefix, '.cache') };
    const twins = twinRequests();
    const result = await greeter(makeTree(), ['add', '-g', 'split', '--json'], global);
    expect([result.code, JSON.parse(result.stdout).error?.code]).toEqual([1, 'GREETER_SIGNATURE_INVALID']);
    expect(twinRequests()).toBe(twins + 1);
    expect(result.stderr).not.toContain('TWIN RAN');
    expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'greeter-plugin-split'))).toBe(false);
    // The tarball verified, installed globally the same way, passes.
    const plain = await greeter(makeTree(), ['add', '-g', 'plain', '--json'], global);
    expect([plain.code, plain.code === 0 ? '' : plain.stdout]).toEqual([0, '']);
    expect(existsSync(path.join(prefix, 'lib', 'node_modules', 'greeter-plugin-plain', 'package.json'))).toBe(true);
  });

  it('reads what pnpm installed from its own lockfile, and puts it back the same way', async () => {
    const root = makeTree({ 'package.json': '{\n  "name": "project",\n  "version": "1.0.0"\n}\n', 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" });
    const before = ['package.json', 'pnpm-lock.yaml'].map((file) => readFileSync(path.join(root, file), 'base64'));
    const result = await greeter(root, ['add', 'split'], { ...env, pnpm_config_registry: registry.url, npm_config_user_agent: 'pnpm/12.21.0' });
    expect([result.code, codeIn(result.stderr), result.stdout]).toEqual([1, 'GREETER_SIGNATURE_INVALID', '']);
    // (pnpm's store may hold the twin from an earlier run: it need not download it again.)
    expect(result.stderr).toMatch(/pnpm installed greeter-plugin-split 1\.0\.0 at sha512-\S+ \(.*pnpm-lock\.yaml\)/);
    expect(result.stderr).not.toContain('TWIN RAN');
    expect(['package.json', 'pnpm-lock.yaml'].map((file) => readFileSync(path.join(root, file), 'base64'))).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules', 'greeter-plugin-split'))).toBe(false);
  });

  it("says clearly that Sigstore's public trust root could not be reached, when no other is configured", async () => {
    const root = npmProject();
    const offline = {
      ...env,
      XDG_DATA_HOME: path.join(root, '.data'),
      HTTPS_PROXY: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      NO_PROXY: '127.0.0.1',
    };
    const result = await greeter(root, ['add', 'attested', '--json'], offline);
    const { error } = JSON.parse(result.stdout);
    expect([result.code, error.code]).toEqual([1, 'GREETER_REGISTRY_UNREACHABLE']);
    expect(error.message).toContain('https://tuf-repo-cdn.sigstore.dev');
    expect(existsSync(path.join(root, 'node_modules'))).toBe(false);
  });
});
