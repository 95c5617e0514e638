import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, removeTrees, thrownCode, type Tree } from '@greeter/fixtures';
import type { PackageManager } from '@greeter/host';
import { registryHint } from '@greeter/core/messages';
import { findRegistry } from './find-registry.js';

afterAll(removeTrees);

const npm: PackageManager = { name: 'npm', agent: 'npm' };
const pnpm: PackageManager = { name: 'pnpm', agent: 'pnpm' };
const berry: PackageManager = { name: 'yarn', agent: 'yarn@berry' };

/** A home folder and a project in one temporary tree: `home/…` and `project/…`. */
function setup(tree: Tree) {
  const root = makeTree(tree);
  return { home: path.join(root, 'home'), project: path.join(root, 'project'), root };
}

describe('findRegistry from the npmrc chain', () => {
  it('defaults to the npm registry', () => {
    const { home, project } = setup({ 'home/x': '', 'project/package.json': '{}' });
    expect(findRegistry({ manager: npm, projectRoot: project, env: {}, home })).toMatchObject({
      url: 'https://registry.npmjs.org/',
      authorization: undefined,
      source: undefined,
    });
  });

  it('takes the project .npmrc over the user config, and the environment over both', () => {
    const { home, project } = setup({ 'home/.npmrc': 'registry=http://user.test/\n', 'project/.npmrc': 'registry=http://project.test\n' });
    expect(findRegistry({ manager: npm, projectRoot: project, env: {}, home }).url).toBe('http://project.test/');
    expect(findRegistry({ manager: npm, projectRoot: undefined, env: {}, home }).url).toBe('http://user.test/');
    expect(findRegistry({ manager: npm, projectRoot: project, env: { NPM_CONFIG_REGISTRY: 'http://env.test/' }, home }).url).toBe('http://env.test/');
  });

  it('reads the user config npm_config_userconfig names instead of ~/.npmrc', () => {
    const { home, root } = setup({ 'home/.npmrc': 'registry=http://home.test/\n', 'other/npmrc': 'registry=http://other.test/\n' });
    const env = { npm_config_userconfig: path.join(root, 'other/npmrc') };
    expect(findRegistry({ manager: npm, projectRoot: undefined, env, home })).toMatchObject({
      url: 'http://other.test/',
      source: path.join(root, 'other/npmrc'),
    });
  });

  it('uses a scope registry for a scoped package, with the token set for its host and path, variables expanded', () => {
    const { home, project } = setup({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: npmrc syntax, not a template
      'home/.npmrc': '@acme:registry=https://npm.acme.test/private/\n//npm.acme.test/private/:_authToken=${ACME_TOKEN}\n//other.test/:_authToken=nope\n',
      'project/package.json': '{}',
    });
    const env = { ACME_TOKEN: 's3cret' };
    expect(findRegistry({ manager: npm, projectRoot: project, packageName: '@acme/greeter-plugin-klingon', env, home })).toMatchObject({
      url: 'https://npm.acme.test/private/',
      authorization: 'Bearer s3cret',
    });
    expect(findRegistry({ manager: npm, projectRoot: project, packageName: 'greeter-plugin-klingon', env, home })).toMatchObject({
      url: 'https://registry.npmjs.org/',
      authorization: undefined,
    });
  });

  it('finds a token set for a parent path of the registry', () => {
    const { home } = setup({ 'home/.npmrc': 'registry=http://127.0.0.1:4873/npm/\n//127.0.0.1:4873/:_authToken=tok\n' });
    expect(findRegistry({ manager: npm, projectRoot: undefined, env: {}, home }).authorization).toBe('Bearer tok');
  });

  it('ignores npm_config_registry for pnpm, which reads pnpm_config_registry', () => {
    const { home } = setup({ 'home/.npmrc': 'registry=http://user.test/\n' });
    expect(findRegistry({ manager: pnpm, projectRoot: undefined, env: { npm_config_registry: 'http://npm.test/' }, home })).toMatchObject({
      url: 'http://user.test/',
      check: '`pnpm config get registry` shows it',
    });
    expect(findRegistry({ manager: pnpm, projectRoot: undefined, env: { pnpm_config_registry: 'http://pnpm.test/' }, home }).url).toBe('http://pnpm.test/');
  });
});

