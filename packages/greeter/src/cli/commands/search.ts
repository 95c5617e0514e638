import { coreVersion, displayName, displayText, isGreeterError } from '@greeter/core';
import type { ListedPlugin } from '@greeter/host';
import { searchPlugins } from '../../registry/search-registry.js';
import { rememberSearched } from '../../registry/searched-names.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { withProgress } from '../progress.js';
import { renderTable } from '../table.js';
import { fixedWidth, measureFor } from '../text-width.js';
import { registryHere } from './_registry-here.js';

type Row = { name: string; version: string; languages: string; compatible: string; installed: string; description: string };

/**
 * `greeter search [term] [--json]`: the Greeter plugins published on the
 * project's registry, each with the version `greeter add` would install,
 * its languages, whether it is compatible with this greeter, and the
 * version installed here, if any.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const term = context.args.positionals[0];
  const registry = registryHere(context);
  // --registry names one registry for every package; otherwise a scope may have its own.
  const registryFor = (name: string) => (name.startsWith('@') && registry.source !== '--registry' ? registryHere(context, name) : registry);
  const [plugins, installed] = await withProgress(
    context,
    `Searching ${displayText(registry.url)}`,
    Promise.all([searchPlugins(registry, { term, coreVersion, registryFor }), installedVersions(context)]),
  );
  rememberSearched(context.env, plugins);
  const results = plugins.map((plugin) => ({
    name: plugin.name,
    version: plugin.version,
    description: plugin.description ?? null,
    languages: plugin.languages,
    // A plugin claiming a command word would be listed as broken once installed: not usable, whatever its range.
    compatible: plugin.compatibility.compatible && plugin.reserved.length === 0,
    status: plugin.reserved.length > 0 ? ('reserved' as const) : plugin.compatibility.compatible ? ('compatible' as const) : ('incompatible' as const),
    reserved: plugin.reserved,
    installed: installed.has(plugin.name),
    installedVersion: installed.get(plugin.name) ?? null,
  }));
  if (context.args.json) return { exitCode: 0, stdout: jsonText({ schemaVersion: 1, ok: true, registry: registry.url, term: term ?? null, plugins: results }) };
  if (results.length === 0) {
    return { exitCode: 0, stdout: `No Greeter plugins found on ${displayText(registry.url)}${term === undefined ? '' : ` for ${displayName(term)}`}.\n` };
  }
  const rows: Row[] = results.map((result) => ({
    name: result.name,
    version: result.version,
    languages: result.languages.join(', ') || '-',
    compatible: result.compatible ? 'yes' : result.status === 'reserved' ? `no (claims ${result.reserved.join(', ')})` : 'no',
    installed: result.installed ? (result.installedVersion ?? '?') : '-',
    description: result.description ?? '',
  }));
  const header: Row = {
    name: 'NAME',
    version: 'VERSION',
    languages: 'LANGUAGES',
    compatible: 'COMPATIBLE',
    installed: 'INSTALLED',
    description: 'DESCRIPTION',
  };
  const keys: Array<keyof Row> = ['name', 'version', 'languages', 'compatible', 'installed', 'description'];
  // Every cell is untrusted registry text, escaped before it is measured.
  const fixed = [header, ...rows].map((row) => keys.slice(0, -1).map((key) => displayText(row[key], 80)));
  const width = await measureFor(fixed.flat());
  const used = fixed[0]!.reduce((sum, _cell, column) => sum + Math.max(...fixed.map((row) => width(row[column]!))) + 2, 0);
  // The description is cut to what is left of the line (the terminal's width, 80 elsewhere), at least 20.
  const room = Math.max(20, context.stdoutWidth() - used);
  const cells = [header, ...rows].map((row, index) => [...fixed[index]!, cutToWidth(displayText(row.description, 400), room)]);
  return { exitCode: 0, stdout: `${renderTable(cells, await measureFor(cells.flat()), context.paint.stdout).join('\n')}\n` };
}

// `text` cut to `room` cells, ending in … when cut.
function cutToWidth(text: string, room: number): string {
  if (fixedWidth(text) <= room) return text;
  let cut = '';
  for (const character of text) {
    if (fixedWidth(`${cut}${character}`) > room - 1) break;
    cut += character;
  }
  return `${cut}…`;
}

// Installed plugins by name (the copy greeter would use), from package.json
// files alone; a broken config does not keep search from running.
async function installedVersions(context: CommandContext): Promise<Map<string, string | undefined>> {
  let listed: ListedPlugin[];
  try {
    listed = (await context.createHost().list()).plugins;
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    listed = (await context.createHost({ config: null }).list()).plugins;
  }
  return new Map(listed.map(({ candidate }) => [candidate.name, candidate.version]));
}
