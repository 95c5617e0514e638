import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { displayText, errorFrom } from '@greeter/core';
import { cliMessages } from '@greeter/core/messages';
import type { HostOptions } from '@greeter/host';
import { createHost } from '../index.js';
import { greeterCacheFolder } from './cache-folder.js';
import type { CliArgs, CommandContext, CommandResult } from './context.js';
import { colorEnabled, createPaint, widthOf, type OutputStream, type Paint } from './output.js';
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
  /** Answers to questions (`greeter init` on a terminal). */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined };
}

/** Runs the command a context asks for (see load-command.ts; the greeting bundle runs the greeting alone). */
export type Dispatch = (context: CommandContext) => Promise<CommandResult>;

/**
 * Runs one greeter command through `dispatch` and returns its result: the
 * exit code and the text for stdout. The only place that decides exit codes.
 */
export async function main(cli: CliContext, dispatch: Dispatch, parsed?: CliArgs): Promise<CommandResult> {
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
      stdoutWidth: () => widthOf(cli.stdout),
      get stdin() {
        return cli.stdin;
      },
      paint,
      hostOptions,
      createHost: (overrides = {}) => createHost({ ...hostOptions, ...overrides }),
    };
  } catch (error) {
    return errorResult(error, { json: cli.argv.includes('--json'), stderr: cli.stderr, paint: stderrPaint(undefined), env: cli.env });
  }
  try {
    return await dispatch(context);
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
  if (!isFolder) throw errorFrom(cliMessages.cwdNotAFolder, { folder });
  return folder;
}
