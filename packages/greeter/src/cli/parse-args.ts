import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { GreeterError, displayName, isReservedWord } from '@greeter/core';
import { didYouMean } from '@greeter/host/stages';
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
    if (value === false && !flags[name]?.negatable) throw usage(`--no-${name} is not a flag.`, command);
    if (typeof value === 'string' && value === '') throw usage(`--${name} needs a value.`, command);
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
    const extra = displayName(positionals[command.args.length]!, 40);
    if (command.name === 'greet') throw usage(`Greet in one language at a time; got an extra argument ${extra}.`, command);
    throw usage(
      `\`greeter ${command.name}\` takes ${command.args.length === 0 ? 'no argument' : `at most ${command.args.length}`}, got an extra ${extra}.`,
      command,
    );
  }
  if (positionals.length < required) {
    throw usage(
      `\`greeter ${command.name}\` needs ${command.args
        .filter((arg) => arg.required)
        .map((arg) => `<${arg.name}>`)
        .join(' ')}.`,
      command,
    );
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
    const hint = suggestion ? `Did you mean --${suggestion}?` : elsewhere ? `--${name} belongs to \`greeter ${elsewhere.name}\`.` : undefined;
    return usage(`Unknown flag ${displayName(flag || message, 40)}.${hint ? ` ${hint}` : ''}`, command);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Node names a flag with a short form as '-h, --help': the long form is what help shows.
    const name = /'(?:-[^-'], )?(-{1,2}[^' ]+)/.exec(message)?.[1] ?? 'A flag';
    // `--timeout -1`: the value looks like a flag, and parseArgs will not guess.
    if (/ambiguous/.test(message)) return usage(`${name} needs a value; one starting with "-" is written ${name}=<value>.`, command);
    return usage(/argument missing/.test(message) ? `${name} needs a value.` : `${name} takes no value.`, command);
  }
  return usage(message.split('\n')[0] ?? message, command);
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
  return new GreeterError(
    'GREETER_USAGE',
    `${displayName(word, 40)} is a greeter command word, not a language${command ? '' : ', and greeter has no such command yet'}.`,
    { hint: suggestion ? `Did you mean \`greeter ${suggestion}\`? Run \`greeter --help\` for every command.` : 'Run `greeter --help` for every command.' },
  );
}

function parseTimeout(value: string): number {
  const timeoutMs = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(timeoutMs >= 1 && timeoutMs <= maxTimeoutMs)) {
    throw usage(`--timeout must be a whole number of milliseconds from 1 to ${maxTimeoutMs}, got ${displayName(value, 40)}.`);
  }
  return timeoutMs;
}

function usage(message: string, command?: CommandSpec): GreeterError {
  const help = command === undefined || command.name === 'greet' ? 'greeter --help' : `greeter ${command.name} --help`;
  return new GreeterError('GREETER_USAGE', message, { hint: `Run \`${help}\` to see its usage.` });
}
