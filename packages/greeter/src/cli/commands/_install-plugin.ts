import path from 'node:path';
import { GreeterError, coreVersion, displayText, errorFrom, isGreeterError, type PluginPermissions } from '@greeter/core';
import { formatCommand } from '@greeter/host/internal';
import { installHints, registryMessages } from '@greeter/core/messages';
import { chooseVersion, isPluginManifest, type PublishedPlugin } from '../../registry/choose-version.js';
import type { Packument } from '../../registry/fetch-packument.js';
import type { Registry } from '../../registry/find-registry.js';
import type { VerifiedVersion } from '../../registry/verification.js';
import type { CommandContext } from '../context.js';
import { installedFolder, readPackageJson, type InstallTarget } from './_change-plugins.js';
import { checkInstalledIsVerified, type InstalledCheck } from './_installed-is-verified.js';
import { restoreFiles, runPackageManager, snapshotFiles } from './_run-package-manager.js';

// The install both `greeter add` and `greeter update` run: the version
// chosen on the registry and verified there (signature, provenance),
// installed exactly, checked to be what was verified and then in
// isolation, rolled back when a check fails. The one place a version is
// installed.

/** Why the version installed is not the `latest` dist-tag. */
export interface NotLatest {
  latest: string;
  reason: 'incompatible' | 'not-a-plugin';
}

/** The version to install and, when it is not `latest`, why. */
export interface ChosenVersion {
  plugin: PublishedPlugin;
  notLatest: NotLatest | undefined;
}

/** How the isolated check of the plugin just installed went. */
type CheckOutcome = { ok: true; languages: string[]; greeting: string } | { ok: false; error: GreeterError };

/**
 * The newest version of a package that is a plugin compatible with this
 * greeter.
 *
 * @throws GreeterError `GREETER_PLUGIN_INVALID` when no version is a plugin,
 *   `GREETER_PLUGIN_INCOMPATIBLE` when none supports this greeter.
 */
export function chooseCompatibleVersion(packument: Packument, registry: Registry): ChosenVersion {
  const plugin = compatibleVersion(packument, registry);
  return { plugin, notLatest: notLatestOf(packument, plugin) };
}

/** Writes a note on stderr (`greeter: …`). */
export function noteOn(context: CommandContext): (text: string) => void {
  return (text) => void context.stderr.write(`${context.paint.stderr('dim', 'greeter:')} ${text}\n`);
}

/**
 * Installs exactly the version `verified` names, checks that what the
 * package manager installed is that version at that integrity (before any
 * of its code runs), then loads and greets with it in isolation; when a
 * check fails (or cannot run), the previous state is put back: the plugin
 * uninstalled (or its earlier version reinstalled) and package.json and the
 * lockfile restored byte for byte.
 */
export async function installPlugin(
  context: CommandContext,
  target: InstallTarget,
  verified: VerifiedVersion,
  options: {
    note: (text: string) => void;
    done: 'added' | 'updated';
    previous?: string | undefined;
    /** What the plugin is granted (config `permissions`), for its isolated check. */
    grant?: Required<PluginPermissions> | undefined;
  },
): Promise<{ languages: string[]; greeting: string; installed: InstalledCheck }> {
  const { note, done } = options;
  const { name, version } = verified;
  const { argv, env } = target.command('add', `${name}@${version}`);
  const { cwd } = target;
  const before = options.previous ?? previousVersion(target, name);
  const snapshot = snapshotFiles(target.files);
  try {
    await runPackageManager(argv, cwd, env, target.registry(name));
  } catch (error) {
    restoreFiles(snapshot);
    throw error;
  }
  const undo = async (reason: string) => {
    note(`${name} ${displayText(version, 40)} ${reason}; ${before ? 'putting back the version installed before' : 'uninstalling it again'}.`);
    try {
      await runPackageManager(before ? target.command('add', `${name}@${before}`).argv : target.command('remove', name).argv, cwd, env);
    } finally {
      restoreFiles(snapshot);
    }
  };
  let installed: InstalledCheck;
  try {
    installed = await checkInstalledIsVerified(target, target.registry(name), verified, argv[0]!);
  } catch (error) {
    await undo('is not what greeter verified');
    throw error;
  }
  if (installed.compared === 'version') {
    note(`${target.manager.name} keeps no record of the tarball's integrity here; greeter checked that it installed ${name} ${displayText(version, 40)}.`);
  }
  let health: CheckOutcome;
  try {
    health = await checkInstalled(context, target, name, env, options.grant);
  } catch (error) {
    await undo('could not be checked');
    throw error;
  }
  if (!health.ok) {
    await undo(`failed its check (${health.error.code})`);
    // The check always isolates: the plugin's own hint (--no-isolate) does not apply here.
    const { code, message } = health.error;
    throw GreeterError.from({ code, message, hint: installHints.checkFailed({ name, done, command: formatCommand(argv) }) }, health.error);
  }
  return { ...health, installed };
}

function compatibleVersion(packument: Packument, registry: Registry): PublishedPlugin {
  const choice = chooseVersion(packument, coreVersion);
  if (choice.kind === 'compatible') return choice.plugin;
  const { name } = packument;
  if (choice.kind === 'not-a-plugin') {
    throw errorFrom(registryMessages.notAPlugin, { name, registry: registry.url });
  }
  const { newest } = choice;
  const reason = newest.compatibility.compatible ? 'out-of-range' : newest.compatibility.reason;
  throw errorFrom(registryMessages.noCompatibleVersion, { name, version: newest.version, range: newest.coreRange, reason, coreVersion });
}

function notLatestOf(packument: Packument, plugin: PublishedPlugin): NotLatest | undefined {
  const latest = packument['dist-tags']['latest'];
  if (typeof latest !== 'string' || latest === plugin.version) return undefined;
  const manifest = packument.versions[latest];
  return { latest, reason: manifest !== undefined && isPluginManifest(manifest) ? 'incompatible' : 'not-a-plugin' };
}

// What to put back when the new version fails its check: the version
// installed before, exactly (the range in package.json could now mean the
// version that failed; package.json itself is restored byte for byte).
function previousVersion(target: InstallTarget, name: string): string | undefined {
  const folder = installedFolder(target, name);
  const version = folder === undefined ? undefined : readPackageJson(path.join(folder, name, 'package.json'))?.['version'];
  return typeof version === 'string' ? version : undefined;
}

/** Loads and greets with the plugin just installed, isolated, from where it was installed (no config, no other source). */
async function checkInstalled(
  context: CommandContext,
  target: InstallTarget,
  name: string,
  env: Record<string, string | undefined>,
  grant: Required<PluginPermissions> | undefined,
): Promise<CheckOutcome> {
  const folder = installedFolder(target, name);
  const cwd = folder ? path.dirname(folder) : (target.root ?? context.cwd);
  const host = context.createHost({
    cwd,
    // No config of the project's, but the grant the user gives the plugin.
    config: grant ? { filepath: path.join(cwd, '.greeterrc.json'), config: { permissions: { [name]: grant } } } : null,
    plugins: [],
    global: false,
    env,
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
