import { GreeterError, displayName } from '@greeter/core';

/** What the command line asked for. */
export interface CliArgs {
  command: 'greet' | 'list' | 'doctor' | 'add' | 'remove' | 'help' | 'version';
  language: string | undefined;
  /** The package or language of `add` and `remove`. */
  target: string | undefined;
  name: string | undefined;
  json: boolean;
  isolate: boolean;
  /** `false` with `--no-color`; otherwise decided from the terminal and NO_COLOR. */
  color: boolean | undefined;
  cwd: string | undefined;
  config: string | undefined;
  plugins: string[];
  timeoutMs: number | undefined;
}

const valueFlags = new Set(['--name', '--cwd', '--config', '--plugin', '--timeout']);
const commands = new Set(['list', 'help']);
const packageCommands = new Set(['add', 'remove']);
const maxTimeoutMs = 2_147_483_647;

/**
 * Parses argv (without `node` and the script). Pure: it reads no file.
 *
 * @throws GreeterError `GREETER_USAGE`
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    command: 'greet',
    language: undefined,
    target: undefined,
    name: undefined,
    json: false,
    isolate: false,
    color: undefined,
    cwd: undefined,
    config: undefined,
    plugins: [],
    timeoutMs: undefined,
  };
  const positionals: string[] = [];
  let help = false;
  let version = false;
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (token === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      positionals.push(token);
      continue;
    }
    const equals = token.indexOf('=');
    const flag = equals > 0 && token.startsWith('--') ? token.slice(0, equals) : token;
    let value: string | undefined;
    if (valueFlags.has(flag)) {
      value = equals > 0 ? token.slice(equals + 1) : argv[++index];
      if (value === undefined || value === '') throw usage(`${flag} needs a value.`);
    } else if (equals > 0) {
      throw usage(`${displayName(flag, 40)} takes no value.`);
    }
    switch (flag) {
      case '--name':
        args.name = value;
        break;
      case '--cwd':
        args.cwd = value;
        break;
      case '--config':
        args.config = value;
        break;
      case '--plugin':
        args.plugins.push(value!);
        break;
      case '--timeout':
        args.timeoutMs = parseTimeout(value!);
        break;
      case '--json':
        args.json = true;
        break;
      case '--isolate':
        args.isolate = true;
        break;
      case '--no-color':
        args.color = false;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--version':
      case '-v':
        version = true;
        break;
      default:
        throw usage(`Unknown flag ${displayName(flag, 40)}.`);
    }
  }
  if (help) return { ...args, command: 'help' };
  if (version) return { ...args, command: 'version' };
  return withPositionals(args, positionals);
}

function withPositionals(args: CliArgs, positionals: string[]): CliArgs {
  const [first, ...rest] = positionals;
  if (first === 'doctor') {
    if (rest.length > 1) throw usage(`\`greeter doctor\` takes at most one language, got ${rest.length}.`);
    return { ...args, command: 'doctor', language: rest[0] };
  }
  if (first !== undefined && packageCommands.has(first)) {
    if (rest.length !== 1) throw usage(`\`greeter ${first}\` takes one language or package name, got ${rest.length}.`);
    return { ...args, command: first as 'add' | 'remove', target: rest[0] };
  }
  if (first !== undefined && commands.has(first)) {
    if (rest.length > 0) throw usage(`\`greeter ${first}\` takes no argument, got ${displayName(rest[0]!, 40)}.`);
    return { ...args, command: first as 'list' | 'help' };
  }
  if (rest.length > 0) throw usage(`Greet in one language at a time; got an extra argument ${displayName(rest[0]!, 40)}.`);
  return { ...args, language: first };
}

function parseTimeout(value: string): number {
  const timeoutMs = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(timeoutMs >= 1 && timeoutMs <= maxTimeoutMs)) {
    throw usage(`--timeout must be a whole number of milliseconds from 1 to ${maxTimeoutMs}, got ${displayName(value, 40)}.`);
  }
  return timeoutMs;
}

function usage(message: string): GreeterError {
  return new GreeterError('GREETER_USAGE', message);
}
