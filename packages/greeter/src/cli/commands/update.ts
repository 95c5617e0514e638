import { displayText, errorFrom, isGreeterError, parseLanguageRequest } from '@greeter/core';
import { installMessages } from '@greeter/core/messages';
import type { PluginCandidate } from '@greeter/host';
import { formatCommand, packageCommand } from '@greeter/host/internal';
import type { CommandContext, CommandResult } from '../context.js';
import { createVerificationSession, trustSettingsOf, verifyVersion } from '../../registry/verify-version.js';
import { jsonText } from '../output.js';
import { withProgress } from '../progress.js';
import { verifiedJson, verifiedLines } from '../trust-text.js';
import { findInstallTarget, type InstallTarget } from './_change-plugins.js';
import { findInstalled, installedPlugins, isNewer, reportVersions } from './_installed-plugins.js';
import { installPlugin, noteOn } from './_install-plugin.js';

/** One plugin `greeter update` moved to a newer version, and what it says now. */
interface Updated {
  name: string;
  from: string | null;
  to: string;
  languages: string[];
  greeting: string;
  /** What was verified before it was installed: signature and provenance. */
  verified: ReturnType<typeof verifiedJson>;
}

/**
 * `greeter update [-g] [plugin…]`: each named plugin (every installed one
 * when none is named) to the newest version compatible with this greeter,
 * verified, installed exactly and checked as `greeter add` installs (the
 * same function), one at a time. A plugin whose new version fails its
 * check is put back as it was, and the command stops there with its error.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const named = context.args.positionals;
  // Checked as `greeter add` checks its argument, before any file is read.
  for (const argument of named) parseLanguageRequest(argument);
  const target = findInstallTarget(context, 'update');
  const installed = await installedPlugins(context, target);
  const chosen = named.length === 0 ? installed : [...new Set(await Promise.all(named.map((argument) => namedPlugin(context, argument, installed, target))))];
  const reports = await reportVersions(context, target, chosen);
  const note = noteOn(context);
  const session = createVerificationSession(trustSettingsOf(await context.createHost({ cwd: target.cwd }).config()));
  const updated: Updated[] = [];
  // What add prints under its result, for each plugin updated: the signature and provenance verified.
  const trustLines = new Map<string, string[]>();
  for (const report of reports.filter((candidate) => isNewer(candidate.compatible, candidate.current))) {
    const { name } = report.candidate;
    const to = report.compatible!;
    try {
      const verified = await withProgress(
        context,
        `Verifying the signature and provenance of ${name} ${displayText(to, 40)}`,
        verifyVersion(session, { registry: report.source, packument: report.packument!, version: to }),
      );
      const { languages, greeting } = await installPlugin(context, target, verified, { note, done: 'updated', previous: report.current });
      updated.push({ name, from: report.current ?? null, to, languages, greeting, verified: verifiedJson(verified) });
      trustLines.set(name, verifiedLines(verified, report.source.url));
    } catch (error) {
      if (updated.length > 0) note(`updated before ${name} failed: ${updated.map((done) => `${done.name} ${displayText(done.to, 40)}`).join(', ')}.`);
      throw error;
    }
  }
  const current = reports.filter((report) => !updated.some((done) => done.name === report.candidate.name));
  if (context.args.json) {
    const upToDate = current.map((report) => ({ name: report.candidate.name, version: report.current ?? null, latest: report.latest }));
    return { exitCode: 0, stdout: jsonText({ schemaVersion: 1, ok: true, updated, upToDate }) };
  }
  const lines = updated.flatMap((done) => [
    `Updated ${done.name} ${displayText(done.from ?? '?', 40)} → ${displayText(done.to, 40)}: \`greeter ${displayText(done.languages[0] ?? done.name, 64)}\` says ${displayText(done.greeting, 200)}`,
    ...(trustLines.get(done.name) ?? []),
  ]);
  if (current.length > 0)
    lines.push(`Up to date: ${current.map((report) => `${report.candidate.name} ${displayText(report.current ?? '?', 40)}`).join(', ')}.`);
  if (reports.length === 0) lines.push('No plugins installed here to update.');
  return { exitCode: 0, stdout: `${lines.join('\n')}\n` };
}

// The installed plugin an argument names; a built-in one (english) is
// updated with greeter itself, and the error says so.
async function namedPlugin(context: CommandContext, argument: string, installed: readonly PluginCandidate[], target: InstallTarget): Promise<PluginCandidate> {
  const where = target.root ?? target.global!.location().folder;
  try {
    return findInstalled(argument, installed, where);
  } catch (error) {
    const resolved = await context
      .createHost()
      .resolve(argument)
      .catch(() => undefined);
    if (!isGreeterError(error) || resolved?.source !== 'builtin') throw error;
    const command = formatCommand(packageCommand(target.manager, 'add', 'greeter@latest', target.global?.install));
    throw errorFrom(installMessages.builtIn, { argument, name: resolved.name, version: resolved.version, where, command }, { cause: error });
  }
}
