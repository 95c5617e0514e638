import path from 'node:path';
import { GreeterError, coreVersion, displayText, isGreeterError } from '@greeter/core';
import { formatCommand, incompatibleError } from '@greeter/host/stages';
import { chooseVersion, isPluginManifest, type PublishedPlugin } from '../../registry/choose-version.js';
import { fetchPackument, type Packument } from '../../registry/fetch-packument.js';
import type { Registry } from '../../registry/find-registry.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import {
  conventionalPackageName,
  dependencyOf,
  findInstallTarget,
  installedFolder,
  readPackageJson,
  restoreFiles,
  runPackageManager,
  snapshotFiles,
  type InstallTarget,
} from './_change-plugins.js';

/** Why the version installed is not the `latest` dist-tag. */
interface NotLatest {
  latest: string;
  reason: 'incompatible' | 'not-a-plugin';
}

/** How the isolated check of the plugin just installed went. */
type CheckOutcome = { ok: true; languages: string[]; greeting: string } | { ok: false; error: GreeterError };

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
  const target = findInstallTarget(context, 'add', argument);
  const registry = target.registry(name);
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

  const { languages, greeting } = await installChecked(context, target, name, plugin.version, note);
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

/**
 * Installs exactly `name@version`, then checks it in isolation; when the
 * check fails (or cannot run), the previous state is put back: the plugin
 * uninstalled (or its earlier version reinstalled) and package.json and the
 * lockfile restored byte for byte.
 */
async function installChecked(
  context: CommandContext,
  target: InstallTarget,
  name: string,
  version: string,
  note: (text: string) => void,
): Promise<{ languages: string[]; greeting: string }> {
  const { argv, env } = target.command('add', `${name}@${version}`);
  const cwd = target.root ?? context.cwd;
  const managerEnv = { ...context.env, ...env };
  const before = previousSpec(target, name);
  const snapshot = snapshotFiles(target.files);
  try {
    await runPackageManager(argv, cwd, managerEnv);
  } catch (error) {
    restoreFiles(snapshot);
    throw error;
  }
  const undo = async (reason: string) => {
    note(`${name} ${displayText(version, 40)} ${reason}; ${before ? 'putting back the version installed before' : 'uninstalling it again'}.`);
    try {
      await runPackageManager(before ? target.command('add', `${name}@${before}`).argv : target.command('remove', name).argv, cwd, managerEnv);
    } finally {
      restoreFiles(snapshot);
    }
  };
  let health: CheckOutcome;
  try {
    health = await checkInstalled(context, target, name, env);
  } catch (error) {
    await undo('could not be checked');
    throw error;
  }
  if (!health.ok) {
    await undo(`failed its check (${health.error.code})`);
    // The check always isolates: the plugin's own hint (--no-isolate) does not apply here.
    throw new GreeterError(health.error.code, health.error.message, {
      hint: `${name} was not added: package.json and the lockfile are as they were. If you trust it anyway, install it yourself: \`${formatCommand(argv)}\`.`,
      cause: health.error,
    });
  }
  return health;
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

// What to put back when the new version fails its check: the range the
// project's package.json named, or the version in the global folder.
function previousSpec(target: InstallTarget, name: string): string | undefined {
  if (target.root !== undefined) return dependencyOf(path.join(target.root, 'package.json'), name);
  const folder = installedFolder(target, name);
  const version = folder === undefined ? undefined : readPackageJson(path.join(folder, name, 'package.json'))?.['version'];
  return typeof version === 'string' ? version : undefined;
}

/** Loads and greets with the plugin just installed, isolated, from where it was installed (no config, no other source). */
async function checkInstalled(context: CommandContext, target: InstallTarget, name: string, env: Record<string, string>): Promise<CheckOutcome> {
  const folder = installedFolder(target, name);
  const host = context.createHost({
    cwd: folder ? path.dirname(folder) : (target.root ?? context.cwd),
    config: null,
    plugins: [],
    global: false,
    env: { ...context.env, ...env },
  });
  try {
    const health = await host.check(await host.resolve(name));
    if (health.ok) return { ok: true, languages: health.candidate.languages, greeting: health.greeting ?? '' };
    if (health.error) return { ok: false, error: health.error };
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    return { ok: false, error };
  }
  throw new Error(`The check of ${name} failed without an error`);
}
