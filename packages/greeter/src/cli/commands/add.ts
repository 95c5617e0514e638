import { GreeterError, coreVersion, displayText } from '@greeter/core';
import { incompatibleError } from '@greeter/host/stages';
import { chooseVersion, isPluginManifest, type PublishedPlugin } from '../../registry/choose-version.js';
import { fetchPackument, type Packument } from '../../registry/fetch-packument.js';
import type { Registry } from '../../registry/find-registry.js';
import { createVerificationSession, trustSettingsOf, verifyVersion } from '../../registry/verify-version.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { progressOf } from '../progress.js';
import { verifiedJson, verifiedLines } from '../trust-text.js';
import { conventionalPackageName, findInstallTarget } from './_change-plugins.js';
import { installVerified } from './_install-verified.js';

/** Why the version installed is not the `latest` dist-tag. */
interface NotLatest {
  latest: string;
  reason: 'incompatible' | 'not-a-plugin';
}

/**
 * `greeter add [-g] <language|package>`: checks the registry first (the
 * newest version that is a plugin compatible with this greeter), verifies
 * that exact version's registry signature and provenance, installs it with
 * the package manager, checks that what was installed is what was verified,
 * then loads and greets with it in an isolated process. Any refusal before
 * the install runs nothing; a failed check uninstalls it again and puts
 * package.json and the lockfile back byte for byte.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const argument = context.args.positionals[0]!;
  const name = conventionalPackageName(argument);
  const target = findInstallTarget(context, 'add', argument);
  const registry = target.registry(name);
  const session = createVerificationSession(trustSettingsOf(await context.createHost().config()));
  // The registry's keys are read while the packument comes.
  session.keys(registry).catch(() => undefined);
  const progress = progressOf(context);
  progress(`looking up ${name} on ${displayText(registry.url)}`);
  const packument = await fetchPackument(registry, name);
  if (packument === undefined) {
    throw new GreeterError('GREETER_PLUGIN_NOT_FOUND', `There is no package ${name} on the registry ${displayText(registry.url)}; nothing was installed.`, {
      hint: `Run \`greeter search ${argument}\` to see the plugins published there.`,
    });
  }
  const plugin = compatibleVersion(packument, registry);
  const notLatest = notLatestOf(packument, plugin);
  const note = (text: string) => void context.stderr.write(`${context.paint.stderr('dim', 'greeter:')} ${text}\n`);
  if (notLatest)
    note(
      `${name} ${displayText(notLatest.latest, 40)} (latest) ${notLatest.reason === 'incompatible' ? `does not support @greeter/core ${coreVersion}` : 'is not a Greeter plugin'}; installing ${displayText(plugin.version, 40)}, the newest version that is.`,
    );
  if (target.global && !target.global.greeterIsThere)
    note(`greeter itself is not installed globally; adding ${name} to ${target.manager.name}'s global folder ${displayText(target.global.location().folder)}.`);
  progress(`verifying the signature and provenance of ${name} ${displayText(plugin.version, 40)}`);
  const verified = await verifyVersion(session, { registry, packument, version: plugin.version });
  const { languages, greeting, installed } = await installVerified(context, target, verified, note);
  if (!installed.integrity) {
    note(
      `${target.manager.name} keeps no record of the tarball's integrity here; greeter checked that it installed ${name} ${displayText(plugin.version, 40)}.`,
    );
  }
  if (context.args.json) {
    const added = { name, version: plugin.version ?? null, languages };
    return { exitCode: 0, stdout: jsonText({ schemaVersion: 1, ok: true, added, greeting, notLatest: notLatest ?? null, ...verifiedJson(verified) }) };
  }
  const result = `Added ${name} ${displayText(plugin.version, 40)}: \`greeter ${displayText(languages[0] ?? name, 64)}\` says ${displayText(greeting, 200)}`;
  return { exitCode: 0, stdout: `${[result, ...verifiedLines(verified, registry.url)].join('\n')}\n` };
}

function compatibleVersion(packument: Packument, registry: Registry): PublishedPlugin {
  const choice = chooseVersion(packument, coreVersion);
  if (choice.kind === 'compatible') return choice.plugin;
  const { name } = packument;
  if (choice.kind === 'not-a-plugin') {
    throw new GreeterError(
      'GREETER_PLUGIN_INVALID',
      `${name} on the registry ${displayText(registry.url)} is not a Greeter plugin: no version has the "greeter-plugin" keyword or a "greeterPlugin" manifest. Nothing was installed.`,
      { hint: 'Run `greeter search` to see the plugins published there.' },
    );
  }
  const { newest } = choice;
  const reason = newest.compatibility.compatible ? 'out-of-range' : newest.compatibility.reason;
  throw incompatibleError(
    { name, version: newest.version, range: newest.coreRange, reason },
    coreVersion,
    `No published version of ${name} supports @greeter/core ${coreVersion}, so nothing was installed. Ask its author for one, or use a greeter the plugin supports.`,
  );
}

function notLatestOf(packument: Packument, plugin: PublishedPlugin): NotLatest | undefined {
  const latest = packument['dist-tags']['latest'];
  if (typeof latest !== 'string' || latest === plugin.version) return undefined;
  const manifest = packument.versions[latest];
  return { latest, reason: manifest !== undefined && isPluginManifest(manifest) ? 'incompatible' : 'not-a-plugin' };
}
