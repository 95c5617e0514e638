import { median } from './measure.js';
import { commandIds, type Result } from './results.js';

/** One start-up goal of the issue, judged on the largest projects measured. */
interface Goal {
  text: string;
  commands: string[];
  /** Only projects with this many plugins, when set. */
  plugins?: number;
  /** What is compared with the limit; undefined when the row lacks it. */
  value: (row: Result, rows: Result[]) => number | undefined;
  limit: number;
  unit: string;
}

function goalsFor(mostPlugins: number): Goal[] {
  return [
    { text: '`greeter chinese` ÷ importing the plugin by path', commands: [commandIds.chinese], value: (row) => row.ratioToImport, limit: 1.1, unit: '×' },
    { text: 'bare `greeter` ÷ importing english by path', commands: [commandIds.bare], value: (row) => row.ratioToImport, limit: 1.1, unit: '×' },
    {
      text: `\`greeter list --json\` ÷ \`node -e 0\` (K=${mostPlugins})`,
      commands: [commandIds.list],
      plugins: mostPlugins,
      value: (row) => row.ratio,
      limit: 1.6,
      unit: '×',
    },
    {
      text: 'peak memory of a greeting',
      commands: [commandIds.bare, commandIds.chinese, commandIds.configured],
      value: (row) => row.peakMiB,
      limit: 45,
      unit: ' MiB',
    },
    { text: 'peak memory of `greeter list --json`', commands: [commandIds.list], value: (row) => row.peakMiB, limit: 50, unit: ' MiB' },
    {
      text: '`greeter chinese --isolate` − in-process `greeter chinese`, in `node -e 0` runs',
      commands: [commandIds.isolate],
      value: (row, rows) => {
        const inProcess = rows.find((other) => other.command === commandIds.chinese && sameProject(other, row));
        return inProcess === undefined ? undefined : row.ratio - inProcess.ratio;
      },
      limit: 1,
      unit: '×',
    },
  ];
}

/**
 * The goals, each as its worst case over the projects of the largest size
 * measured, and whether it holds: printed, never failing the run.
 */
export function renderGoals(results: Result[], goalSize: number): string {
  const largest = Math.max(...results.map((row) => row.packages));
  const mostPlugins = Math.max(...results.map((row) => row.plugins));
  const lines: string[] = [];
  const note = largest === goalSize ? '' : ` (a smaller run: the goals are set at N=${goalSize.toLocaleString('en')})`;
  for (const cache of ['off', 'on'] as const) {
    const rows = results.filter((row) => row.packages === largest && row.compileCache === cache);
    if (rows.length === 0) continue;
    const cacheText = results.some((row) => row.compileCache === 'on') ? `, compile cache ${cache}` : '';
    lines.push(`\nGoals at N=${largest.toLocaleString('en')}${note}: the worst case over layouts and plugin counts${cacheText}.\n`);
    lines.push('| goal | limit | worst | where | verdict |', '| --- | ---: | ---: | --- | --- |');
    for (const goal of goalsFor(mostPlugins)) lines.push(renderGoal(goal, rows));
  }
  const effect = renderCompileCacheEffect(results);
  if (effect.length > 0) lines.push(...effect);
  return lines.join('\n');
}

function renderGoal(goal: Goal, rows: Result[]): string {
  let worst: { value: number; row: Result } | undefined;
  for (const row of rows) {
    if (!goal.commands.includes(row.command) || (goal.plugins !== undefined && row.plugins !== goal.plugins)) continue;
    const value = goal.value(row, rows);
    if (value !== undefined && (worst === undefined || value > worst.value)) worst = { value, row };
  }
  const format = (value: number) => `${value.toFixed(goal.unit === '×' ? 2 : 1)}${goal.unit}`;
  if (worst === undefined) return `| ${goal.text} | ${format(goal.limit)} | – | – | not measured |`;
  const verdict = worst.value <= goal.limit ? 'holds' : `misses by ${format(worst.value - goal.limit)}`;
  const where = `${worst.row.layout}, K=${worst.row.plugins}${goal.commands.length > 1 ? `, ${worst.row.command}` : ''}`;
  return `| ${goal.text} | ${format(goal.limit)} | ${format(worst.value)} | ${where} | ${verdict} |`;
}

// Per command, the median over every project of the time with the cache ÷
// the time without it, both from the same interleaved runs.
function renderCompileCacheEffect(results: Result[]): string[] {
  const cached = results.filter((row) => row.compileCache === 'on');
  if (cached.length === 0) return [];
  const lines = [
    '\nCompile cache (NODE_COMPILE_CACHE set ÷ unset, interleaved runs; median and range over every project):\n',
    '| command | with ÷ without | range | median ms without → with |',
    '| --- | ---: | ---: | ---: |',
  ];
  for (const command of new Set(cached.map((row) => row.command))) {
    const pairs = cached
      .filter((row) => row.command === command)
      .flatMap((on) => {
        const off = results.find((row) => row.compileCache === 'off' && row.command === command && sameProject(row, on));
        return off === undefined ? [] : [{ on: on.medianMs, off: off.medianMs }];
      });
    const changes = pairs.map((pair) => pair.on / pair.off);
    const without = median(pairs.map((pair) => pair.off)).toFixed(1);
    const withCache = median(pairs.map((pair) => pair.on)).toFixed(1);
    lines.push(
      `| ${command} | ${median(changes).toFixed(3)} | ${Math.min(...changes).toFixed(3)}–${Math.max(...changes).toFixed(3)} | ${without} → ${withCache} |`,
    );
  }
  return lines;
}

function sameProject(a: Result, b: Result): boolean {
  return a.layout === b.layout && a.packages === b.packages && a.plugins === b.plugins;
}
