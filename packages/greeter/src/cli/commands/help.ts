import { GreeterError, displayName } from '@greeter/core';
import { didYouMean } from '@greeter/host/stages';
import { commands, findCommand, globalFlags, type CommandSpec, type FlagSpec } from '../commands.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';

/** `greeter help [command]`: usage, for greeter or for one command. */
export async function run(context: CommandContext): Promise<CommandResult> {
  const name = context.args.positionals[0];
  if (name === undefined) return helpFor('greet', context, true);
  const command = name === 'greet' ? findCommand('greet') : findCommand(name);
  if (command === undefined || command.hidden) {
    const suggestion = didYouMean(
      name,
      visibleCommands().map((spec) => spec.name),
    );
    throw new GreeterError(
      'GREETER_USAGE',
      `There is no command ${displayName(name, 40)}.${suggestion ? ` Did you mean \`greeter help ${suggestion}\`?` : ''}`,
      {
        hint: `The commands: ${visibleCommands()
          .map((spec) => spec.name)
          .join(', ')}.`,
      },
    );
  }
  return helpFor(command.name, context);
}

/** The help of one command (`greeter <command> --help`), or of greeter as a whole. */
export async function helpFor(name: string, context: CommandContext, overview = name === 'greet'): Promise<CommandResult> {
  const text = overview ? overviewText() : commandText(findCommand(name)!);
  return { exitCode: 0, stdout: context.args.json ? jsonText({ schemaVersion: 1, ok: true, help: text }) : text };
}

/** The usage line of a command, as help and the README show it. */
export function usageLine(command: CommandSpec): string {
  const words = command.name === 'greet' ? ['greeter'] : ['greeter', command.name];
  for (const arg of command.args) words.push(arg.required ? `<${arg.name}>` : `[${arg.name}]`);
  for (const [name, flag] of Object.entries(command.flags)) words.push(`[${flag.short ? `-${flag.short}|` : ''}${flagLabel(name, flag, false)}]`);
  return words.join(' ');
}

function overviewText(): string {
  const rows = visibleCommands().map((command): [string, string] => [usageLine(command), command.summary]);
  rows.push(['greeter help [command] | greeter <command> --help', 'usage, per command'], ['greeter --version', 'the version']);
  return [
    'greeter — greets the universe in any language a plugin package provides',
    '',
    'Usage',
    ...columns(rows.filter(([usage]) => usage !== 'greeter help [command]')),
    '',
    'Global flags',
    ...flagRows(globalFlags),
    '',
    'Languages come from packages: `pnpm add greeter-plugin-chinese`, then `greeter chinese`.',
    'A language is a word (`chinese`, `zh`, `中文`) or a plugin package name',
    '(`greeter-plugin-chinese`, `@acme/klingon`, `@acme`).',
    '',
    'Exit codes: 0 done, 1 a plugin is missing or failed, 2 usage, name or config error.',
    'Set DEBUG=greeter to see stack traces.',
    '',
  ].join('\n');
}

function commandText(command: CommandSpec): string {
  const lines = [`Usage: ${usageLine(command)}`, '', `${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.`];
  if (command.args.length > 0)
    lines.push('', 'Arguments', ...columns(command.args.map((arg) => [arg.required ? `<${arg.name}>` : `[${arg.name}]`, arg.description])));
  if (Object.keys(command.flags).length > 0) lines.push('', 'Flags', ...flagRows(command.flags));
  lines.push('', 'Global flags', ...flagRows(globalFlags), '');
  return lines.join('\n');
}

function visibleCommands(): CommandSpec[] {
  return commands.filter((command) => !command.hidden);
}

function flagRows(flags: Record<string, FlagSpec>): string[] {
  return columns(Object.entries(flags).map(([name, flag]) => [flagLabel(name, flag, true), flag.description]));
}

function flagLabel(name: string, flag: FlagSpec, withShort: boolean): string {
  const long = flag.negatable ? `--[no-]${name}` : `--${name}`;
  const short = withShort && flag.short ? `-${flag.short}, ` : '';
  return `${short}${long}${flag.value ? ` ${flag.value}` : ''}`;
}

function columns(rows: Array<[string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
