import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderChart } from './chart.js';
import { generateProject, type Layout, type Project, type ProjectSpec } from './generate.js';
import { renderGoals } from './goals.js';
import { loadGreeterInstall } from './greeter-install.js';
import { median, peakMemory, timeInterleaved, type Command } from './measure.js';
import { renderTable } from './report.js';
import { commandIds, type Result, type ResultsDocument } from './results.js';

/** One command to time on a project, and what it is timed beside. */
interface Row {
  command: Command;
  /** For a greeting: importing the same plugin by its path, the least any greeting can cost. */
  importFloor?: Command;
  /** A greeter command: on Node 22 and later, also timed with the compile cache. */
  greeter?: boolean;
}

const quick = process.argv.includes('--quick');
const runs = Number(process.env['BENCH_RUNS'] ?? (quick ? 5 : 15));
// Yeoman's lookup takes seconds: the anchor gets the minimum of 10 runs.
const anchorRuns = Math.min(runs, 10);
const goalSize = 10_000;
const sizes = quick ? [100, 1000] : [100, 1000, goalSize];
const pluginCounts = [5, 50];
const layouts: Layout[] = ['npm', 'pnpm', 'pnpm-hoisted'];
const benchDir = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(path.join(benchDir, 'package.json'));
const greeterInstall = loadGreeterInstall(path.dirname(require.resolve('greeter/package.json')));
const yeoman = pathToFileURL(require.resolve('yeoman-environment')).href;

// Every timed process, floors included, runs on BENCH_NODE when it is set,
// so that Node 22 and 24 can be measured and every ratio stays like for like.
const node = process.env['BENCH_NODE'] ?? process.execPath;
const nodeVersion = evaluateOnNode('process.version');
// The greeter CLI turns on Node's compile cache itself (Node 22+), in the
// folder NODE_COMPILE_CACHE names when set: "with the cache" names a folder
// of this run (filled by the warm-up), "without" sets
// NODE_DISABLE_COMPILE_CACHE, which Node honours over the CLI's call.
const hasCompileCache = evaluateOnNode("typeof require('node:module').enableCompileCache") === 'function';

const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'greeter-bench-')));
const compileCacheDir = path.join(work, 'compile-cache');
mkdirSync(compileCacheDir);
const importScript = path.join(work, 'import-plugin.mjs');
writeFileSync(importScript, 'const { Greeter } = await import(process.argv[2]);\nprocess.stdout.write((await Greeter.greet()) + "\\n");\n');
const yeomanScript = path.join(work, 'yeoman-lookup.mjs');
writeFileSync(yeomanScript, `const { createEnv } = await import(${JSON.stringify(yeoman)});\nawait createEnv().lookup();\n`);

