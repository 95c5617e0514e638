import { unsetVariablesNote } from './measure.js';
import type { Result } from './results.js';

/** What the header says about how the figures were taken. */
export interface RunDescription {
  machine: string;
  runs: number;
  anchorRuns: number;
  /** Whether some rows ran with NODE_COMPILE_CACHE set. */
  compileCache: boolean;
}

/** The header and the full table, one row per command and project, as Markdown. */
export function renderTable(rows: Result[], run: RunDescription): string {
  const lines = [
    `\nMachine: ${run.machine}.`,
    unsetVariablesNote,
    `Median wall time of ${run.runs} runs per command (${run.anchorRuns} for Yeoman) after a warm-up, each run interleaved with a run of node -e 0 and, for a greeter greeting, a run importing the same plugin by its path and greeting (the "import" column); the node -e 0 row is the median of every floor run on that project. Peak memory: the highest of 3 runs under GNU time.`,
  ];
  if (run.compileCache) {
    lines.push(
      'Rows marked "(compile cache)" ran with NODE_COMPILE_CACHE set to a cache folder (filled by the warm-up run), interleaved with the same command without it; the floors never use it.',
    );
  }
  lines.push(
    '',
    '| layout | packages | plugins | command | median ms | node -e 0 ms | ratio | import ms | ÷ import | peak MiB |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const row of rows) {
    const command = row.compileCache === 'on' ? `${row.command} (compile cache)` : row.command;
    const importMs = row.importFloorMs === undefined ? '' : String(row.importFloorMs);
    const toImport = row.ratioToImport === undefined ? '' : `${row.ratioToImport.toFixed(2)}×`;
    lines.push(
      `| ${row.layout} | ${row.packages} | ${row.plugins} | ${command} | ${row.medianMs} | ${row.floorMedianMs} | ${row.ratio.toFixed(2)}× | ${importMs} | ${toImport} | ${row.peakMiB} |`,
    );
  }
  return lines.join('\n');
}
