import path from 'node:path';
import { GreeterError, displayText, isGreeterError } from '@greeter/core';
import { formatCommand } from '@greeter/host/stages';
import type { VerifiedVersion } from '../../registry/verification.js';
import type { CommandContext } from '../context.js';
import { checkInstalledIsVerified, type InstalledCheck } from './_installed-is-verified.js';
import { dependencyOf, installedFolder, readPackageJson, restoreFiles, runPackageManager, snapshotFiles, type InstallTarget } from './_change-plugins.js';

/** How the isolated check of the plugin just installed went. */
type CheckOutcome = { ok: true; languages: string[]; greeting: string } | { ok: false; error: GreeterError };

/**
 * Installs exactly the version `verified` names with the target's package
 * manager, checks that what it installed is that version at that integrity
 * (before any of its code runs), then loads and greets with it in an
 * isolated process. When a check fails, or cannot run, the previous state is
 * put back: the plugin uninstalled (or its earlier version reinstalled) and
 * package.json and the lockfile restored byte for byte. `greeter add` and
 * `greeter update` install through this.
 */
export async function installVerified(
  context: CommandContext,
  target: InstallTarget,
  verified: VerifiedVersion,
  note: (text: string) => void,
): Promise<{ languages: string[]; greeting: string; installed: InstalledCheck }> {
  const { name, version } = verified;
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
  let installed: InstalledCheck;
  try {
    installed = checkInstalledIsVerified(target, verified, argv[0]!);
  } catch (error) {
    await undo('is not what greeter verified');
    throw error;
  }
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
  return { ...health, installed };
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
