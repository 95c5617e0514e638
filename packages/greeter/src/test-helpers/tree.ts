import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A folder tree: a string is a file's content, an object a folder, `{ link }` a symlink. */
export interface Tree {
  [name: string]: string | Tree | { link: string };
}

const made: string[] = [];

/** Makes a real temporary folder holding `tree`; returns its real path. */
export function makeTree(tree: Tree = {}): string {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'greeter-test-')));
  made.push(root);
  writeTree(root, tree);
  return root;
}

/** Writes `tree` into an existing folder. */
export function writeTree(root: string, tree: Tree): void {
  for (const [name, value] of Object.entries(tree)) {
    const target = path.join(root, name);
    mkdirSync(path.dirname(target), { recursive: true });
    if (typeof value === 'string') writeFileSync(target, value);
    else if (isLink(value)) symlinkSync(value.link, target, 'dir');
    else {
      mkdirSync(target, { recursive: true });
      writeTree(target, value);
    }
  }
}

/** Removes every folder made by {@link makeTree}. */
export function removeTrees(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

function isLink(value: Tree | { link: string }): value is { link: string } {
  return typeof (value as { link?: unknown }).link === 'string';
}

/** What a fixture plugin package looks like. */
export interface PluginSpec {
  version?: string;
  languages?: string[];
  /** `peerDependencies["@greeter/core"]`. */
  coreRange?: string;
  /** The entry file's source. Default: an ESM module exporting `Greeter`. */
  source?: string;
  /** Extra package.json fields, e.g. `{ exports: … }`. */
  packageJson?: Record<string, unknown>;
  /** Extra files beside package.json. */
  files?: Tree;
}

/** The files of a plugin package whose `greet` returns `greeting` (or `greeting name`). */
export function pluginPackage(name: string, greeting: string, spec: PluginSpec = {}): Tree {
  const packageJson = {
    name,
    version: spec.version ?? '1.0.0',
    type: 'module',
    main: 'index.js',
    keywords: ['greeter-plugin'],
    ...(spec.languages ? { greeterPlugin: { languages: spec.languages } } : {}),
    ...(spec.coreRange ? { peerDependencies: { '@greeter/core': spec.coreRange } } : {}),
    ...spec.packageJson,
  };
  const source =
    spec.source ??
    `export const Greeter = { greet: ({ name } = {}) => name ? ${JSON.stringify(greeting)} + ' ' + name : ${JSON.stringify(greeting)} };\n`;
  return { 'package.json': JSON.stringify(packageJson, null, 2), 'index.js': source, ...spec.files };
}

/** An npm (or pnpm hoisted) layout: every package directly in node_modules. */
export function npmLayout(packages: Record<string, Tree>): Tree {
  const nodeModules: Tree = {};
  for (const [name, files] of Object.entries(packages)) nodeModules[name] = files;
  return { 'package.json': '{"name":"project","private":true}', node_modules: nodeModules };
}

/**
 * A pnpm isolated layout: packages live in node_modules/.pnpm/<name>@<version>/node_modules/<name>,
 * and node_modules/<name> is a relative symlink to them.
 */
export function pnpmLayout(packages: Record<string, Tree>): Tree {
  const nodeModules: Record<string, Tree | { link: string }> = {};
  const store: Tree = {};
  for (const [name, files] of Object.entries(packages)) {
    const id = `${name.replace('/', '+')}@1.0.0`;
    store[id] = { node_modules: { [name]: files } };
    const depth = name.split('/').length;
    nodeModules[name] = { link: `${'../'.repeat(depth - 1)}.pnpm/${id}/node_modules/${name}` };
  }
  return {
    'package.json': '{"name":"project","private":true}',
    'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    node_modules: { '.pnpm': store, ...nodeModules } as Tree,
  };
}
