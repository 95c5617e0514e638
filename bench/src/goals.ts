import { commandIds, type Result, sameProject } from './results.js';

/** One start-up goal, judged as its worst case over the rows given. */
export interface Goal {
  text: string;
  commands: string[];
  /** Only projects with the most plugins measured, when set. */
  mostPlugins?: boolean;
  /** What is compared with the limit; undefined when the row lacks it. */
  value: (row: Result, rows: Result[]) => number | undefined;
  limit: number;
  unit: '×' | ' MiB' | ' × node -e 0';
}

/** A goal's worst case and whether it is met; `worst` is undefined when no row measured it. */
export interface Verdict {
  goal: Goal;
  worst?: { value: number; row: Result };
  met?: boolean;
}

/**
 * The goals of the benchmark: a greeting at the import floor, `list` near
 * `node -e 0`, memory, and the price of isolation (one more `node -e 0`).
 */
export const goals: Goal[] = [
  toImportFloor('`greeter chinese --no-isolate` ÷ importing the plugin by path', commandIds.chinese),
  toImportFloor('bare `greeter`, english built in, ÷ importing english by path', commandIds.bareBuiltin),
  toImportFloor('bare `greeter`, english installed, ÷ importing english by path', commandIds.bareInstalled),
  {
    text: '`greeter list --json` ÷ `node -e 0`, most plugins',
    commands: [commandIds.list],
    mostPlugins: true,
    value: (row) => row.ratio,
    limit: 1.6,
    unit: '×',
  },
  {
    text: 'peak memory of an in-process greeting',
    commands: [commandIds.bareBuiltin, commandIds.bareInstalled, commandIds.chinese],
    value: (row) => row.peakMiB,
    limit: 45,
    unit: ' MiB',
  },
  { text: 'peak memory of `greeter list --json`', commands: [commandIds.list], value: (row) => row.peakMiB, limit: 50, unit: ' MiB' },
  {
    text: '`greeter chinese --isolate` − `--no-isolate`',
    commands: [commandIds.isolate],
    value: (row, rows) => {
      const inProcess = rows.find((other) => other.command === commandIds.chinese && other.compileCache === row.compileCache && sameProject(other, row));
      return inProcess === undefined ? undefined : row.ratio - inProcess.ratio;
    },
    limit: 1,
    unit: ' × node -e 0',
  },
];

// A greeting at most 10% above importing its plugin by path and greeting.
function toImportFloor(text: string, command: string): Goal {
  return { text, commands: [command], value: (row) => row.ratioToImport, limit: 1.1, unit: '×' };
}

/** Each goal's worst case over `rows` (one Node.js, one compile cache setting, one project size). */
export function judgeGoals(rows: Result[]): Verdict[] {
  const mostPlugins = Math.max(...rows.map((row) => row.plugins));
  return goals.map((goal) => {
    let worst: { value: number; row: Result } | undefined;
    for (const row of rows) {
      if (!goal.commands.includes(row.command) || (goal.mostPlugins && row.plugins !== mostPlugins)) continue;
      const value = goal.value(row, rows);
      if (value !== undefined && (worst === undefined || value > worst.value)) worst = { value, row };
    }
    return worst === undefined ? { goal } : { goal, worst, met: worst.value <= goal.limit };
  });
}

/**
 * The goals table of each Node.js measured (in the order the results
 * name them) and each compile cache setting, judged on the largest
 * projects: printed, never failing the run.
 */
export function renderGoals(results: Result[], goalSize: number): string {
  const largest = Math.max(...results.map((row) => row.packages));
  const note = largest === goalSize ? '' : ` (a smaller run: the goals are set at N=${goalSize.toLocaleString('en')})`;
  const lines: string[] = [];
  for (const node of new Set(results.map((row) => row.node))) {
    const ofNode = results.filter((row) => row.node === node && row.packages === largest);
    const caches = new Set(ofNode.map((row) => row.compileCache));
    for (const cache of ['off', 'on'] as const) {
      if (!caches.has(cache)) continue;
      const rows = ofNode.filter((row) => row.compileCache === cache);
      const cacheText = caches.size > 1 ? `, compile cache ${cache}` : '';
      lines.push(
        `\nGoals on Node ${node} at N=${largest.toLocaleString('en')}${note}${cacheText}: the worst case over layouts, plugin counts and greeter installed or global.\n`,
      );
      lines.push('| goal | limit | measured | where | verdict |', '| --- | ---: | ---: | --- | --- |');
      for (const verdict of judgeGoals(rows)) lines.push(renderVerdict(verdict));
    }
  }
  return lines.join('\n');
}

function renderVerdict({ goal, worst, met }: Verdict): string {
  const format = (value: number) => `${value.toFixed(goal.unit === ' MiB' ? 1 : 2)}${goal.unit}`;
  if (worst === undefined) return `| ${goal.text} | ${format(goal.limit)} | – | – | not measured |`;
  const { row } = worst;
  const where = `greeter ${row.greeter}, ${row.layout}, K=${row.plugins}${goal.commands.length > 1 ? `, ${row.command}` : ''}`;
  return `| ${goal.text} | ${format(goal.limit)} | ${format(worst.value)} | ${where} | ${met ? 'met' : `missed by ${format(worst.value - goal.limit)}`} |`;
}
