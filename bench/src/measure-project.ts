import type { ProjectSpec } from './generate.js';
import { type Command, median, peakMemory, timeInterleaved } from './measure.js';
import type { NodeRuntime } from './node-versions.js';
import { commandIds, type Result } from './results.js';
import type { Row } from './rows.js';

/** How one project is measured on one Node.js. */
export interface MeasureOptions {
  node: NodeRuntime;
  runs: number;
  /** Runs of the Yeoman anchor, which takes seconds. */
  anchorRuns: number;
  /** The NODE_COMPILE_CACHE folder of the runs with the compile cache, filled by their warm-up. */
  compileCacheDir: string;
}

/**
 * The project's rows, led by the floor: the median of every `node -e 0` run
 * interleaved with them.
 */
export function measureProject(spec: ProjectSpec, rows: Row[], options: MeasureOptions): Result[] {
  const floorTimes: number[] = [];
  const measured = rows.flatMap((row) => measureRow(spec, row, floorTimes, options));
  const floorMs = round(median(floorTimes));
  const floor: Result = {
    node: options.node.version,
    ...spec,
    command: commandIds.floor,
    runs: floorTimes.length,
    medianMs: floorMs,
    floorMedianMs: floorMs,
    ratio: 1,
    peakMiB: peakOf(floorFor(rows[0]!.command, options)),
    compileCache: 'off',
  };
  return [floor, ...measured];
}

// Each run of the command is interleaved with a run of the floor (`node -e 0`)
// and, for a greeting, of its import floor, so all see the same machine
// state. Where Node has a compile cache, a greeter command is run without it
// (NODE_DISABLE_COMPILE_CACHE, which Node honours over the CLI's own call)
// and with it (NODE_COMPILE_CACHE naming a folder the warm-up fills).
function measureRow(spec: ProjectSpec, row: Row, floorTimes: number[], options: MeasureOptions): Result[] {
  const variants =
    row.greeter && options.node.compileCache
      ? [
          { ...row.command, env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
          { ...row.command, env: { NODE_COMPILE_CACHE: options.compileCacheDir } },
        ]
      : [row.command];
  const timed = [floorFor(row.command, options), ...(row.importFloor === undefined ? [] : [row.importFloor]), ...variants];
  const times = timeInterleaved(timed, row.command.id === commandIds.yeoman ? options.anchorRuns : options.runs);
  floorTimes.push(...times[0]!);
  const floorMedianMs = median(times[0]!);
  const importFloorMs = row.importFloor === undefined ? undefined : median(times[1]!);
  return variants.map((variant, index) => {
    const variantTimes = times[timed.length - variants.length + index]!;
    const medianMs = median(variantTimes);
    const result: Result = {
      node: options.node.version,
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
    const where = `Node ${result.node}, greeter ${spec.greeter}, ${spec.layout} N=${spec.packages} K=${spec.plugins}`;
    process.stderr.write(`${where}: ${variant.id}${result.compileCache === 'on' ? ' (compile cache)' : ''}: ${result.ratio}×${toImport}\n`);
    return result;
  });
}

function floorFor(command: Command, options: MeasureOptions): Command {
  return { id: commandIds.floor, argv: [options.node.binary, '-e', '0'], cwd: command.cwd };
}

function peakOf(command: Command): number {
  return round(Math.max(peakMemory(command), peakMemory(command), peakMemory(command)));
}

function round(value: number, digits = 1): number {
  return Number(value.toFixed(digits));
}
