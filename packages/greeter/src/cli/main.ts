import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { GreeterError, displayName, displayText } from '@greeter/core';
import type { HostOptions } from '@greeter/host';
import { createHost } from '../index.js';
import { greeterCacheFolder } from './cache-folder.js';
import { findCommand } from './commands.js';
import type { CliArgs, CommandContext, CommandResult } from './context.js';
import { colorEnabled, createPaint, type OutputStream, type Paint } from './output.js';
import { parseArgs } from './parse-args.js';
import { errorResult } from './render-error.js';

/** Everything the CLI reads from its process, passed in so tests need no globals. */
export interface CliContext {
  argv: readonly string[];
  cwd: string;
  env: Record<string, string | undefined>;
  /** Read for colour detection only: the CLI's result is written by its caller. */
  stdout: OutputStream;
  /** Progress, warnings and (without --json) errors. */
  stderr: OutputStream;
}

/**
 * Runs one greeter command and returns its result: the exit code and the
 * text for stdout. The only place that decides exit codes; a command's code
 * is imported only when it runs.
 */
export async function main(cli: CliContext, parsed?: CliArgs): Promise<CommandResult> {
  const stderrPaint = (flag: boolean | undefined): Paint => lazyPaint(() => colorEnabled(cli.stderr, cli.env, flag));
  let context: CommandContext;
  try {
    const args = parsed ?? parseArgs(cli.argv);
    const cwd = resolveCwd(cli.cwd, args.flags['cwd']);
    // Decided on first use: a greeting paints nothing, and asking a stream creates it (a few milliseconds).
    const paint = { stdout: lazyPaint(() => colorEnabled(cli.stdout, cli.env, args.color)), stderr: stderrPaint(args.color) };
    const hostOptions: HostOptions = {
      cwd,
      env: cli.env,
      configFile: stringFlag(args.flags['config']),
      plugins: (args.flags['plugin'] as string[] | undefined) ?? [],
      timeoutMs: args.timeoutMs,
      isolate: typeof args.flags['isolate'] === 'boolean' ? args.flags['isolate'] : undefined,
      cacheFolder: greeterCacheFolder(cli.env, homedir()),
      onWarning: (message) => void cli.stderr.write(`${paint.stderr('yellow', 'greeter: warning:')} ${displayText(message, 400)}\n`),
    };
    context = {
      args,
      cwd,
      env: cli.env,
      get stderr() {
        return cli.stderr;
      },
      paint,
      hostOptions,
      createHost: (overrides = {}) => createHost({ ...hostOptions, ...overrides }),
    };
  } catch (error) {
    return errorResult(error, { json: cli.argv.includes('--json'), stderr: cli.stderr, paint: stderrPaint(undefined), env: cli.env });
  }
  try {
    const { args } = context;
    if (args.flags['version'] === true) return await (await import('./commands/version.js')).run(context);
    if (args.flags['help'] === true) return await (await import('./commands/help.js')).helpFor(args.command, context);
    return await (await findCommand(args.command)!.load()).run(context);
  } catch (error) {
    return errorResult(error, { json: context.args.json, stderr: cli.stderr, paint: context.paint.stderr, env: cli.env });
  }
}

function lazyPaint(enabled: () => boolean): Paint {
  let paint: Paint | undefined;
  return (style, text) => {
    paint ??= createPaint(enabled());
    return paint(style, text);
  };
}

function stringFlag(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function resolveCwd(base: string, flag: unknown): string {
  if (typeof flag !== 'string') return base;
  const folder = path.resolve(base, flag);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // Missing or unreadable: reported just below.
  }
  if (!isFolder)
    throw new GreeterError('GREETER_USAGE', `--cwd ${displayName(folder, 200)} is not a folder.`, { hint: 'Name an existing folder with --cwd <dir>.' });
  return folder;
}
