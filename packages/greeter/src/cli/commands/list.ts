import { displayText } from '@greeter/core';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { renderTable } from '../table.js';
import { measureFor } from '../text-width.js';
import { brokenJson, configJson, permissionsText, pluginJson } from '../plugin-json.js';
import { findPluginTrust } from '../plugin-trust.js';
import { withProgress } from '../progress.js';
import { trustLine } from '../trust-text.js';

type Row = {
  language: string;
  aliases: string;
  name: string;
  version: string;
  source: string;
  status: string;
  runs: string;
  permissions: string;
  path: string;
};

/**
 * `greeter list [--long] [--json]`: every plugin discovery found, each once,
 * from package.json files alone — nothing is imported, and without --long
 * nothing is asked of the network. Broken plugins are listed as broken;
 * `--long` adds paths, shadowed copies, and each plugin's registry signature
 * and provenance, re-verified from its registry.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const { config, discovery, plugins } = await context.createHost().list();
  const long = context.args.flags['long'] === true;
  const trust =
    long && plugins.length > 0
      ? await withProgress(
          context,
          'Verifying each plugin with its registry',
          findPluginTrust(
            plugins.map(({ candidate }) => candidate),
            { cwd: context.cwd, env: context.env, config },
          ),
        )
      : new Map();
  if (context.args.json) {
    const entries = [
      ...plugins.map((plugin) => pluginJson(plugin.candidate, plugin.status, undefined, plugin, trust.get(plugin.candidate.realPath))),
      ...discovery.problems.map(brokenJson),
    ];
    const document = {
      schemaVersion: 1,
      ok: entries.every((entry) => entry.ok),
      config: configJson(config),
      searched: discovery.searched,
      notes: discovery.notes,
      plugins: entries,
    };
    return { exitCode: 0, stdout: jsonText(document) };
  }
  const rows: Row[] = [
    ...plugins.map((plugin) => ({
      language: plugin.candidate.languages[0] ?? '-',
      aliases: plugin.candidate.languages.slice(1).join(', ') || '-',
      name: plugin.candidate.name,
      version: plugin.candidate.version ?? '-',
      source: plugin.candidate.source,
      status: plugin.status,
      runs: plugin.isolated ? 'isolated' : 'in-process',
      permissions: permissionsText(plugin.candidate, plugin),
      path: plugin.candidate.realPath,
    })),
    ...discovery.problems.map((problem) => ({
      language: '-',
      aliases: '-',
      name: problem.name ?? problem.path,
      version: problem.version ?? '-',
      source: problem.source,
      status: 'broken',
      runs: '-',
      permissions: '-',
      path: problem.path,
    })),
  ];
  if (rows.length === 0) return { exitCode: 0, stdout: `No plugins found.${notes(discovery.notes)}\n` };
  const header: Row = {
    language: 'LANGUAGE',
    aliases: 'ALIASES',
    name: 'PACKAGE',
    version: 'VERSION',
    source: 'SOURCE',
    status: 'STATUS',
    runs: 'RUNS',
    permissions: 'PERMISSIONS',
    path: 'PATH',
  };
  const keys: Array<keyof Row> = ['language', 'aliases', 'name', 'version', 'source', 'status', ...(long ? (['runs', 'permissions', 'path'] as const) : [])];
  const cells = [header, ...rows].map((row) => keys.map((key) => displayText(row[key], 120)));
  const lines = renderTable(cells, await measureFor(cells.flat()), context.paint.stdout);
  for (const problem of discovery.problems) {
    lines.push(
      `${context.paint.stdout('red', 'broken')} ${displayText(problem.name ?? problem.path)}: ${displayText(problem.error.message, 400)} [${problem.error.code}]`,
    );
  }
  if (long) {
    for (const { candidate } of plugins) {
      const report = trust.get(candidate.realPath);
      if (report) lines.push(`${displayText(candidate.name)} ${displayText(candidate.version ?? '')}: ${trustLine(report)}`);
    }
    for (const { candidate } of plugins) {
      for (const copy of candidate.shadows) {
        lines.push(
          `${displayText(candidate.name)} ${displayText(candidate.version ?? '')} (${candidate.source}) shadows ${displayText(copy.version ?? '')} (${copy.source}) at ${displayText(copy.path)}`,
        );
      }
    }
  }
  return { exitCode: 0, stdout: `${lines.join('\n')}${notes(discovery.notes)}\n` };
}

function notes(list: string[]): string {
  return list.map((note) => `\nnote: ${displayText(note, 400)}`).join('');
}
