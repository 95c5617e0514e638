import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { errorFrom, isReservedWord, type GreeterError } from '@greeter/core';
import { cliMessages } from '@greeter/core/messages';
import { didYouMean } from '@greeter/host/internal';
import { commands, findCommand, globalFlags, type CommandSpec, type FlagSpec } from './command-table.js';
import type { CliArgs } from './context.js';

const maxTimeoutMs = 2_147_483_647;

/**
 * Parses argv (without `node` and the script) with `node:util`'s parseArgs,
 * driven by the command table: the first positional names a command, else
 * the command is the greeting and the positional its language. Pure: it
 * reads no file.
 *
 * @throws GreeterError `GREETER_USAGE`, suggesting the nearest flag or command.
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  // `greeter` and `greeter chinese` hold no flag: node:util's parser (two
  // modules to load) is left out of the commonest greeting.
  const [word, ...rest] = argv;
  if (rest.length === 0 && (word === undefined || (!word.startsWith('-') && word !== 'greet' && !isReservedWord(word) && findCommand(word) === undefined))) {
    return { command: 'greet', positionals: word === undefined ? [] : [word], flags: Object.create(null), json: false, color: undefined, timeoutMs: undefined };
  }
  const command = commandOf(argv);
  const flags: Record<string, FlagSpec> = { ...globalFlags, ...command.flags };
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: optionsOf(flags), allowPositionals: true, allowNegative: true, strict: true });
  } catch (error) {
    throw usageFromParseError(error, command, flags);
  }
  const values = parsed.values as CliArgs['flags'];
  for (const [name, value] of Object.entries(values)) {
    if (value === false && !flags[name]?.negatable) throw errorFrom(cliMessages.notNegatable, { flag: `--no-${name}`, command: command.name });
    if (typeof value === 'string' && value === '') throw errorFrom(cliMessages.missingValue, { flag: `--${name}`, command: command.name });
  }
  const positionals = command.name === 'greet' ? parsed.positionals : parsed.positionals.slice(1);
  checkPositionals(command, positionals, values['help'] === true);
  if (command.name === 'greet' && positionals[0] !== undefined && isReservedWord(positionals[0])) throw reservedWordUsage(positionals[0]);
  return {
    command: command.name,
    positionals,
    flags: values,
    json: values['json'] === true,
    color: typeof values['color'] === 'boolean' ? values['color'] : undefined,
    timeoutMs: typeof values['timeout'] === 'string' ? parseTimeout(values['timeout']) : undefined,
  };
}

/**
 * The command argv asks for: the first positional when it names one (the
 * greeting is the default, never typed). Value flags are known to every
 * command, so their values are never taken for positionals here.
 */
function commandOf(argv: readonly string[]): CommandSpec {
  const everyFlag = Object.assign({}, globalFlags, ...commands.map((command) => command.flags)) as Record<string, FlagSpec>;
  const { positionals } = parseNodeArgs({ args: [...argv], options: optionsOf(everyFlag), allowPositionals: true, allowNegative: true, strict: false });
  const first = positionals[0];
  const named = first === undefined || first === 'greet' ? undefined : findCommand(first);
  return named ?? findCommand('greet')!;
}

function optionsOf(flags: Record<string, FlagSpec>): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [
      name,
      { type: flag.type, ...(flag.short ? { short: flag.short } : {}), ...(flag.multiple ? { multiple: true } : {}) },
    ]),
  );
}

function checkPositionals(command: CommandSpec, positionals: string[], help: boolean): void {
  if (help) return;
  const required = command.args.filter((arg) => arg.required).length;
  if (positionals.length > command.args.length && !command.args.some((arg) => arg.variadic)) {
    const extra = positionals[command.args.length]!;
    if (command.name === 'greet') throw errorFrom(cliMessages.extraLanguage, { extra });
    throw errorFrom(cliMessages.extraArgument, { command: command.name, most: command.args.length, extra });
  }
  if (positionals.length < required) {
    throw errorFrom(cliMessages.missingArguments, { command: command.name, required: command.args.filter((arg) => arg.required).map((arg) => arg.name) });
  }
}

function usageFromParseError(error: unknown, command: CommandSpec, flags: Record<string, FlagSpec>): GreeterError {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = /'(-{1,2}[^' ]+)'/.exec(message)?.[1] ?? '';
    const name = flag.replace(/^-+/, '').split('=')[0] ?? '';
    const known = Object.entries(flags).flatMap(([long, spec]) => [long, ...(spec.negatable ? [`no-${long}`] : [])]);
    const suggestion = /^-[^-]$/.test(flag) ? shortFlagLike(name, flags) : didYouMean(name, known);
    const elsewhere = commands.find((other) => other !== command && !other.hidden && Object.hasOwn(other.flags, name));
    return errorFrom(cliMessages.unknownFlag, { flag: flag || message, name, suggestion, owner: elsewhere?.name, command: command.name });
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Node names a flag with a short form as '-h, --help': the long form is what help shows.
    const flag = /'(?:-[^-'], )?(-{1,2}[^' ]+)/.exec(message)?.[1];
    // `--timeout -1`: the value looks like a flag, and parseArgs will not guess.
    if (/ambiguous/.test(message)) return errorFrom(cliMessages.valueLikeAFlag, { flag, command: command.name });
    return errorFrom(/argument missing/.test(message) ? cliMessages.missingValue : cliMessages.unexpectedValue, { flag, command: command.name });
  }
  return errorFrom(cliMessages.unparsable, { detail: message.split('\n')[0] ?? message, command: command.name });
}

// `-V` for `-v`: the flag whose short form differs only in case.
function shortFlagLike(short: string, flags: Record<string, FlagSpec>): string | undefined {
  return Object.entries(flags).find(([, spec]) => spec.short?.toLowerCase() === short.toLowerCase())?.[0];
}

// `greeter trust`: a word kept for a command, which no plugin may claim as a language.
function reservedWordUsage(word: string): GreeterError {
  const command = findCommand(word.toLowerCase());
  const visible = commands.filter((spec) => !spec.hidden && spec.name !== 'greet').map((spec) => spec.name);
  const suggestion = command ? command.name : didYouMean(word.toLowerCase(), visible);
  return errorFrom(cliMessages.reservedWord, { word, isCommand: command !== undefined, suggestion });
}

function parseTimeout(value: string): number {
  const timeoutMs = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(timeoutMs >= 1 && timeoutMs <= maxTimeoutMs)) {
    throw errorFrom(cliMessages.timeoutOutOfRange, { value, max: maxTimeoutMs });
  }
  return timeoutMs;
}
