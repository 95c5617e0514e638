import { coreVersion, displayText, errorFrom, isGreeterError } from '@greeter/core';
import { checkCompatibility } from '@greeter/host/stages';
import { registryMessages } from '@greeter/core/messages';
import { chooseVersion } from '../../registry/choose-version.js';
import { fetchPackument, type Packument } from '../../registry/fetch-packument.js';
import { reportVersion } from '../../registry/report-version.js';
import { createVerificationSession, trustSettingsOf } from '../../registry/verify-version.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { withProgress } from '../progress.js';
import { conventionalPackageName } from './_change-plugins.js';
import { registryHere } from './_registry-here.js';
import { noteOn } from './_install-plugin.js';
import { infoJson, type PluginInfo } from './_plugin-info.js';
import { renderInfo } from './_render-info.js';

/**
 * `greeter info <language|package>`: one plugin in full, from its installed
 * package.json (the copy `greeter <language>` would use: manifest,
 * languages, source, status, compatibility, permissions asked and granted)
 * and from the registry (its newest compatible and newest versions). A
 * plugin that is not installed is described from the registry alone; an
 * installed one is described even when the registry cannot be reached.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const argument = context.args.positionals[0]!;
  const installed = await findInstalledPlugin(context, argument);
  const name = installed?.plugin.candidate.name ?? conventionalPackageName(argument);
  const registry = registryHere(context, name);
  let packument: Packument | undefined;
  try {
    packument = await withProgress(context, `Looking up ${name} on ${displayText(registry.url)}`, fetchPackument(registry, name));
  } catch (error) {
    if (!(installed && isGreeterError(error) && error.code === 'GREETER_REGISTRY_UNREACHABLE')) throw error;
    noteOn(context)(`${displayText(error.message, 400)} Showing the installed copy alone.`);
  }
  if (installed === undefined && packument === undefined) {
    throw errorFrom(registryMessages.neitherInstalledNorPublished, { name, registry: registry.url, argument });
  }
  const choice = packument === undefined ? undefined : chooseVersion(packument, coreVersion);
  // The version greeter would use, or the one `greeter add` would install, verified from the registry as doctor does.
  const version = installed?.plugin.candidate.version ?? (choice?.kind === 'compatible' ? choice.plugin.version : undefined);
  const session = createVerificationSession(trustSettingsOf(installed?.config ?? null));
  const trust = version === undefined || packument === undefined ? undefined : await reportVersion(session, registry, name, version);
  const info: PluginInfo = {
    name,
    installed,
    registry: packument === undefined || choice === undefined ? undefined : { registry, packument, choice },
    trust,
  };
  return { exitCode: 0, stdout: context.args.json ? jsonText(infoJson(info)) : renderInfo(info, context.paint.stdout) };
}

// The copy `greeter <argument>` would use, from package.json files alone; none when nothing installed answers to it.
async function findInstalledPlugin(context: CommandContext, argument: string): Promise<PluginInfo['installed']> {
  const host = context.createHost();
  try {
    const candidate = await host.resolve(argument);
    const compatibility = checkCompatibility(candidate.coreRange, coreVersion);
    const config = await host.config();
    const placement = await host.placement(candidate);
    return { plugin: { candidate, ...placement, compatibility, status: compatibility.compatible ? 'ok' : 'incompatible' }, config };
  } catch (error) {
    if (isGreeterError(error) && error.code === 'GREETER_PLUGIN_NOT_FOUND') return undefined;
    throw error;
  }
}
