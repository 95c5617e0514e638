import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { renderChart } from './chart.js';
import { generateGlobalInstall, generateProject, type GreeterInstall, type Layout, type ProjectSpec } from './generate.js';
import { renderGoals } from './goals.js';
import { loadGreeterInstall } from './greeter-install.js';
import { measureProject } from './measure-project.js';
import { defaultNodeSelection, describeNode, findNodeBinaries } from './node-versions.js';
import { renderCompileCacheEffect, renderTables } from './report.js';
import type { Result, ResultsDocument } from './results.js';
import { findEnglishSource, rowsFor, type Scripts } from './rows.js';

const usage = `Usage: pnpm bench [--quick] [--node <versions>]

  --quick            projects of 1,000 packages only, 5 runs: a smoke run; writes no results
  --node <versions>  the Node.js versions to time, comma-separated majors (${defaultNodeSelection.join(',')} by default)
                     or paths to node binaries; a major other than the machine's own is installed
                     from the registry (node-<platform>-<arch>) into the temporary folder on first use`;

let options: { quick?: boolean; node?: string[] };
try {
  options = parseArgs({ options: { quick: { type: 'boolean' }, node: { type: 'string', multiple: true } } }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
const quick = options.quick === true;
const runs = Number(process.env['BENCH_RUNS'] ?? (quick ? 5 : 15));
// Yeoman's lookup takes seconds: the anchor gets at most 10 runs.
const anchorRuns = Math.min(runs, 10);
const goalSize = 10_000;
const sizes = quick ? [1000] : [100, 1000, goalSize];
const pluginCounts = [5, 50];
const installs: GreeterInstall[] = ['project', 'global'];
const layouts: Layout[] = ['npm', 'pnpm', 'pnpm-hoisted'];
const benchDir = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(path.join(benchDir, 'package.json'));
const greeterInstall = loadGreeterInstall(path.dirname(require.resolve('greeter/package.json')));
const yeoman = pathToFileURL(require.resolve('yeoman-environment')).href;

const selection = options.node?.flatMap((item) => item.split(',')).filter((item) => item !== '') ?? defaultNodeSelection;
const nodes = findNodeBinaries(selection, { version: process.version, execPath: process.execPath }).map(describeNode);

const work = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'greeter-bench-')));
const compileCacheDir = path.join(work, 'compile-cache');
mkdirSync(compileCacheDir);
const scripts: Scripts = { importPlugin: path.join(work, 'import-plugin.mjs'), yeomanLookup: path.join(work, 'yeoman-lookup.mjs') };
writeFileSync(scripts.importPlugin, 'const { Greeter } = await import(process.argv[2]);\nprocess.stdout.write((await Greeter.greet()) + "\\n");\n');
writeFileSync(scripts.yeomanLookup, `const { createEnv } = await import(${JSON.stringify(yeoman)});\nawait createEnv().lookup();\n`);

const results: Result[] = [];
try {
  const globalCli = generateGlobalInstall(path.join(work, 'global'), greeterInstall);
  for (const packages of sizes) {
    for (const plugins of pluginCounts) {
      for (const greeter of installs) {
        for (const layout of layouts) {
          const spec: ProjectSpec = { layout, packages, plugins, greeter };
          const project = generateProject(path.join(work, `${greeter}-${layout}-${packages}-${plugins}`), spec, greeterInstall);
          const cli = project.greeter ?? globalCli;
          // Let the kernel write the new tree back before timing starts.
          spawnSync('sync');
          const english = findEnglishSource(spec, project, cli, nodes[0]!);
          // Yeoman's lookup does not involve greeter: once per project size and layout.
          const withAnchor = greeter === 'global' && plugins === pluginCounts[0];
          for (const node of nodes) {
            results.push(...measureProject(spec, rowsFor(project, cli, english, node, scripts, withAnchor), { node, runs, anchorRuns, compileCacheDir }));
          }
          rmSync(project.root, { recursive: true, force: true });
        }
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`;
console.log(renderTables(results, { machine, runs, anchorRuns }));
console.log([renderCompileCacheEffect(results), renderGoals(results, goalSize)].filter((text) => text !== '').join('\n'));
if (!quick) {
  const nodeVersions = nodes.map((node) => node.version);
  const document: ResultsDocument = { date: new Date().toISOString(), machine, nodes: nodeVersions, env: { NODE_EXTRA_CA_CERTS: 'unset' }, runs, results };
  writeFileSync(path.join(benchDir, 'results.json'), `${JSON.stringify(document, null, 2)}\n`);
  // The chart: the first Node.js measured, greeter global (as it runs in any project).
  const charted = results.filter((row) => row.node === nodeVersions[0] && row.greeter === 'global');
  const title = `greeter start-up vs node -e 0 (${nodeVersions[0]}, greeter global, ${Math.max(...pluginCounts)} plugins, NODE_EXTRA_CA_CERTS unset)`;
  writeFileSync(path.join(benchDir, 'chart.svg'), renderChart(charted, title, machine));
  console.log(`\nWrote ${path.join(benchDir, 'results.json')} and chart.svg`);
}
