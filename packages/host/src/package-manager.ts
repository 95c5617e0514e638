import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ancestors, isPlainObject, readJsonFile } from './_fs.js';

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
 * The project's package manager: from the nearest lockfile or
 * `packageManager` field up the folder tree, else from the package manager
 * that started greeter, else npm.
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
    const declared = names.includes('package.json') ? declaredManager(path.join(folder, 'package.json')) : undefined;
    if (declared) return declared;
  }
  const agent = /^(pnpm|yarn|bun|npm)\//.exec(userAgent);
  return (agent?.[1] as PackageManager | undefined) ?? 'npm';
}

function declaredManager(packageJsonPath: string): PackageManager | undefined {
  try {
    const packageJson = readJsonFile(packageJsonPath);
    const field = isPlainObject(packageJson) ? packageJson['packageManager'] : undefined;
    const name = typeof field === 'string' ? field.split('@')[0] : undefined;
    return lockfiles.find(([, manager]) => manager === name)?.[1];
  } catch {
    // An unreadable package.json declares nothing.
    return undefined;
  }
}

/** The command that adds `packageName` to a project with `manager`. */
export function installCommand(manager: PackageManager, packageName: string): string {
  return manager === 'npm' ? `npm install ${packageName}` : `${manager} add ${packageName}`;
}
