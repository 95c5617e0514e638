import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { errorFrom } from '@greeter/core';
import { installMessages } from '@greeter/core/messages';
import { formatCommand, readFileBytes } from '@greeter/host/internal';
import type { Registry } from '../../registry/find-registry.js';
import { classifyManagerOutput, managerFailureError } from './_manager-failure.js';

// The end of the manager's output kept to tell why it failed: its error is at the end.
const keptOutput = 64 * 1024;

/**
 * Runs the package manager with its output on greeter's stderr (never
 * stdout, which holds greeter's result alone).
 *
 * @throws GreeterError when it fails: `GREETER_REGISTRY_UNREACHABLE` when its
 *   output says it could not reach `registry`, `GREETER_SIGNATURE_INVALID`
 *   when a tarball failed its integrity check, `GREETER_PLUGIN_LOAD_FAILED`
 *   otherwise and when it cannot start.
 */
export async function runPackageManager(argv: string[], cwd: string, env: Record<string, string | undefined>, registry?: Registry): Promise<void> {
  const command = formatCommand(argv);
  let output = '';
  const outcome = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    const keep = (chunk: Buffer) => {
      process.stderr.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-keptOutput);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => resolve({ code: null, error }));
    child.on('close', (code) => resolve({ code }));
  });
  if (outcome.error) {
    throw errorFrom(installMessages.managerDidNotStart, { command, manager: argv[0]!, reason: outcome.error.message }, { cause: outcome.error });
  }
  const failure = outcome.code === 0 || registry === undefined ? undefined : classifyManagerOutput(output);
  if (failure !== undefined) throw managerFailureError(failure, command, registry!);
  if (outcome.code !== 0) {
    throw errorFrom(installMessages.managerFailed, { command, exitCode: outcome.code });
  }
}

/** Files as they are now (undefined: absent), to be put back byte for byte. */
export type Snapshot = Map<string, Buffer | undefined>;

export function snapshotFiles(files: readonly string[]): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const file of files) {
    try {
      snapshot.set(file, existsSync(file) ? readFileBytes(file) : undefined);
    } catch (error) {
      // A FIFO or a device is never read (nor waited on), and so never put back: it is left as it is.
      if ((error as NodeJS.ErrnoException).code !== 'EFTYPE') throw error;
    }
  }
  return snapshot;
}

export function restoreFiles(snapshot: Snapshot): void {
  for (const [file, bytes] of snapshot) {
    if (bytes === undefined) rmSync(file, { force: true });
    else if (!existsSync(file) || !readFileBytes(file).equals(bytes)) writeFileSync(file, bytes);
  }
}
