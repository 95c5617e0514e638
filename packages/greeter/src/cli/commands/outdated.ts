import { displayText } from '@greeter/core';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { renderTable } from '../table.js';
import { measureFor } from '../text-width.js';
import { findInstallTarget } from './_change-plugins.js';
import { installedPlugins, isNewer, isOutdated, reportVersions, type VersionReport } from './_installed-plugins.js';

/**
 * `greeter outdated [-g] [--json]`: the project's plugins (or the global
 * ones) that have a newer version on the registry: the version installed,
 * the newest compatible with this greeter (what `greeter update` installs)
 * and the newest. JSON lists every plugin checked, each with `outdated`.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const target = findInstallTarget(context, 'check');
  const reports = await reportVersions(context, target, await installedPlugins(context, target));
  if (context.args.json) {
    return { exitCode: 0, stdout: jsonText({ schemaVersion: 1, ok: true, global: target.root === undefined, plugins: reports.map(reportJson) }) };
  }
  const outdated = reports.filter(isOutdated);
  if (outdated.length === 0) {
    const checked = reports.length === 1 ? 'the 1 plugin' : `all ${reports.length} plugins`;
    return { exitCode: 0, stdout: reports.length === 0 ? 'No plugins installed here to check.\n' : `Up to date: ${checked} installed here.\n` };
  }
  const header = ['PACKAGE', 'CURRENT', 'COMPATIBLE', 'LATEST', 'LANGUAGE'];
  const rows = outdated.map((report) => [
    report.candidate.name,
    report.current ?? '-',
    report.compatible ?? '-',
    report.latest ?? '-',
    report.candidate.languages[0] ?? '-',
  ]);
  const cells = [header, ...rows].map((row) => row.map((cell) => displayText(cell, 80)));
  const lines = renderTable(cells, await measureFor(cells.flat()), context.paint.stdout);
  const updatable = outdated.filter((report) => isNewer(report.compatible, report.current)).length;
  const footer =
    updatable === 0
      ? 'No newer version supports this greeter yet.'
      : `\`greeter update${target.root === undefined ? ' -g' : ''}\` installs the compatible version${updatable === 1 ? '' : 's'}.`;
  return { exitCode: 0, stdout: `${lines.join('\n')}\n${footer}\n` };
}

function reportJson(report: VersionReport) {
  const { candidate } = report;
  return {
    name: candidate.name,
    languages: candidate.languages,
    source: candidate.source,
    current: report.current ?? null,
    compatible: report.compatible,
    latest: report.latest,
    outdated: isOutdated(report),
    registry: report.registry,
  };
}
