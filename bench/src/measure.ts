import { spawnSync } from 'node:child_process';

/** One timed process: wall time in milliseconds and peak resident memory in MiB. */
export interface Sample {
  ms: number;
  peakMiB: number;
}

/** A command to time, as argv, run in `cwd`. */
export interface Command {
  id: string;
  argv: string[];
  cwd: string;
  /** The stdout it must print, so a broken command cannot look fast. */
  expect?: string;
}

/**
 * Runs a command once as a whole process under GNU time (for the peak
 * resident set), timing the wall clock around it.
 */
export function sample(command: Command): Sample {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', ...command.argv], { cwd: command.cwd, encoding: 'utf8', env: benchEnv() });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 || (command.expect !== undefined && result.stdout !== command.expect)) {
    throw new Error(`${command.id} failed in ${command.cwd} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const kilobytes = Number(result.stderr.trim().split('\n').at(-1));
  return { ms, peakMiB: kilobytes / 1024 };
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// The same environment for every process, without what pnpm adds to the
// bench script's own (NODE_PATH among it).
function benchEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|NODE_PATH$|NODE_OPTIONS$)/i.test(key)));
}
