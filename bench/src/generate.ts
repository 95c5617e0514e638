import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How the synthetic project's node_modules is laid out. */
export type Layout = 'npm' | 'pnpm' | 'pnpm-hoisted';

/** One synthetic project to measure. */
export interface ProjectSpec {
  layout: Layout;
  /** Installed packages, greeter's own install and the plugins included. */
  packages: number;
  /**
   * Greeter plugins among them (one is greeter-plugin-chinese), besides
   * greeter-plugin-english, which comes with greeter.
   */
  plugins: number;
}

/** A generated project: its folder, the greeter CLI it installs, and the entry files of two plugins. */
export interface Project {
  root: string;
  /** A sub-folder whose package.json carries a greeter config. */
  configured: string;
  /** The CLI as the project's node_modules/.bin would start it. */
  greeterBin: string;
  chineseEntry: string;
  /** greeter's own dependency, where the layout put it. */
  englishEntry: string;
}

/** A package to install in a generated project. */
export interface Pkg {
  name: string;
  version: string;
  /** Its files, written into its folder; without them, `linkTo` is required. */
  files?: Record<string, string>;
  /** A folder elsewhere that its folder links to. */
  linkTo?: string;
  /** What it depends on, peers included: the pnpm layout links them beside it. */
  dependencies?: string[];
}

/**
 * Writes a project the way the package manager would lay it out: npm flat;
 * pnpm isolated (packages in node_modules/.pnpm/<id>/node_modules/<name>,
 * their dependencies linked beside them, top-level symlinks for direct
 * dependencies only, the hidden hoisting folder .pnpm/node_modules); pnpm
 * hoisted (flat, with pnpm's state files). `installed` (greeter and what it
 * depends on) is written first; greeter is a direct dependency, its
 * dependencies are not.
 */
export function generateProject(root: string, spec: ProjectSpec, installed: Pkg[]): Project {
  const generated = packageList(spec, spec.packages - installed.length);
  const packages = [...installed, ...generated];
  const direct = new Set(['greeter', ...generated.filter((pkg, index) => pkg.name.includes('greeter-plugin') || index % 20 === 0).map((pkg) => pkg.name)]);
  const dependencies = Object.fromEntries([...direct].sort().map((name) => [name, '^1.0.0']));
  write(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-project', private: true, dependencies }, null, 2));
  write(path.join(root, 'app', 'package.json'), JSON.stringify({ name: 'app', private: true, greeter: { default: 'chinese' } }));
  const nodeModules = path.join(root, 'node_modules');
  const folderOf = (pkg: Pkg): string =>
    spec.layout === 'pnpm'
      ? path.join(nodeModules, '.pnpm', `${pkg.name.replace('/', '+')}@${pkg.version}`, 'node_modules', pkg.name)
      : path.join(nodeModules, pkg.name);
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  for (const pkg of packages) {
    const folder = folderOf(pkg);
    if (pkg.linkTo !== undefined) link(pkg.linkTo, folder);
    for (const [file, content] of Object.entries(pkg.files ?? {})) write(path.join(folder, file), content);
    if (spec.layout === 'pnpm') {
      link(folder, path.join(nodeModules, '.pnpm', 'node_modules', pkg.name));
      if (direct.has(pkg.name)) link(folder, path.join(nodeModules, pkg.name));
      for (const dependency of pkg.dependencies ?? []) {
        link(folderOf(byName.get(dependency)!), path.join(folder.slice(0, -pkg.name.length), dependency));
      }
    }
  }
  if (spec.layout !== 'npm') {
    write(
      path.join(nodeModules, '.modules.yaml'),
      JSON.stringify({ layoutVersion: 5, nodeLinker: spec.layout === 'pnpm' ? 'isolated' : 'hoisted', virtualStoreDir: '.pnpm' }, null, 2),
    );
    write(path.join(root, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
  } else {
    write(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}');
  }
  return {
    root,
    configured: path.join(root, 'app'),
    greeterBin: path.join(nodeModules, 'greeter', 'bin', 'greeter.cjs'),
    chineseEntry: path.join(folderOf(byName.get('greeter-plugin-chinese')!), 'index.js'),
    englishEntry: path.join(folderOf(byName.get('greeter-plugin-english')!), 'dist', 'index.js'),
  };
}

function packageList({ plugins }: ProjectSpec, packages: number): Pkg[] {
  const list: Pkg[] = [plugin('greeter-plugin-chinese', ['chinese', 'zh'], '你好宇宙')];
  for (let index = 1; index < plugins; index++) {
    const language = `lang${index}`;
    const name = index % 5 === 0 ? `@vendor${index}/greeter-plugin-${language}` : `greeter-plugin-${language}`;
    list.push(plugin(name, [language, `l${index}`], `Hello from ${language}`));
  }
  for (let index = 0; list.length < packages; index++) {
    // About one in eight real packages is scoped; scopes repeat.
    const name = index % 8 === 0 ? `@scope${index % 40}/lib-${index}` : `lib-${index}`;
    list.push({
      name,
      version: '1.0.0',
      files: {
        'package.json': JSON.stringify({ name, version: '1.0.0', main: 'index.js' }),
        'index.js': 'module.exports = {};\n',
      },
    });
  }
  return list;
}

function plugin(name: string, languages: string[], greeting: string): Pkg {
  return {
    name,
    version: '1.0.0',
    files: {
      'package.json': JSON.stringify({ name, version: '1.0.0', type: 'module', main: 'index.js', keywords: ['greeter-plugin'], greeterPlugin: { languages } }),
      'index.js': `export const Greeter = { greet: ({ name } = {}) => ${JSON.stringify(greeting)} + (name ? ' ' + name : '') };\n`,
    },
  };
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function link(target: string, at: string): void {
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(path.relative(path.dirname(at), target), at, 'dir');
}
