import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTrees } from '@greeter/fixtures';
import { cleanNpmEnv, runCli, startFakeRegistry, type FakeRegistry } from '../registry/test-helpers/fake-registry.js';
import { bytesOf, npmProject } from '../registry/test-helpers/npm-project.js';
import { publishedPlugin } from '../registry/test-helpers/published-plugin.js';
import { classifyManagerOutput } from './commands/_manager-failure.js';

// The built CLI, run as a user runs it, against a registry on 127.0.0.1 that
// serves npm (and npm only) a packument greeter never saw, and a real npm.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

let registry: FakeRegistry;
let env: Record<string, string>;

beforeAll(async () => {
  registry = await startFakeRegistry(
    [publishedPlugin('greeter-plugin-corrupt', '1.0.0', '>=0.0.0'), publishedPlugin('greeter-plugin-away', '1.0.0', '>=0.0.0')],
    {
      packumentFor: (request, packument) => {
        const dist = packument.versions['1.0.0']?.['dist'] as Record<string, unknown> | undefined;
        if (!dist || !/^npm\//.test(request.headers['user-agent'] ?? '')) return;
        if (packument.name === 'greeter-plugin-corrupt') Object.assign(dist, { integrity: `sha512-${'A'.repeat(86)}==`, shasum: undefined });
        if (packument.name === 'greeter-plugin-away') dist['tarball'] = 'http://127.0.0.1:9/greeter-plugin-away-1.0.0.tgz';
      },
    },
  );
  // No retries: a refused connection fails at once.
  env = { ...cleanNpmEnv(registry.url), npm_config_fetch_retries: '0' };
});

afterAll(async () => {
  await registry?.close();
  removeTrees();
});

describe("a package manager's failed install", () => {
  it.each([
    ['an integrity check npm failed', 'corrupt', 'GREETER_SIGNATURE_INVALID'],
    ['a registry npm could not reach', 'away', 'GREETER_REGISTRY_UNREACHABLE'],
  ])('is reported by its cause: %s', async (_case, language, code) => {
    const root = npmProject();
    const before = bytesOf(root);
    const result = await runCli(bin, root, ['add', language, '--json'], env);
    expect([result.code, JSON.parse(result.stdout).error?.code]).toEqual([1, code]);
    expect(bytesOf(root)).toEqual(before);
    expect(existsSync(path.join(root, 'node_modules', `greeter-plugin-${language}`))).toBe(false);
  });

  // What each manager printed (npm 11, pnpm 12, yarn 1.22, Yarn 4.18, bun 1.4), from real runs.
  it.each([
    ['npm', 'npm error code EINTEGRITY\nnpm error sha512-yV… integrity checksum failed when using sha512: wanted sha512-yV… but got sha512-yb…', 'integrity'],
    ['pnpm', '  ╰─▶ Failed to verify the integrity of http://127.0.0.1:4886/x-1.0.0.tgz: Integrity check failed.', 'integrity'],
    [
      'yarn 1',
      'error http://127.0.0.1:4886/x-1.0.0.tgz: Integrity check failed for "x" (computed integrity doesn\'t match our records, got "sha512-…")',
      'integrity',
    ],
    ['Yarn 4', "➤ YN0018: │ x@npm:1.0.0: The remote archive doesn't match the expected checksum", 'integrity'],
    ['bun', 'error: Integrity check failed for tarball: x\nerror: IntegrityCheckFailed extracting tarball from x', 'integrity'],
    ['npm', 'npm error code ECONNREFUSED\nnpm error FetchError: request to http://127.0.0.1:9/x failed, reason: connect ECONNREFUSED 127.0.0.1:9', 'network'],
    ['npm', 'npm error network request to http://nohost.invalid/x failed, reason: getaddrinfo ENOTFOUND nohost.invalid', 'network'],
    ['pnpm', 'Error: ERR_PNPM_RESOLVING_NPM_RESOLVER_NETWORK_ERROR\n  ├─▶ tcp connect error:\n  ╰─▶ Connection refused (os error 111)', 'network'],
    ['yarn 1', 'error Error: getaddrinfo ENOTFOUND nohost.invalid', 'network'],
    ['Yarn 4', '➤ YN0001: │ RequestError: getaddrinfo ENOTFOUND nohost.invalid', 'network'],
    ['bun', 'error: ConnectionRefused downloading package manifest x', 'network'],
    ['bun', 'error: DNSResolveFailed downloading package manifest x', 'network'],
    ['npm', 'npm error code ETARGET\nnpm error notarget No matching version found for x@9.9.9.', undefined],
    ['bun', 'error: x@9.9.9 failed to resolve', undefined],
  ])("reads %s's words (%#)", (_manager, output, failure) => {
    expect(classifyManagerOutput(output)).toBe(failure);
  });
});
