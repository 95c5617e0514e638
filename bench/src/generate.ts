import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** How the synthetic project's node_modules is laid out. */
export type Layout = 'npm' | 'pnpm' | 'pnpm-hoisted';

/** One synthetic project to measure. */
export interface ProjectSpec {
  layout: Layout;
  /** Installed packages, plugins included. */
  packages: number;
  /** Greeter plugins among them (one is greeter-plugin-chinese). */
  plugins: number;
}

/** A generated project: its folder, and the entry file of its Chinese plugin. */
export interface Project {
  root: string;
  /** A sub-folder whose package.json carries a greeter config. */
  configured: string;
  chineseEntry: string;
}

interface Pkg {
  name: string;
  files: Record<string, string>;
}

/**
 * Writes a project the way the package manager would lay it out: npm flat;
 * pnpm isolated (packages in node_modules/.pnpm/<id>/node_modules/<name>,
 * top-level symlinks for direct dependencies only, the hidden hoisting
 * folder .pnpm/node_modules); pnpm hoisted (flat, with pnpm's state files).
 */
export function generateProject(root: string, spec: ProjectSpec): Project {
  const packages = packageList(spec);
  const direct = new Set(packages.filter((pkg, index) => pkg.name.includes('greeter-plugin') || index % 20 === 0).map((pkg) => pkg.name));
  const dependencies = Object.fromEntries([...direct].sort().map((name) => [name, '^1.0.0']));
  write(path.join(root, 'package.json'), JSON.stringify({ name: 'bench-project', private: true, dependencies }, null, 2));
  write(path.join(root, 'app', 'package.json'), JSON.stringify({ name: 'app', private: true, greeter: { default: 'chinese' } }));
  const nodeModules = path.join(root, 'node_modules');
  let chineseEntry = '';
  for (const pkg of packages) {
    const folder = spec.layout === 'pnpm' ? path.join(nodeModules, '.pnpm', `${pkg.name.replace('/', '+')}@1.0.0`, 'node_modules', pkg.name) : path.join(nodeModules, pkg.name);
    for (const [file, content] of Object.entries(pkg.files)) write(path.join(folder, file), content);
    if (pkg.name === 'greeter-plugin-chinese') chineseEntry = path.join(folder, 'index.js');
    if (spec.layout === 'pnpm') {
      link(folder, path.join(nodeModules, '.pnpm', 'node_modules', pkg.name));
      if (direct.has(pkg.name)) link(folder, path.join(nodeModules, pkg.name));
    }
  }
  if (spec.layout !== 'npm') {
    const virtualStoreDir = spec.layout === 'pnpm' ? '.pnpm' : '.pnpm';
    write(path.join(nodeModules, '.modules.yaml'), JSON.stringify({ layoutVersion: 5, nodeLinker: spec.layout === 'pnpm' ? 'isolated' : 'hoisted', virtualStoreDir }, null, 2));
    write(path.join(root, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
  } else {
    write(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}');
  }
  return { root, configured: path.join(root, 'app'), chineseEntry };
}

function packageList({ packages, plugins }: ProjectSpec): Pkg[] {
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
