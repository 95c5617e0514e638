import { homedir } from 'node:os';
import { coreVersion, displayName, displayText, isGreeterError } from '@greeter/core';
import type { ListedPlugin } from '@greeter/host';
import { detectPackageManager } from '@greeter/host/stages';
import { findRegistry } from '../../registry/find-registry.js';
import { searchPlugins, type SearchedPlugin } from '../../registry/search-registry.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText, type OutputStream } from '../output.js';
import { renderTable } from '../table.js';
import { measureFor } from '../text-width.js';
import { findProjectRoot } from './_change-plugins.js';

type Row = { name: string; version: string; languages: string; compatible: string; installed: string; description: string };

/**
 * `greeter search [term] [--json]`: the Greeter plugins published on the
 * project's registry, each with the version `greeter add` would install,
 * its languages, whether it is compatible with this greeter, and the
 * version installed here, if any.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const term = context.args.positionals[0];
  const { env } = context;
  const home = homedir();
  const projectRoot = findProjectRoot(context.cwd);
  const manager = detectPackageManager(projectRoot ?? context.cwd, env);
  const registry = findRegistry({ manager, projectRoot, env, home });
  const registryFor = (name: string) => (name.startsWith('@') ? findRegistry({ manager, projectRoot, packageName: name, env, home }) : registry);
  const spinner = context.args.json || context.stderr.isTTY !== true ? undefined : startSpinner(context.stderr, `Searching ${displayText(registry.url)}`);
  let plugins: SearchedPlugin[];
  let installed: Map<string, string | undefined>;
  try {
    [plugins, installed] = await Promise.all([searchPlugins(registry, { term, coreVersion, registryFor }), installedVersions(context)]);
  } finally {
    spinner?.stop();
  }
  const results = plugins.map((plugin) => ({
    name: plugin.name,
    version: plugin.version,
    description: plugin.description ?? null,
    languages: plugin.languages,
    compatible: plugin.compatibility.compatible,
    status: plugin.compatibility.compatible ? ('compatible' as const) : ('incompatible' as const),
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
    compatible: result.compatible ? 'yes' : 'no',
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
  const cells = [header, ...rows].map((row) => keys.map((key) => displayText(row[key], key === 'description' ? 60 : 80)));
  return { exitCode: 0, stdout: `${renderTable(cells, await measureFor(cells.flat()), context.paint.stdout).join('\n')}\n` };
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

// A spinner on a terminal's stderr, cleared before the result is printed.
function startSpinner(stream: OutputStream, text: string): { stop(): void } {
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let frame = 0;
  const draw = () => void stream.write(`\r${frames[frame++ % frames.length]} ${text}…`);
  draw();
  const timer = setInterval(draw, 80);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      stream.write('\r\u001b[K');
    },
  };
}
