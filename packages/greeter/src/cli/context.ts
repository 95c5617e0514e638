import type { Host, HostOptions } from '@greeter/host';
import type { OutputStream, Paint } from './output.js';

/** What the command line asked for, parsed and checked. */
export interface CliArgs {
  command: string;
  /** The positional arguments after the command (for greet: the language). */
  positionals: string[];
  /** Every flag given, by its long name. */
  flags: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  /** `true` with --color, `false` with --no-color. */
  color: boolean | undefined;
  timeoutMs: number | undefined;
}

/** Everything a command reads, passed in so tests need no globals. */
export interface CommandContext {
  args: CliArgs;
  /** The folder to work from (`--cwd` applied). */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Progress and warnings: the real stderr. */
  stderr: OutputStream;
  /** The width stdout's text is wrapped to: the terminal's, else 80. */
  stdoutWidth(): number;
  /** Answers to questions, when it is a terminal. */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean | undefined };
  /** Colour for what goes to stdout, and for stderr: decided per stream. */
  paint: { stdout: Paint; stderr: Paint };
  /** The host options the command line gave: cwd, env, config, plugins, timeout, isolation. */
  hostOptions: HostOptions;
  /** A host with those options (and english built in). */
  createHost(overrides?: HostOptions): Host;
}

/** What a command produced: its exit code and the text for stdout, written by the CLI alone. */
export interface CommandResult {
  exitCode: number;
  stdout: string;
}
