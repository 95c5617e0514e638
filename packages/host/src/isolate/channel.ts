import { requireOnUse } from '../_require.js';
import type { IsolationPlan } from './plan.js';
import { reportFd } from './protocol.js';

/** How the plugin's process ended, and what it said. */
export interface ChildOutcome {
  /** It could not be started (the error's message). */
  startError: string | undefined;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Greeter stopped it: it passed the timeout. */
  timedOut: boolean;
  /** What it wrote on its stdout and stderr, bounded: its start and its end. */
  output: string;
  /** What it wrote on the report channel (fd 3), bounded. */
  reports: string;
}

// Time the process gets beyond the timeout to report its own timeout before it is killed.
const killGraceMs = 500;
// What greeter keeps of a plugin's output (its head and tail) and of the report channel.
const maxOutputBytes = 1024 * 1024;
const maxTimerMs = 2 ** 31 - 1;
const maxReportBytes = 4 * 1024 * 1024;

/**
 * Starts the plugin's process as planned, in a process group of its own:
 * the request on its stdin, its stdout and stderr collected (never passed
 * to greeter's stdout), its reports on a pipe of their own (fd 3; Node's IPC
 * channel would let plugin code send messages that crash greeter). The
 * timeout, or greeter exiting, kills the whole group.
 */
export async function runChild(plan: IsolationPlan, timeoutMs: number): Promise<ChildOutcome> {
  // Loaded here, and with require(): an in-process greeting never needs
  // child_process, and import() of it would start the ES module loader.
  let request: string;
  try {
    request = JSON.stringify(plan.request);
  } catch {
    // Before anything starts: "exports" nested thousands deep cannot be written.
    return { startError: 'its package.json is nested too deeply to pass on', code: null, signal: null, timedOut: false, output: '', reports: '' };
  }
  const { spawn } = requireOnUse('node:child_process') as typeof import('node:child_process');
  const child = spawn(plan.command, plan.args, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: plan.env, cwd: '/', detached: true });
  const output = new BoundedText(maxOutputBytes);
  const reports = new BoundedText(maxReportBytes);
  child.stdout?.on('data', (chunk: Buffer) => output.add(chunk));
  child.stderr?.on('data', (chunk: Buffer) => output.add(chunk));
  (child.stdio[reportFd] as NodeJS.ReadableStream | null)?.on('data', (chunk: Buffer) => reports.add(chunk));
  child.stdin?.on('error', () => {});
  child.stdin?.end(request);
  return new Promise((resolve) => {
    let timedOut = false;
    let startError: string | undefined;
    // Node's timers take at most 2^31 − 1 ms; a longer delay would fire at once.
    const timer = setTimeout(
      () => {
        timedOut = true;
        killGroup(child.pid);
      },
      Math.min(timeoutMs + killGraceMs, maxTimerMs),
    );
    // Kept until the child is gone, so greeter exiting (the CLI) takes the plugin with it.
    const onExit = () => killGroup(child.pid);
    process.once('exit', onExit);
    const done = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      process.off('exit', onExit);
      resolve({ startError, code, signal, timedOut, output: output.text(), reports: reports.text() });
    };
    child.on('error', (error) => {
      startError = error.message;
      done(null, null);
    });
    child.on('close', done);
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Text kept to a bounded size: its start and its end (where V8 reports an
 * exhausted heap), whatever is flooded in between.
 */
class BoundedText {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail = Buffer.alloc(0);
  private dropped = 0;

  constructor(private readonly limit: number) {}

  add(chunk: Buffer): void {
    if (this.headBytes < this.limit / 2) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      return;
    }
    const joined = Buffer.concat([this.tail, chunk]);
    const keep = this.limit / 2;
    this.dropped += Math.max(0, joined.length - keep);
    this.tail = joined.length > keep ? joined.subarray(joined.length - keep) : joined;
  }

  text(): string {
    const middle = this.dropped > 0 ? `\n[${this.dropped} bytes left out]\n` : '';
    return `${Buffer.concat(this.head).toString('utf8')}${middle}${this.tail.toString('utf8')}`;
  }
}
