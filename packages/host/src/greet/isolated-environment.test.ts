import { describe, expect, it } from 'vitest';
import { isolatedEnvironment, permissionArgs } from './greet-isolated.js';

describe('the isolated process', () => {
  it('starts without Node runtime variables or anything named like a secret', () => {
    const env = isolatedEnvironment({
      PATH: '/usr/bin',
      LANG: 'sv_SE.UTF-8',
      GREETER_E2E_SENTINEL: '/tmp/x',
      NODE_OPTIONS: '--allow-fs-read=*',
      node_options: '--require x',
      NODE_EXTRA_CA_CERTS: '/etc/ca.pem',
      NPM_TOKEN: 't',
      AWS_SECRET_ACCESS_KEY: 's',
      GITHUB_AUTH: 'a',
      DB_PASSWORD: 'p',
      OPENAI_API_KEY: 'k',
      UNSET: undefined,
    });
    expect(env).toEqual({ PATH: '/usr/bin', LANG: 'sv_SE.UTF-8', GREETER_E2E_SENTINEL: '/tmp/x' });
  });

  it('is granted each read path once, and nothing else', () => {
    const args = permissionArgs(['/a', '/b', '/a']);
    expect(args.filter((arg) => arg.startsWith('--allow-fs-read='))).toEqual(['--allow-fs-read=/a', '--allow-fs-read=/b']);
    expect(args.filter((arg) => /^--allow-(?!fs-read)/.test(arg))).toEqual([]);
    expect(args.some((arg) => arg === '--permission' || arg === '--experimental-permission')).toBe(true);
  });
});
