import { errorFrom } from '@greeter/core';
import { cliMessages } from '@greeter/core/messages';
import { didYouMean } from '@greeter/host/internal';
import { commands, findCommand, globalFlags, type CommandSpec, type FlagSpec } from '../command-table.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';
import { twoColumns, wrapText } from '../wrap.js';

/** `greeter help [command]`: usage, for greeter or for one command. */
export async function run(context: CommandContext): Promise<CommandResult> {
  const name = context.args.positionals[0];
  if (name === undefined) return helpFor('greet', context, true);
  const command = findCommand(name);
  if (command === undefined || command.hidden) {
    const names = typedCommands().map((spec) => spec.name);
    throw errorFrom(cliMessages.noSuchCommand, { name, suggestion: didYouMean(name, names), commands: names });
  }
  return helpFor(command.name, context);
}

/** The help of one command (`greeter <command> --help`), or of greeter as a whole, wrapped to stdout's width. */
export async function helpFor(name: string, context: CommandContext, overview = name === 'greet'): Promise<CommandResult> {
  // JSON is read by programs, not terminals: always 80 columns.
  const width = context.args.json ? 80 : context.stdoutWidth();
  const text = overview ? overviewText(width) : commandText(findCommand(name)!, width);
  return { exitCode: 0, stdout: context.args.json ? jsonText({ schemaVersion: 1, ok: true, help: text }) : text };
}

/** The usage line of a command, as help and the README show it. */
function usageLine(command: CommandSpec): string {
  const words = command.name === 'greet' ? ['greeter'] : ['greeter', command.name];
  for (const arg of command.args) {
    const label = `${arg.name}${arg.variadic ? '…' : ''}`;
    words.push(arg.required ? `<${label}>` : `[${label}]`);
  }
  for (const [name, flag] of Object.entries(command.flags)) words.push(`[${flag.short ? `-${flag.short}|` : ''}${flagLabel(name, flag, false)}]`);
  return words.join(' ');
}

function overviewText(width: number): string {
  const rows = commands.filter((command) => !command.hidden).map((command): [string, string] => [usageLine(command), command.summary]);
  rows.push(['greeter help [command] | greeter <command> --help', 'usage, per command'], ['greeter --version', 'the version']);
  const paragraph = (text: string) => wrapText(text, width);
  return [
    'greeter — greets the universe in any language a plugin package provides',
    '',
    'Usage',
    ...twoColumns(
      rows.filter(([usage]) => usage !== 'greeter help [command]'),
      width,
    ),
    '',
    'Global flags',
    ...flagRows(globalFlags, width),
    '',
    'Examples',
    ...exampleRows(findCommand('greet')!, width),
    ...exampleRows(findCommand('add')!, width),
    '',
    ...paragraph('Languages come from packages: `pnpm add greeter-plugin-chinese`, then `greeter chinese`.'),
    ...paragraph('A language is a word (`chinese`, `zh`, `中文`) or a plugin package name (`greeter-plugin-chinese`, `@acme/klingon`, `@acme`).'),
    '',
    ...paragraph('Exit codes: 0 done, 1 a plugin is missing or failed, 2 usage, name or config error.'),
    'Set DEBUG=greeter to see stack traces.',
    '',
  ].join('\n');
}

function commandText(command: CommandSpec, width: number): string {
  const summary = `${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.`;
  const lines = [...wrapText(`Usage: ${usageLine(command)}`, width), '', ...wrapText(summary, width)];
  if (command.args.length > 0) {
    const rows = command.args.map((arg): [string, string] => [arg.required ? `<${arg.name}>` : `[${arg.name}]`, arg.description]);
    lines.push('', 'Arguments', ...twoColumns(rows, width));
  }
  if (Object.keys(command.flags).length > 0) lines.push('', 'Flags', ...flagRows(command.flags, width));
  lines.push('', 'Global flags', ...flagRows(globalFlags, width));
  if (command.examples.length > 0) lines.push('', 'Examples', ...exampleRows(command, width));
  lines.push('');
  return lines.join('\n');
}

// The commands a user types: the greeting has no name of its own to type.
function typedCommands(): CommandSpec[] {
  return commands.filter((command) => !command.hidden && command.name !== 'greet');
}

function exampleRows(command: CommandSpec, width: number): string[] {
  return command.examples.flatMap((example) => [`  ${example.command}`, ...wrapText(example.description, width - 6).map((line) => `      ${line}`)]);
}

function flagRows(flags: Readonly<Record<string, FlagSpec>>, width: number): string[] {
  return twoColumns(
    Object.entries(flags).map(([name, flag]) => [flagLabel(name, flag, true), flag.description]),
    width,
  );
}

function flagLabel(name: string, flag: FlagSpec, withShort: boolean): string {
  const long = flag.negatable ? `--[no-]${name}` : `--${name}`;
  const short = withShort && flag.short ? `-${flag.short}, ` : '';
  return `${short}${long}${flag.value ? ` ${flag.value}` : ''}`;
}
