import { spawnSync } from 'node:child_process';

/** A command to time, as argv, run in `cwd`. */
export interface Command {
  id: string;
  argv: string[];
  cwd: string;
  /** The stdout it must print, so a broken command cannot look fast. */
  expect?: string;
  /** Variables set on top of the bench's own environment. */
  env?: Record<string, string>;
}

/**
 * Why the timed processes run without NODE_EXTRA_CA_CERTS, for the printed
 * header: one sentence.
 */
export const unsetVariablesNote =
  'NODE_EXTRA_CA_CERTS is unset for every timed process, because Node 20 reads the whole certificate bundle it names at every start (about 70 ms of a 115 ms `node -e 0` on the machines that set it machine-wide), which would dilute every ratio.';

/** Runs a command once as a whole process and returns its wall time in milliseconds. */
export function time(command: Command): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command.argv[0]!, command.argv.slice(1), { cwd: command.cwd, encoding: 'utf8', env: envFor(command) });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  check(command, result.status, result.stdout, result.stderr);
  return ms;
}

/**
 * Times commands in turn, one warm-up round and then `runs` rounds, so each
 * round of every command sees the same machine state; returns each
 * command's times, in the order given.
 */
export function timeInterleaved(commands: Command[], runs: number): number[][] {
  for (const command of commands) time(command);
  const times = commands.map((): number[] => []);
  for (let run = 0; run < runs; run++) {
    commands.forEach((command, index) => {
      times[index]!.push(time(command));
    });
  }
  return times;
}

/**
 * Runs a command once under GNU time and returns its peak resident set in
 * MiB. Kept apart from {@link time}, whose figures the wrapper would inflate.
 */
export function peakMemory(command: Command): number {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', ...command.argv], { cwd: command.cwd, encoding: 'utf8', env: envFor(command) });
  check(command, result.status, result.stdout, result.stderr);
  return Number(result.stderr.trim().split('\n').at(-1)) / 1024;
}

function check(command: Command, status: number | null, stdout: string, stderr: string): void {
  if (status !== 0 || (command.expect !== undefined && stdout !== command.expect)) {
    throw new Error(`${command.id} failed in ${command.cwd} (exit ${status}):\n${stdout}\n${stderr}`);
  }
}

/** The median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// The same environment for every process, without what pnpm adds to the
// bench script's own (NODE_PATH among it), without NODE_EXTRA_CA_CERTS (see
// unsetVariablesNote), and without a compile cache unless a command sets one.
function envFor(command: Command): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(
    ([key]) => !/^(npm_|pnpm_|NODE_PATH$|NODE_OPTIONS$|NODE_EXTRA_CA_CERTS$|NODE_COMPILE_CACHE$|NODE_DISABLE_COMPILE_CACHE$)/i.test(key),
  );
  return { ...Object.fromEntries(inherited), ...command.env };
}