describe('findRegistry for pnpm', () => {
  it("takes pnpm-workspace.yaml and pnpm's config.yaml over the project .npmrc, and its variable over both", () => {
    const { home, project } = setup({
      'home/.config/pnpm/config.yaml': 'registry: http://config-yaml.test/\n',
      'project/.npmrc': 'registry=http://npmrc.test/\n',
      'project/package.json': '{}',
    });
    expect(findRegistry({ manager: pnpm, projectRoot: project, env: {}, home }).url).toBe('http://config-yaml.test/');
    const workspace = setup({
      'pnpm-workspace.yaml': 'packages: [project]\nregistries:\n  default: http://workspace.test\n  "@acme": http://acme.test/\n',
      'project/.npmrc': 'registry=http://npmrc.test/\n',
      'home/x': '',
    });
    expect(findRegistry({ manager: pnpm, projectRoot: workspace.project, env: {}, home: workspace.home })).toMatchObject({
      url: 'http://workspace.test/',
      source: path.join(workspace.root, 'pnpm-workspace.yaml'),
    });
    expect(findRegistry({ manager: pnpm, projectRoot: workspace.project, packageName: '@acme/greeter-plugin', env: {}, home: workspace.home }).url).toBe(
      'http://acme.test/',
    );
    expect(findRegistry({ manager: pnpm, projectRoot: workspace.project, env: { pnpm_config_registry: 'http://env.test/' }, home: workspace.home }).url).toBe(
      'http://env.test/',
    );
  });
});

describe('findRegistry for Yarn 2+', () => {
  it('reads the nearest .yarnrc.yml over ~/.yarnrc.yml and no .npmrc, with scopes and tokens', () => {
    const { home, project } = setup({
      'home/.yarnrc.yml': 'npmRegistryServer: "http://home.test"\n',
      'project/.npmrc': 'registry=http://npmrc.test/\n',
      'project/.yarnrc.yml':
        // biome-ignore lint/suspicious/noTemplateCurlyInString: .yarnrc.yml syntax, not a template
        'npmRegistryServer: "http://project.test"\nnpmAuthToken: "${YARN_TOKEN}"\nnpmScopes:\n  acme:\n    npmRegistryServer: "http://acme.test"\n    npmAuthToken: acme-token\n',
    });
    const env = { YARN_TOKEN: 'abc' };
    expect(findRegistry({ manager: berry, projectRoot: project, env, home })).toMatchObject({ url: 'http://project.test/', authorization: 'Bearer abc' });
    expect(findRegistry({ manager: berry, projectRoot: project, packageName: '@acme/greeter-plugin', env, home })).toMatchObject({
      url: 'http://acme.test/',
      authorization: 'Bearer acme-token',
    });
    expect(findRegistry({ manager: berry, projectRoot: undefined, env: {}, home }).url).toBe('http://home.test/');
    expect(findRegistry({ manager: berry, projectRoot: project, env: { YARN_NPM_REGISTRY_SERVER: 'http://env.test' }, home }).url).toBe('http://env.test/');
  });

  it('reports a .yarnrc.yml that does not parse as a config error naming it', () => {
    const { home, project } = setup({ 'home/x': '', 'project/.yarnrc.yml': 'npmRegistryServer: [unclosed\n' });
    expect(thrownCode(() => findRegistry({ manager: berry, projectRoot: project, env: {}, home }))).toBe('GREETER_CONFIG_INVALID');
  });
});

