import { displayText } from '@greeter/core';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { renderTable } from '../table.js';
import { measureFor } from '../text-width.js';
import { brokenJson, configJson, permissionsText, pluginJson } from '../plugin-json.js';

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
 * from package.json files alone — nothing is imported. Broken plugins are
 * listed as broken; `--long` adds paths and shadowed copies.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const { config, discovery, plugins } = await context.createHost().list();
  if (context.args.json) {
    const entries = [...plugins.map((plugin) => pluginJson(plugin.candidate, plugin.status, undefined, plugin)), ...discovery.problems.map(brokenJson)];
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
  const long = context.args.flags['long'] === true;
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
      version: '-',
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