const results: Result[] = [];
try {
  for (const packages of sizes) {
    for (const plugins of pluginCounts) {
      for (const layout of layouts) {
        const spec: ProjectSpec = { layout, packages, plugins };
        const root = path.join(work, `${layout}-${packages}-${plugins}`);
        const project = generateProject(root, spec, greeterInstall);
        // Let the kernel write the new tree back before timing starts.
        spawnSync('sync');
        results.push(...measureProject(spec, rowsFor(project, plugins === pluginCounts[0])));
        rmSync(root, { recursive: true, force: true });
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const nodeText = process.env['BENCH_NODE'] === undefined ? `Node ${nodeVersion}` : `Node ${nodeVersion} (BENCH_NODE)`;
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${nodeText}, ${os.platform()} ${os.release()}`;
console.log(renderTable(results, { machine, runs, anchorRuns, compileCache: hasCompileCache }));
console.log(renderGoals(results, goalSize));
if (!quick) {
  const document: ResultsDocument = { date: new Date().toISOString(), machine, node: nodeVersion, env: { NODE_EXTRA_CA_CERTS: 'unset' }, runs, results };
  // Another Node's figures go beside the main ones, which the README shows.
  const suffix = process.env['BENCH_NODE'] === undefined ? '' : `-node${nodeVersion.slice(1).split('.')[0]}`;
  writeFileSync(path.join(benchDir, `results${suffix}.json`), `${JSON.stringify(document, null, 2)}\n`);
  if (suffix === '') {
    const title = `greeter start-up vs node -e 0 (${Math.max(...pluginCounts)} plugins, NODE_EXTRA_CA_CERTS unset)`;
    writeFileSync(path.join(benchDir, 'chart.svg'), renderChart(results, title, machine));
  }
  console.log(`\nWrote ${path.join(benchDir, `results${suffix}.json`)}${suffix === '' ? ' and chart.svg' : ''}`);
}

function rowsFor(project: Project, withAnchor: boolean): Row[] {
  const { root, configured } = project;
  const chinese = '你好宇宙\n';
  const english = 'Hello Universe\n';
  const importing = (entry: string, cwd: string, expect: string): Command => ({ id: commandIds.importByPath, argv: [node, importScript, entry], cwd, expect });
  const greeter = (id: string, args: string[], cwd: string, expect?: string): Command => ({
    id,
    argv: [node, project.greeterBin, ...args],
    cwd,
    ...(expect === undefined ? {} : { expect }),
  });
  return [
    { command: importing(project.chineseEntry, root, chinese) },
    { command: greeter(commandIds.bare, [], root, english), importFloor: importing(project.englishEntry, root, english), greeter: true },
    { command: greeter(commandIds.chinese, ['chinese'], root, chinese), importFloor: importing(project.chineseEntry, root, chinese), greeter: true },
    {
      command: greeter(commandIds.configured, ['chinese'], configured, chinese),
      importFloor: importing(project.chineseEntry, configured, chinese),
      greeter: true,
    },
    {
      command: greeter(commandIds.isolate, ['chinese', '--isolate'], root, chinese),
      importFloor: importing(project.chineseEntry, root, chinese),
      greeter: true,
    },
    { command: greeter(commandIds.list, ['list', '--json'], root), greeter: true },
    ...(withAnchor ? [{ command: { id: commandIds.yeoman, argv: [node, yeomanScript], cwd: root } }] : []),
  ];
}

// The project's rows, led by the floor: the median of every `node -e 0` run
// interleaved with them.
function measureProject(spec: ProjectSpec, rows: Row[]): Result[] {
  const floorTimes: number[] = [];
  const measured = rows.flatMap((row) => measureRow(spec, row, floorTimes));
  const floorCommand: Command = { id: commandIds.floor, argv: [node, '-e', '0'], cwd: rows[0]!.command.cwd };
  const floorMs = round(median(floorTimes));
  const floor: Result = {
    ...spec,
    command: commandIds.floor,
    runs: floorTimes.length,
    medianMs: floorMs,
    floorMedianMs: floorMs,
    ratio: 1,
    peakMiB: peakOf(floorCommand),
    compileCache: 'off',
  };
  return [floor, ...measured];
}

// Each run of the command is interleaved with a run of the floor (`node -e 0`)
// and, for a greeting, of its import floor, so all see the same machine
// state; on Node 22+ a greeter command is also run with the compile cache.
function measureRow(spec: ProjectSpec, row: Row, floorTimes: number[]): Result[] {
  const floor: Command = { id: commandIds.floor, argv: [node, '-e', '0'], cwd: row.command.cwd };
  const variants =
    row.greeter && hasCompileCache
      ? [
          { ...row.command, env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
          { ...row.command, env: { NODE_COMPILE_CACHE: compileCacheDir } },
        ]
      : [row.command];
  const timed = [floor, ...(row.importFloor === undefined ? [] : [row.importFloor]), ...variants];
  const times = timeInterleaved(timed, row.command.id === commandIds.yeoman ? anchorRuns : runs);
  floorTimes.push(...times[0]!);
  const floorMedianMs = median(times[0]!);
  const importFloorMs = row.importFloor === undefined ? undefined : median(times[1]!);
  return variants.map((variant, index) => {
    const variantTimes = times[timed.length - variants.length + index]!;
    const medianMs = median(variantTimes);
    const result: Result = {
      ...spec,
      command: variant.id,
      runs: variantTimes.length,
      medianMs: round(medianMs),
      floorMedianMs: round(floorMedianMs),
      ratio: round(medianMs / floorMedianMs, 3),
      peakMiB: peakOf(variant),
      ...(importFloorMs === undefined ? {} : { importFloorMs: round(importFloorMs), ratioToImport: round(medianMs / importFloorMs, 3) }),
      compileCache: variant.env?.['NODE_COMPILE_CACHE'] === undefined ? 'off' : 'on',
    };
    const toImport = result.ratioToImport === undefined ? '' : `, ${result.ratioToImport}× import`;
    process.stderr.write(
      `${spec.layout} N=${spec.packages} K=${spec.plugins} ${variant.id}${result.compileCache === 'on' ? ' (compile cache)' : ''}: ${result.ratio}×${toImport}\n`,
    );
    return result;
  });
}

function evaluateOnNode(expression: string): string {
  const result = spawnSync(node, ['-p', expression], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${node} (BENCH_NODE) does not run: ${result.error?.message ?? result.stderr}`);
  return result.stdout.trim();
}

function peakOf(command: Command): number {
  return round(Math.max(peakMemory(command), peakMemory(command), peakMemory(command)));
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
