import { median, unsetVariablesNote } from './measure.js';
import { type Result, sameProject } from './results.js';

/** What the header says about how the figures were taken. */
export interface RunDescription {
  /** The machine, without the Node version. */
  machine: string;
  runs: number;
  anchorRuns: number;
}

/**
 * The header, then one table per Node.js (in the order the results name
 * them), one row per command and project, as Markdown.
 */
export function renderTables(results: Result[], run: RunDescription): string {
  const lines = [
    `\nMachine: ${run.machine}.`,
    unsetVariablesNote,
    `Median wall time of ${run.runs} runs per command (${run.anchorRuns} for Yeoman) after a warm-up, each run interleaved with a run of node -e 0 and, for a greeter greeting, a run importing the same plugin by its path and greeting (the "import" column); the node -e 0 row is the median of every floor run on that project. Every process of a table runs on its Node.js. "greeter project": greeter installed in the project; "greeter global": run by path from a global install, in a project that does not depend on it. Peak memory: the highest of 3 runs under GNU time (for --isolate, of the larger of its two processes).`,
  ];
  if (results.some((row) => row.compileCache === 'on')) {
    lines.push(
      'Rows marked "(compile cache)" ran with NODE_COMPILE_CACHE set to a cache folder (filled by the warm-up run), interleaved with the same command run with NODE_DISABLE_COMPILE_CACHE; the floors never use it.',
    );
  }
  for (const node of new Set(results.map((row) => row.node))) {
    lines.push(
      '',
      `Node ${node}:`,
      '',
      '| greeter | layout | packages | plugins | command | median ms | node -e 0 ms | ratio | import ms | ÷ import | peak MiB |',
      '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const row of results.filter((result) => result.node === node)) {
      const command = row.compileCache === 'on' ? `${row.command} (compile cache)` : row.command;
      const importMs = row.importFloorMs === undefined ? '' : String(row.importFloorMs);
      const toImport = row.ratioToImport === undefined ? '' : `${row.ratioToImport.toFixed(2)}×`;
      lines.push(
        `| ${row.greeter} | ${row.layout} | ${row.packages} | ${row.plugins} | ${command} | ${row.medianMs} | ${row.floorMedianMs} | ${row.ratio.toFixed(2)}× | ${importMs} | ${toImport} | ${row.peakMiB} |`,
      );
    }
  }
  return lines.join('\n');
}

/**
 * Per Node.js and command, the median over every project of the time with
 * the compile cache ÷ the time without it, both from the same interleaved
 * runs; empty when no Node.js measured has the cache.
 */
export function renderCompileCacheEffect(results: Result[]): string {
  const cached = results.filter((row) => row.compileCache === 'on');
  if (cached.length === 0) return '';
  const lines = [
    '\nCompile cache (NODE_COMPILE_CACHE set ÷ unset, interleaved runs; median and range over every project):\n',
    '| Node | command | with ÷ without | range | median ms without → with |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const node of new Set(cached.map((row) => row.node))) {
    for (const command of new Set(cached.filter((row) => row.node === node).map((row) => row.command))) {
      const pairs = cached
        .filter((row) => row.node === node && row.command === command)
        .flatMap((on) => {
          const off = results.find((row) => row.compileCache === 'off' && row.command === command && sameProject(row, on));
          return off === undefined ? [] : [{ on: on.medianMs, off: off.medianMs }];
        });
      const changes = pairs.map((pair) => pair.on / pair.off);
      const without = median(pairs.map((pair) => pair.off)).toFixed(1);
      const withCache = median(pairs.map((pair) => pair.on)).toFixed(1);
      lines.push(
        `| ${node} | ${command} | ${median(changes).toFixed(3)} | ${Math.min(...changes).toFixed(3)}–${Math.max(...changes).toFixed(3)} | ${without} → ${withCache} |`,
      );
    }
  }
  return lines.join('\n');
}
