import { coreVersion } from '@greeter/core';
import { checkCompatibility, type Discovery, type PluginCandidate } from '@greeter/host';
import { createHost } from '../../index.js';
import type { CliArgs } from '../parse-args.js';
import type { CliIO, Paint } from '../render.js';

/** One row of `greeter list --json`. */
interface ListedPlugin {
  name: string;
  version: string | null;
  languages: string[];
  source: string;
  path: string;
  realPath: string;
  status: 'ok' | 'incompatible';
  shadows: PluginCandidate['shadows'];
}

/**
 * `greeter list`: what discovery found, from package.json files alone —
 * nothing is imported. Broken plugins are listed with their error.
 */
export async function runList(args: CliArgs, io: CliIO, cwd: string, paint: Paint): Promise<number> {
  const host = createHost({ cwd, configFile: args.config, plugins: args.plugins, env: io.env });
  const [config, discovery] = await Promise.all([host.config(), host.discover()]);
  const plugins = discovery.candidates.map(toListed);
  if (args.json) {
    const problems = discovery.problems.map(({ name, path, source, error }) => ({
      name: name ?? null,
      path,
      source,
      error: error.toJSON(),
    }));
    const document = { config: config?.filepath ?? null, plugins, problems, searched: discovery.searched };
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    io.stdout.write(renderTable(plugins, discovery, paint));
  }
  return 0;
}

function toListed(candidate: PluginCandidate): ListedPlugin {
  const { name, version, languages, source, path, realPath, shadows, coreRange } = candidate;
  const status = checkCompatibility(coreRange, coreVersion).compatible ? 'ok' : 'incompatible';
  return { name, version: version ?? null, languages, source, path, realPath, status, shadows };
}

function renderTable(plugins: ListedPlugin[], discovery: Discovery, paint: Paint): string {
  const rows = plugins.map((plugin) => [
    plugin.languages[0] ?? '-',
    plugin.languages.slice(1).join(', ') || '-',
    plugin.name,
    plugin.version ?? '-',
    plugin.source,
    plugin.status,
    plugin.realPath,
  ]);
  const lines = rows.length > 0 ? table([['LANGUAGE', 'ALIASES', 'PACKAGE', 'VERSION', 'SOURCE', 'STATUS', 'PATH'], ...rows]) : ['No plugins found.'];
  for (const plugin of plugins) {
    for (const copy of plugin.shadows) {
      lines.push(`${plugin.name} ${plugin.version ?? ''} (${plugin.source}) shadows ${copy.version ?? ''} (${copy.source}) at ${copy.path}`);
    }
  }
  for (const problem of discovery.problems) {
    lines.push(`${paint.red('broken')} ${problem.name ?? problem.path}: ${problem.error.message} [${problem.error.code}]`);
  }
  return `${lines.join('\n')}\n`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => width(row[column]!))));
  return rows.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - width(cell))))
      .join('  '),
  );
}

// CJK characters take two terminal columns.
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return columns;
}
