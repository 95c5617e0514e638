import { GreeterError, coreVersion, displayText } from '@greeter/core';
import { fetchPackument } from '../../registry/fetch-packument.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { withProgress } from '../progress.js';
import { conventionalPackageName, findInstallTarget } from './_change-plugins.js';
import { chooseCompatibleVersion, installPlugin, noteOn } from './_install-plugin.js';

/**
 * `greeter add [-g] <language|package>`: checks the registry first (the
 * newest version that is a plugin compatible with this greeter), installs
 * exactly that version with the package manager, then loads and greets with
 * it in an isolated process. Any refusal before the install runs nothing;
 * a failed check uninstalls it again and puts package.json and the lockfile
 * back byte for byte.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const argument = context.args.positionals[0]!;
  const name = conventionalPackageName(argument);
  const target = findInstallTarget(context, 'add a plugin to');
  const registry = target.registry(name);
  const packument = await withProgress(context, `Looking up ${name} on ${displayText(registry.url)}`, fetchPackument(registry, name));
  if (packument === undefined) {
    throw new GreeterError('GREETER_PLUGIN_NOT_FOUND', `There is no package ${name} on the registry ${displayText(registry.url)}; nothing was installed.`, {
      hint: `Run \`greeter search ${argument}\` to see the plugins published there.`,
    });
  }
  const { plugin, notLatest } = chooseCompatibleVersion(packument, registry);
  const note = noteOn(context);
  if (notLatest)
    note(
      `${name} ${displayText(notLatest.latest, 40)} (latest) ${notLatest.reason === 'incompatible' ? `does not support @greeter/core ${coreVersion}` : 'is not a Greeter plugin'}; installing ${displayText(plugin.version, 40)}, the newest version that is.`,
    );
  if (target.global && !target.global.greeterIsThere)
    note(`greeter itself is not installed globally; adding ${name} to ${target.manager.name}'s global folder ${displayText(target.global.location().folder)}.`);

  const { languages, greeting } = await installPlugin(context, target, name, plugin.version, { note, done: 'added' });
  if (context.args.json) {
    return {
      exitCode: 0,
      stdout: jsonText({ schemaVersion: 1, ok: true, added: { name, version: plugin.version ?? null, languages }, greeting, notLatest: notLatest ?? null }),
    };
  }
  return {
    exitCode: 0,
    stdout: `Added ${name} ${displayText(plugin.version, 40)}: \`greeter ${displayText(languages[0] ?? name, 64)}\` says ${displayText(greeting, 200)}\n`,
  };
}
