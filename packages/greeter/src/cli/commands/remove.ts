import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GreeterError, isGreeterError } from '@greeter/core';
import { detectPackageManager } from '@greeter/host';
import { createHost } from '../../index.js';
import { findProjectRoot } from '../../install/find-project.js';
import { changeCommand, runPackageManager } from '../../install/package-manager-commands.js';
import { pluginPackageName } from '../../install/plugin-package-name.js';
import type { CliArgs } from '../parse-args.js';
import type { CliIO } from '../render.js';

const dependencyFields = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/**
 * `greeter remove <language|package>`: finds the plugin the name means (a
 * language or alias of an installed plugin, else the conventional package
 * name) and uninstalls it with the project's package manager.
 */
export async function runRemove(args: CliArgs, io: CliIO, cwd: string): Promise<number> {
  const root = findProjectRoot(cwd);
  const packageName = await installedPackageFor(args.target!, root, io);
  const packageJsonPath = path.join(root, 'package.json');
  const packageJson = readProjectManifest(packageJsonPath);
  if (!dependencyFields.some((field) => packageJson[field]?.[packageName] !== undefined)) {
    throw new GreeterError('GREETER_PLUGIN_NOT_FOUND', `${packageName} is not a dependency of ${packageJsonPath}.`, {
      hint: '`greeter list` shows the installed plugins and where each comes from.',
    });
  }
  const manager = detectPackageManager(root, io.env['npm_config_user_agent']);
  const command = changeCommand(manager, 'remove', packageName);
  const { code } = await runPackageManager(command, { cwd: root, env: io.env });
  if (code !== 0) {
    throw new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `\`${command.join(' ')}\` failed with exit code ${code}.`, {
      hint: 'Its output above says why.',
    });
  }
  io.stdout.write(args.json ? `${JSON.stringify({ removed: { name: packageName } })}\n` : `Removed ${packageName}.\n`);
  return 0;
}

function readProjectManifest(packageJsonPath: string): Record<string, Record<string, string> | undefined> {
  try {
    return JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<string, Record<string, string> | undefined>;
  } catch (error) {
    throw new GreeterError('GREETER_USAGE', `The project's ${packageJsonPath} could not be read or parsed.`, {
      cause: error,
      hint: 'Fix that package.json, then run `greeter remove` again.',
    });
  }
}

async function installedPackageFor(target: string, root: string, io: CliIO): Promise<string> {
  const fallback = pluginPackageName(target);
  try {
    const candidate = await createHost({ cwd: root, env: io.env }).resolve(target);
    return candidate.source === 'project' ? candidate.name : fallback;
  } catch (error) {
    if (isGreeterError(error) && error.code === 'GREETER_PLUGIN_NOT_FOUND') return fallback;
    throw error;
  }
}