describe('findRegistry for bun', () => {
  const bun: PackageManager = { name: 'bun', agent: 'bun' };
  // The order bun 1.4 follows, checked against it: the variables, then bunfig.toml (the project's, else the
  // user's), then the npmrc files; a scope's registry from either over the default one.
  it("takes bunfig.toml's install.registry over every .npmrc, the project's over the user's, and the variables over both", () => {
    const { home, project, root } = setup({
      'home/.bunfig.toml': '[install]\nregistry = "http://user-bunfig.test/"\n',
      'project/.npmrc': 'registry=http://npmrc.test/\n',
      'project/bunfig.toml': '[install]\nregistry = { url = "http://bunfig.test", token = "$BUN_TOKEN" }\n',
    });
    const env = { BUN_TOKEN: 'tok' };
    expect(findRegistry({ manager: bun, projectRoot: project, env, home })).toMatchObject({
      url: 'http://bunfig.test/',
      authorization: 'Bearer tok',
      source: path.join(project, 'bunfig.toml'),
      check: '`install.registry` in bunfig.toml sets it',
    });
    expect(findRegistry({ manager: bun, projectRoot: undefined, env, home }).url).toBe('http://user-bunfig.test/');
    const xdg = { XDG_CONFIG_HOME: path.join(root, 'xdg') };
    expect(findRegistry({ manager: bun, projectRoot: undefined, env: xdg, home }).url).toBe('https://registry.npmjs.org/');
    expect(findRegistry({ manager: bun, projectRoot: project, env: { BUN_CONFIG_REGISTRY: 'http://env.test/' }, home }).url).toBe('http://env.test/');
    expect(findRegistry({ manager: npm, projectRoot: project, env, home }).url).toBe('http://npmrc.test/');
  });

  it('takes install.scopes (with or without the @) over any registry, and an .npmrc scope over the default registry', () => {
    const { home, project } = setup({
      'home/x': '',
      'project/.npmrc': '@acme:registry=http://npmrc-acme.test/\n@other:registry=http://npmrc-other.test/\n',
      'project/bunfig.toml':
        '[install]\nregistry = "http://bunfig.test/"\n[install.scopes]\nacme = "https://me:p%40ss@acme.test/"\n"@zed" = { url = "http://zed.test/" }\n',
    });
    const at = (packageName: string) => findRegistry({ manager: bun, projectRoot: project, packageName, env: {}, home });
    expect(at('@acme/greeter-plugin-x')).toMatchObject({
      url: 'https://acme.test/',
      authorization: `Basic ${Buffer.from('me:p@ss').toString('base64')}`,
      check: '`install.scopes` in bunfig.toml sets it',
    });
    expect(at('@zed/greeter-plugin-x').url).toBe('http://zed.test/');
    expect(at('@other/greeter-plugin-x').url).toBe('http://npmrc-other.test/');
    expect(at('greeter-plugin-x').url).toBe('http://bunfig.test/');
  });

  it('reports a bunfig.toml that does not parse as a config error naming it', () => {
    const { home, project } = setup({ 'home/x': '', 'project/bunfig.toml': '[install\nregistry = \n' });
    expect(thrownCode(() => findRegistry({ manager: bun, projectRoot: project, env: {}, home }))).toBe('GREETER_CONFIG_INVALID');
  });
});

describe('registryHint', () => {
  const yarn1: PackageManager = { name: 'yarn', agent: 'yarn' };
  const bun: PackageManager = { name: 'bun', agent: 'bun' };
  const { home, project } = setup({
    'home/x': '',
    'project/.npmrc': 'registry=http://npmrc.test/\n',
    'project/.yarnrc.yml': 'npmScopes:\n  acme:\n    npmRegistryServer: "http://acme.test"\n',
  });
  const bunfig = setup({ 'home/x': '', 'project/bunfig.toml': '[install]\nregistry = "http://bunfig.test/"\n' });
  const hint = (manager: PackageManager, options: { packageName?: string; override?: string; at?: typeof bunfig } = {}) => {
    const at = options.at ?? { home, project };
    return registryHint(findRegistry({ manager, projectRoot: at.project, env: {}, home: at.home, ...options }));
  };

  it.each<[string, () => string, string]>([
    ['npm', () => hint(npm), '`npm config get registry` shows it; set in '],
    ['pnpm', () => hint(pnpm), '`pnpm config get registry` shows it'],
    ['yarn 1', () => hint(yarn1), '`yarn config get registry` shows it'],
    ['Yarn 2+', () => hint(berry), '`yarn config get npmRegistryServer` shows it; none is configured'],
    ['Yarn 2+, a scope', () => hint(berry, { packageName: '@acme/greeter-plugin-x' }), '`yarn config get npmScopes` shows it'],
    ['bun, bunfig.toml', () => hint(bun, { at: bunfig }), '`install.registry` in bunfig.toml sets it'],
    ['bun, .npmrc', () => hint(bun), 'bun reads it from `install.registry` in bunfig.toml, else `registry` in .npmrc; set in '],
    [
      'npm, a variable',
      () => registryHint(findRegistry({ manager: npm, projectRoot: project, env: { npm_config_registry: 'http://env.test/' }, home })),
      '; set by the variable npm_config_registry)',
    ],
  ])("names %s's way to see the registry, and --registry", (_manager, make, expected) => {
    const text = make();
    expect(text).toContain(expected);
    expect(text).toContain('`--registry <url>`');
  });

  it('names the URL given with --registry as such', () => {
    const text = hint(npm, { override: 'http://given.test/' });
    expect(text).toContain('given with `--registry`');
    expect(text).not.toContain('set in');
  });
});
