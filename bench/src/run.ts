import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderChart } from './chart.js';
import { generateProject, type Layout, type ProjectSpec } from './generate.js';
import { median, peakMemory, time, type Command } from './measure.js';

/** One measured command on one project, as written to results.json. */
export interface Result {
  layout: Layout;
  packages: number;
  plugins: number;
  command: string;
  runs: number;
  medianMs: number;
  floorMedianMs: number;
  ratio: number;
  peakMiB: number;
}

const quick = process.argv.includes('--quick');
const runs = Number(process.env['BENCH_RUNS'] ?? (quick ? 5 : 15));
// Yeoman's lookup takes seconds: the anchor gets the minimum of 10 runs.
const anchorRuns = Math.min(runs, 10);
const sizes = quick ? [100, 1000] : [100, 1000, 10_000];
const pluginCounts = [5, 50];
const layouts: Layout[] = ['npm', 'pnpm', 'pnpm-hoisted'];
const benchDir = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(path.join(benchDir, 'package.json'));
const greeterBin = path.join(path.dirname(require.resolve('greeter/package.json')), 'bin', 'greeter.cjs');
const yeoman = pathToFileURL(require.resolve('yeoman-environment')).href;

const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'greeter-bench-')));
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
        const project = generateProject(root, spec);
        // Let the kernel write the new tree back before timing starts.
        spawnSync('sync');
        const commands: Command[] = [
          { id: 'import plugin by path', argv: [process.execPath, importScript, project.chineseEntry], cwd: root, expect: '你好宇宙\n' },
          { id: 'greeter chinese', argv: [process.execPath, greeterBin, 'chinese'], cwd: root, expect: '你好宇宙\n' },
          { id: 'greeter chinese (package.json config)', argv: [process.execPath, greeterBin, 'chinese'], cwd: project.configured, expect: '你好宇宙\n' },
          { id: 'greeter list --json', argv: [process.execPath, greeterBin, 'list', '--json'], cwd: root },
          ...(plugins === pluginCounts[0] ? [{ id: 'yeoman-environment lookup()', argv: [process.execPath, yeomanScript], cwd: root }] : []),
        ];
        for (const command of commands) results.push(measure(spec, command));
        rmSync(root, { recursive: true, force: true });
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
printTable(results, machine);
if (!quick) {
  const document = { date: new Date().toISOString(), machine, runs, results };
  writeFileSync(path.join(benchDir, 'results.json'), `${JSON.stringify(document, null, 2)}\n`);
  writeFileSync(path.join(benchDir, 'chart.svg'), renderChart(results, `greeter start-up vs node -e 0 (${Math.max(...pluginCounts)} plugins) — ${machine}`));
  console.log(`\nWrote ${path.join(benchDir, 'results.json')} and chart.svg`);
}

// Each run of the command is paired with a run of the floor (`node -e 0`)
// just before it, so both see the same machine state.
function measure(spec: ProjectSpec, command: Command): Result {
  const floor: Command = { id: 'node -e 0', argv: [process.execPath, '-e', '0'], cwd: command.cwd };
  const count = command.id.startsWith('yeoman') ? anchorRuns : runs;
  time(floor);
  time(command);
  const floorTimes: number[] = [];
  const times: number[] = [];
  for (let run = 0; run < count; run++) {
    floorTimes.push(time(floor));
    times.push(time(command));
  }
  const medianMs = median(times);
  const floorMedianMs = median(floorTimes);
  const result: Result = {
    ...spec,
    command: command.id,
    runs: count,
    medianMs: round(medianMs),
    floorMedianMs: round(floorMedianMs),
    ratio: round(medianMs / floorMedianMs, 3),
    peakMiB: round(Math.max(peakMemory(command), peakMemory(command), peakMemory(command))),
  };
  process.stderr.write(`${spec.layout} N=${spec.packages} K=${spec.plugins} ${command.id}: ${result.ratio}×\n`);
  return result;
}

function printTable(rows: Result[], machineText: string): void {
  console.log(`\nMachine: ${machineText}. Median wall time of ${runs} runs per command (${anchorRuns} for Yeoman) after a warm-up, each run paired with a run of node -e 0; peak memory: the highest of 3 runs under GNU time.\n`);
  console.log('| layout | packages | plugins | command | median ms | node -e 0 ms | ratio | peak MiB |');
  console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(`| ${row.layout} | ${row.packages} | ${row.plugins} | ${row.command} | ${row.medianMs} | ${row.floorMedianMs} | ${row.ratio.toFixed(2)}× | ${row.peakMiB} |`);
  }
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
