import path from 'node:path';
import { displayText, errorFrom, isGreeterError } from '@greeter/core';
import { installMessages } from '@greeter/core/messages';
import type { PluginCandidate } from '@greeter/host';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { conventionalPackageName, dependencyOf, findInstallTarget, installedFolder, type InstallTarget } from './_change-plugins.js';
import { runPackageManager } from './_run-package-manager.js';

/**
 * `greeter remove [-g] <language|package>`: uninstalls the plugin the
 * argument means (the installed plugin that answers to it, else the package
 * its name names) with the package manager. Refused, running nothing, when
 * the project does not depend on it (or the global folder does not hold it).
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const argument = context.args.positionals[0]!;
  const fallback = conventionalPackageName(argument);
  const target = findInstallTarget(context, 'remove');
  const resolved = await resolveInstalled(context, target, argument);
  const name = resolved?.name ?? fallback;
  if (target.root !== undefined && dependencyOf(path.join(target.root, 'package.json'), name) === undefined) {
    const packageJson = path.join(target.root, 'package.json');
    throw errorFrom(installMessages.notADependency, { name, packageJson, argument, installedGlobally: resolved?.source === 'global' });
  }
  if (target.global && installedFolder(target, name) === undefined) {
    throw errorFrom(installMessages.notInGlobalFolder, { name, manager: target.manager.name, folder: target.global.location().folder });
  }
  if (target.global && !target.global.greeterIsThere) {
    context.stderr.write(
      `${context.paint.stderr('dim', 'greeter:')} greeter itself is not installed globally; removing ${name} from ${target.manager.name}'s global folder ${displayText(target.global.location().folder)}.\n`,
    );
  }
  const { argv, env } = target.command('remove', name);
  await runPackageManager(argv, target.cwd, env);
  if (context.args.json) return { exitCode: 0, stdout: jsonText({ schemaVersion: 1, ok: true, removed: { name } }) };
  return { exitCode: 0, stdout: `Removed ${name}.\n` };
}

// The installed plugin the argument means, as `greeter <argument>` would
// resolve it (aliases and manifests included); for -g, only one in the
// global folder counts. Undefined when nothing installed answers to it.
async function resolveInstalled(context: CommandContext, target: InstallTarget, argument: string): Promise<PluginCandidate | undefined> {
  let candidate: PluginCandidate;
  try {
    candidate = await context.createHost(target.root === undefined ? {} : { cwd: target.root }).resolve(argument);
  } catch (error) {
    // Nothing answers to it (or a broken config hides what does): the conventional name.
    if (isGreeterError(error)) return undefined;
    throw error;
  }
  if (!target.global) return candidate;
  const folders = target.global.location().folders;
  return folders.some((folder) => path.dirname(candidate.path) === folder || path.dirname(path.dirname(candidate.path)) === folder) ? candidate : undefined;
}
