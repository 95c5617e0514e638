import { describe, expect, it } from 'vitest';
import type { GreeterInstall, Layout } from './generate.js';
import { goals, judgeGoals, renderGoals } from './goals.js';
import { commandIds, type Result } from './results.js';

interface RowSpec {
  command: string;
  node?: string;
  greeter?: GreeterInstall;
  layout?: Layout;
  packages?: number;
  plugins?: number;
  ratio?: number;
  ratioToImport?: number;
  peakMiB?: number;
  compileCache?: 'on' | 'off';
}

function row(spec: RowSpec): Result {
  const ratio = spec.ratio ?? 1;
  return {
    node: spec.node ?? 'v24.21.0',
    greeter: spec.greeter ?? 'global',
    layout: spec.layout ?? 'npm',
    packages: spec.packages ?? 10_000,
    plugins: spec.plugins ?? 5,
    command: spec.command,
    runs: 15,
    medianMs: ratio * 40,
    floorMedianMs: 40,
    ratio,
    peakMiB: spec.peakMiB ?? 40,
    ...(spec.ratioToImport === undefined ? {} : { importFloorMs: 40, ratioToImport: spec.ratioToImport }),
    compileCache: spec.compileCache ?? 'off',
  };
}

const verdictOf = (rows: Result[], command: string) => judgeGoals(rows).find((verdict) => verdict.goal.commands[0] === command)!;

describe('judgeGoals', () => {
  it('judges a goal on its worst row, over layouts and installs', () => {
    const rows = [
      row({ command: commandIds.chinese, layout: 'npm', ratioToImport: 1.05 }),
      row({ command: commandIds.chinese, layout: 'pnpm', greeter: 'project', ratioToImport: 1.3 }),
      row({ command: commandIds.chinese, layout: 'pnpm-hoisted', ratioToImport: 1.1 }),
    ];
    const verdict = verdictOf(rows, commandIds.chinese);
    expect(verdict.met).toBe(false);
    expect(verdict.worst?.value).toBe(1.3);
    expect(verdict.worst?.row).toMatchObject({ layout: 'pnpm', greeter: 'project' });
  });

  it('holds a goal whose worst row is at the limit', () => {
    const verdict = verdictOf([row({ command: commandIds.bareBuiltin, ratioToImport: 1.1 })], commandIds.bareBuiltin);
    expect(verdict).toMatchObject({ met: true, worst: { value: 1.1 } });
  });

  it('leaves a goal no row measured without a verdict', () => {
    const verdict = verdictOf([row({ command: commandIds.chinese, ratioToImport: 1 })], commandIds.bareInstalled);
    expect(verdict.worst).toBeUndefined();
    expect(verdict.met).toBeUndefined();
  });

  it('judges list on the projects with the most plugins only', () => {
    const rows = [row({ command: commandIds.list, plugins: 5, ratio: 3 }), row({ command: commandIds.list, plugins: 50, ratio: 1.5 })];
    expect(verdictOf(rows, commandIds.list)).toMatchObject({ met: true, worst: { value: 1.5 } });
  });

  it('judges the memory of a greeting over every in-process greeting, not the isolated run', () => {
    const rows = [
      row({ command: commandIds.chinese, peakMiB: 44 }),
      row({ command: commandIds.bareBuiltin, peakMiB: 46 }),
      row({ command: commandIds.isolate, peakMiB: 60 }),
    ];
    const verdict = judgeGoals(rows).find((each) => each.goal.limit === 45)!;
    expect(verdict).toMatchObject({ met: false, worst: { value: 46, row: { command: commandIds.bareBuiltin } } });
  });

  it('prices isolation against the in-process run of the same project, Node and compile cache', () => {
    const rows = [
      row({ command: commandIds.chinese, layout: 'npm', ratio: 1.5 }),
      row({ command: commandIds.isolate, layout: 'npm', ratio: 2.3 }),
      row({ command: commandIds.chinese, layout: 'pnpm', ratio: 2.0, compileCache: 'on' }),
      row({ command: commandIds.chinese, layout: 'pnpm', node: 'v20.20.2', ratio: 2.0 }),
      row({ command: commandIds.chinese, layout: 'pnpm', ratio: 1.2 }),
      row({ command: commandIds.isolate, layout: 'pnpm', ratio: 2.7 }),
    ];
    const verdict = verdictOf(rows, commandIds.isolate);
    expect(verdict.met).toBe(false);
    expect(verdict.worst?.value).toBeCloseTo(1.5);
    expect(verdict.worst?.row.layout).toBe('pnpm');
  });
});

describe('renderGoals', () => {
  const results = [
    row({ node: 'v24.21.0', command: commandIds.chinese, ratioToImport: 1.05 }),
    row({ node: 'v24.21.0', command: commandIds.chinese, ratioToImport: 1.4, compileCache: 'on' }),
    row({ node: 'v20.20.2', command: commandIds.chinese, ratioToImport: 1.25 }),
    row({ node: 'v20.20.2', command: commandIds.chinese, packages: 1000, ratioToImport: 3 }),
  ];
  const tables = renderGoals(results, 10_000).split('\nGoals on ').slice(1);

  it('prints one table per Node version and compile cache setting, in the order measured', () => {
    expect(tables.map((table) => table.split(' ')[1])).toEqual(['v24.21.0', 'v24.21.0', 'v20.20.2']);
  });

  it('prints every goal once per table, met, missed or not measured', () => {
    for (const table of tables)
      expect(table.split('\n').filter((line) => line.startsWith('| `') || line.startsWith('| bare') || line.startsWith('| peak'))).toHaveLength(goals.length);
    const verdicts = tables.map((table) =>
      table
        .split('\n')
        .find((line) => line.includes('--no-isolate` ÷'))
        ?.split(' | ')
        .at(-1),
    );
    expect(verdicts).toEqual(['met |', 'missed by 0.30× |', 'missed by 0.15× |']);
  });

  it('judges on the largest projects only', () => {
    expect(tables[2]).toContain('| 1.25× |');
    expect(tables[2]).not.toContain('3.00×');
  });
});
