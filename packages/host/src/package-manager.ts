import { readdirSync } from 'node:fs';
import { ancestors } from './_fs.js';

/** The package managers whose commands greeter writes into hints. */
export type PackageManager = 'pnpm' | 'npm' | 'yarn' | 'bun';

const lockfiles: Array<[string, PackageManager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * The project's package manager, from the nearest lockfile up the folder
 * tree, else from the package manager that started greeter, else npm.
 */
export function detectPackageManager(cwd: string, userAgent = ''): PackageManager {
  for (const folder of ancestors(cwd)) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      // An unreadable folder tells nothing; look further up.
      continue;
    }
    const match = lockfiles.find(([file]) => names.includes(file));
    if (match) return match[1];
  }
  const agent = /^(pnpm|yarn|bun|npm)\//.exec(userAgent);
  return (agent?.[1] as PackageManager | undefined) ?? 'npm';
}

/** The command that adds `packageName` to a project with `manager`. */
export function installCommand(manager: PackageManager, packageName: string): string {
  return manager === 'npm' ? `npm install ${packageName}` : `${manager} add ${packageName}`;
}
