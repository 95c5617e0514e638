import { GreeterError, displayName } from '@greeter/core';
import type { PackageManager } from '@greeter/host';

/** Options of {@link runPackageManager}. */
export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Where the package manager's own output goes. Default: `inherit` of stderr, so stdout stays ours. */
  output?: 'stderr' | 'capture';
}

/** A finished package manager run. */
export interface RunResult {
  code: number;
  stdout: string;
}

const commands: Record<PackageManager, { add: string[]; remove: string[]; view: [string, ...string[]] }> = {
  pnpm: { add: ['add'], remove: ['remove'], view: ['pnpm', 'view'] },
  npm: { add: ['install'], remove: ['uninstall'], view: ['npm', 'view'] },
  yarn: { add: ['add'], remove: ['remove'], view: ['npm', 'view'] },
  bun: { add: ['add'], remove: ['remove'], view: ['npm', 'view'] },
};

/** The argv that adds or removes `packageName` with `manager`. */
export function changeCommand(manager: PackageManager, action: 'add' | 'remove', packageName: string): string[] {
  return [manager, ...commands[manager][action], packageName];
}

/**
 * The argv that prints a package's registry manifest as JSON. pnpm and npm
 * ask the registry themselves; for yarn and bun, whose `info` output differs
 * by version, npm (which ships with Node) reads the same registry settings.
 */
export function viewCommand(manager: PackageManager, packageName: string): string[] {
  return [...commands[manager].view, `${packageName}@latest`, '--json'];
}

/** Runs a package manager command; its progress goes to stderr unless captured. */
export async function runPackageManager([command, ...args]: string[], options: RunOptions): Promise<RunResult> {
  // Imported on use: child_process (with net and dgram) is not needed to greet.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const capture = options.output === 'capture';
    const child = spawn(command!, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', capture ? 'pipe' : 2, capture ? 'pipe' : 2],
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.resume();
    child.on('error', (error) =>
      reject(
        new GreeterError('GREETER_USAGE', `${displayName(command!)} could not be started: ${error.message}.`, {
          cause: error,
          hint: `Install ${command} or run greeter from a project that uses another package manager.`,
        }),
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}
