import { spawnSync } from 'node:child_process';
import type { GreeterCli, Project, ProjectSpec } from './generate.js';
import type { Command } from './measure.js';
import type { NodeRuntime } from './node-versions.js';
import { commandIds } from './results.js';

/** One command to time on a project, and what it is timed beside. */
export interface Row {
  command: Command;
  /** For a greeting: importing the same plugin by its path, the least any greeting can cost. */
  importFloor?: Command;
  /** A greeter command: on Node 22 and later, also timed with the compile cache. */
  greeter?: boolean;
}

/** The scripts the rows run besides greeter, written once per bench run. */
export interface Scripts {
  /** Imports the plugin at argv[2] by its path and prints its greeting. */
  importPlugin: string;
  /** Runs yeoman-environment's lookup(), the anchor. */
  yeomanLookup: string;
}

/**
 * The rows timed on one project with one Node.js, led by the import floor:
 * bare `greeter` (named for where english comes from), `greeter chinese` in
 * process and isolated, `greeter list --json`, and the Yeoman anchor when
 * asked for.
 */
export function rowsFor(project: Project, cli: GreeterCli, english: EnglishSource, node: NodeRuntime, scripts: Scripts, withAnchor: boolean): Row[] {
  const { root } = project;
  const chinese = '你好宇宙\n';
  const hello = 'Hello Universe\n';
  const importing = (entry: string, expect: string): Command => ({
    id: commandIds.importByPath,
    argv: [node.binary, scripts.importPlugin, entry],
    cwd: root,
    expect,
  });
  const greeter = (id: string, args: string[], expect?: string): Command => ({
    id,
    argv: [node.binary, cli.bin, ...args],
    cwd: root,
    ...(expect === undefined ? {} : { expect }),
  });
  const bareId = english === 'builtin' ? commandIds.bareBuiltin : commandIds.bareInstalled;
  return [
    { command: importing(project.chineseEntry, chinese) },
    { command: greeter(bareId, [], hello), importFloor: importing(cli.englishEntry, hello), greeter: true },
    { command: greeter(commandIds.chinese, ['chinese', '--no-isolate'], chinese), importFloor: importing(project.chineseEntry, chinese), greeter: true },
    { command: greeter(commandIds.isolate, ['chinese', '--isolate'], chinese), importFloor: importing(project.chineseEntry, chinese), greeter: true },
    { command: greeter(commandIds.list, ['list', '--json']), greeter: true },
    ...(withAnchor ? [{ command: { id: commandIds.yeoman, argv: [node.binary, scripts.yeomanLookup], cwd: root } }] : []),
  ];
}

/** Where greeter takes english from in a project: its own dependency, or the project's. */
export type EnglishSource = 'builtin' | 'project';

/**
 * Asks `greeter list --json` where english comes from, and checks that
 * discovery sees the project as generated (every plugin, none broken), so
 * that a project greeter misreads cannot look fast.
 */
export function findEnglishSource(spec: ProjectSpec, project: Project, cli: GreeterCli, node: NodeRuntime): EnglishSource {
  const result = spawnSync(node.binary, [cli.bin, 'list', '--json'], { cwd: project.root, encoding: 'utf8' });
  const fail = (why: string) => new Error(`greeter list --json in ${project.root}: ${why}\n${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) throw fail(`exit ${result.status}`);
  const document = JSON.parse(result.stdout) as { ok: boolean; plugins: { name: string; source: string }[] };
  if (!document.ok) throw fail('a plugin is broken');
  const sourceOf = (name: string) => document.plugins.find((plugin) => plugin.name === name)?.source;
  if (document.plugins.length !== spec.plugins + 1 || sourceOf('greeter-plugin-chinese') !== 'project') {
    throw fail(`expected the project's ${spec.plugins} plugins and english`);
  }
  const english = sourceOf('greeter-plugin-english');
  if (english !== 'builtin' && english !== 'project') throw fail(`english comes from ${english}`);
  if (spec.greeter === 'global' && english !== 'builtin') throw fail('english should be built in when greeter is global');
  return english;
}
