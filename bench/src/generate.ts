import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How the synthetic project's node_modules is laid out. */
export type Layout = 'npm' | 'pnpm' | 'pnpm-hoisted';

/**
 * Where greeter is installed: in the project (a dependency, laid out the
 * project's way), or globally (its own install folder, run by path in a
 * project that does not depend on it; english is then a built-in).
 */
export type GreeterInstall = 'project' | 'global';

/** One synthetic project to measure. */
export interface ProjectSpec {
  layout: Layout;
  /** Installed packages, the plugins included, and greeter's own install when it is in the project. */
  packages: number;
  /**
   * Greeter plugins among them (one is greeter-plugin-chinese), besides
   * greeter-plugin-english, which comes with greeter.
   */
  plugins: number;
  greeter: GreeterInstall;
}

/** An installed greeter CLI: what starts it, and the entry of the english plugin it depends on. */
export interface GreeterCli {
  /** The CLI as node_modules/.bin (or the global bin folder) would start it. */
  bin: string;
  /** greeter's own dependency, where the install put it. */
  englishEntry: string;
}

/** A generated project: its folder, the entry file of greeter-plugin-chinese, and greeter when the project installs it. */
export interface Project {
  root: string;
  chineseEntry: string;
  greeter?: GreeterCli;
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
 * hoisted (flat, with pnpm's state files). With greeter in the project,
 * `greeterInstall` (greeter and what it depends on) is written first;
 * greeter is a direct dependency, its dependencies are not.
 */
export function generateProject(root: string, spec: ProjectSpec, greeterInstall: Pkg[]): Project {
  const installed = spec.greeter === 'project' ? greeterInstall : [];
  const generated = packageList(spec, spec.packages - installed.length);
  const packages = [...installed, ...generated];
  const directlyGenerated = generated.filter((pkg, index) => pkg.name.includes('greeter-plugin') || index % 20 === 0);
  const direct = new Set([...(installed.length > 0 ? ['greeter'] : []), ...directlyGenerated.map((pkg) => pkg.name)]);
  const dependencies = Object.fromEntries([...direct].sort().map((name) => [name, '^1.0.0']));
  write(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-project', private: true, dependencies }, null, 2));
  const nodeModules = path.join(root, 'node_modules');
  const folderOf = (pkg: Pkg): string =>
    spec.layout === 'pnpm'
      ? path.join(nodeModules, '.pnpm', `${pkg.name.replace('/', '+')}@${pkg.version}`, 'node_modules', pkg.name)
      : path.join(nodeModules, pkg.name);
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  for (const pkg of packages) {
    const folder = folderOf(pkg);
    writePackage(pkg, folder);
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
  const chineseEntry = path.join(folderOf(byName.get('greeter-plugin-chinese')!), 'index.js');
  if (installed.length === 0) return { root, chineseEntry };
  return { root, chineseEntry, greeter: cliAt(path.join(nodeModules, 'greeter'), folderOf(byName.get('greeter-plugin-english')!)) };
}

/**
 * Writes greeter as `npm install --global` lays it out under `prefix`:
 * `lib/node_modules/greeter`, with everything it depends on in its own
 * node_modules folder.
 */
export function generateGlobalInstall(prefix: string, greeterInstall: Pkg[]): GreeterCli {
  const greeterDir = path.join(prefix, 'lib', 'node_modules', 'greeter');
  const folderOf = (pkg: Pkg): string => (pkg.name === 'greeter' ? greeterDir : path.join(greeterDir, 'node_modules', pkg.name));
  for (const pkg of greeterInstall) writePackage(pkg, folderOf(pkg));
  return cliAt(greeterDir, path.join(greeterDir, 'node_modules', 'greeter-plugin-english'));
}

function cliAt(greeterDir: string, englishDir: string): GreeterCli {
  return { bin: path.join(greeterDir, 'bin', 'greeter.cjs'), englishEntry: path.join(englishDir, 'dist', 'index.js') };
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

function writePackage(pkg: Pkg, folder: string): void {
  if (pkg.linkTo !== undefined) link(pkg.linkTo, folder);
  for (const [file, content] of Object.entries(pkg.files ?? {})) write(path.join(folder, file), content);
}

function write(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

function link(target: string, at: string): void {
  mkdirSync(path.dirname(at), { recursive: true });
  symlinkSync(path.relative(path.dirname(at), target), at, 'dir');
}
