import { coreVersion, displayText, errorFrom } from '@greeter/core';
import { askedPermissions } from '@greeter/host/internal';
import { registryMessages } from '@greeter/core/messages';
import { fetchPackument } from '../../registry/fetch-packument.js';
import { createVerificationSession, trustSettingsOf, verifyVersion } from '../../registry/verify-version.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { withProgress } from '../progress.js';
import { verifiedJson, verifiedLines } from '../trust-text.js';
import { conventionalPackageName, findInstallTarget } from './_change-plugins.js';
import { decideGrant, writeGrant } from './_grant-permissions.js';
import { chooseCompatibleVersion, installPlugin, noteOn } from './_install-plugin.js';

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
  const target = findInstallTarget(context, 'add');
  const registry = target.registry(name);
  const config = await context.createHost().config();
  const session = createVerificationSession(trustSettingsOf(config));
  // The registry's keys are read while the packument comes.
  session.keys(registry).catch(() => undefined);
  const packument = await withProgress(context, `Looking up ${name} on ${displayText(registry.url)}`, fetchPackument(registry, name));
  if (packument === undefined) {
    throw errorFrom(registryMessages.noSuchPackage, { name, registry: registry.url, argument });
  }
  const { plugin, notLatest } = chooseCompatibleVersion(packument, registry);
  const note = noteOn(context);
  if (notLatest)
    note(
      `${name} ${displayText(notLatest.latest, 40)} (latest) ${notLatest.reason === 'incompatible' ? `does not support @greeter/core ${coreVersion}` : 'is not a Greeter plugin'}; installing ${displayText(plugin.version, 40)}, the newest version that is.`,
    );
  if (target.global && !target.global.greeterIsThere)
    note(`greeter itself is not installed globally; adding ${name} to ${target.manager.name}'s global folder ${displayText(target.global.location().folder)}.`);
  const verified = await withProgress(
    context,
    `Verifying the signature and provenance of ${name} ${displayText(plugin.version, 40)}`,
    verifyVersion(session, { registry, packument, version: plugin.version }),
  );
  const asked = askedPermissions(packument.versions[plugin.version] ?? {});
  const grant = await decideGrant(context, name, asked, config);
  const { languages, greeting } = await installPlugin(context, target, verified, { note, done: 'added', grant: grant.granted });
  const grantFile = grant.write ? writeGrant(context, config, name, grant.granted) : undefined;
  const permissions = { asked: grant.asked, granted: grant.granted };
  if (context.args.json) {
    const added = { name, version: plugin.version ?? null, languages };
    const document = { schemaVersion: 1, ok: true, added, greeting, notLatest: notLatest ?? null, permissions, ...verifiedJson(verified) };
    return { exitCode: 0, stdout: jsonText(document) };
  }
  const result = `Added ${name} ${displayText(plugin.version, 40)}: \`greeter ${displayText(languages[0] ?? name, 64)}\` says ${displayText(greeting, 200)}`;
  const granted = grantFile ? [`  granted: ${permissionsText(grant.granted)} (written to ${displayText(grantFile)})`] : [];
  return { exitCode: 0, stdout: `${[result, ...verifiedLines(verified, registry.url), ...granted].join('\n')}\n` };
}

function permissionsText({ net, env }: { net: boolean; env: readonly string[] }): string {
  return [...(net ? ['the network'] : []), ...env.map((variable) => displayText(variable, 64))].join(', ');
}
