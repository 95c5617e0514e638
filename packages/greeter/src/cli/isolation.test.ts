import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';

// The isolated process's lifetime against greeter's own, on Linux: the
// built CLI, run as a user runs it, killed the ways a user or a supervisor
// kills it.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

afterAll(removeTrees);

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

// CPU time a process has used, in clock ticks (utime + stime).
const cpuTicks = (pid: number) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
};

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
};

/** Polls `check` until it holds or `limitMs` passes; whether it held. */
async function eventually(check: () => boolean, limitMs = 10_000): Promise<boolean> {
  for (const start = Date.now(); Date.now() - start < limitMs; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (check()) return true;
  }
  return check();
}

describe.runIf(process.platform === 'linux')('an isolated plugin that never finishes', () => {
  const project = makeTree(
    npmLayout({ 'greeter-plugin-spin': pluginPackage('greeter-plugin-spin', 'x', { source: 'export const Greeter = { greet() { for (;;) {} } };' }) }),
  );

  it.each(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'] as const)('ends with greeter when greeter is killed with %s, long before its timeout', async (signal) => {
    const greeter = spawn(process.execPath, [bin, 'spin', '--timeout', '600000'], { cwd: project, stdio: 'ignore' });
    const pid = greeter.pid!;
    expect(await eventually(() => childrenOf(pid).length > 0)).toBe(true);
    const [plugin] = childrenOf(pid);
    // Half a second of CPU: past its start-up, it is spinning in greet.
    expect(await eventually(() => cpuTicks(plugin!) >= 50)).toBe(true);
    greeter.kill(signal);
    expect(await eventually(() => !alive(plugin!))).toBe(true);
  });
});
