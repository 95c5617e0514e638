import { type Command, getUserAgent, resolveCommand } from 'package-manager-detector';
import type { PackageManager } from './context.js';

const supported: readonly PackageManager[] = ['pnpm', 'npm', 'yarn', 'bun'];

/**
 * The package manager that started this process (`pnpm create`, `npm
 * create`, `yarn create`, `bun create`), read from its user agent; npm when
 * there is none or it is another.
 */
export function packageManagerOfThisProcess(): PackageManager {
  const agent = getUserAgent();
  return supported.find((manager) => manager === agent) ?? 'npm';
}

/** The command lines the scaffolder prints and writes into the new plugin's READMEs. */
export interface CommandLines {
  /** Installs the new package's dependencies, e.g. `pnpm install`. */
  install: string;
  /** Runs one of its package.json scripts, e.g. `pnpm run test`; `bun test` would start bun's own runner instead. */
  run(script: string): string;
}

/** {@link CommandLines} for `manager`. */
export function commandLines(manager: PackageManager): CommandLines {
  return {
    // "agent" passes the arguments through as they are: `pnpm install`, spelled out, not `pnpm i`.
    install: commandLine(manager, 'agent', ['install']),
    run: (script) => commandLine(manager, 'run', [script]),
  };
}

function commandLine(manager: PackageManager, command: Command, args: string[]): string {
  const resolved = resolveCommand(manager, command, args);
  // Each manager the scaffolder names has both commands; the fallback is never expected.
  return resolved === null ? [manager, ...args].join(' ') : [resolved.command, ...resolved.args].join(' ');
}
