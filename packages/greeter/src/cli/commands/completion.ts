import { GreeterError, displayName } from '@greeter/core';
import { commands, globalFlags, type CommandSpec, type FlagSpec } from '../commands.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';

const shells = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof shells)[number];

/** What a command's positional argument completes to. */
type ArgumentWords = 'languages' | 'commands' | 'shells' | 'none';

/**
 * `greeter completion <bash|zsh|fish>`: a completion script for the
 * commands and flags of the command table (hidden commands left out) and
 * for the installed languages, which the script asks `greeter __languages`
 * for at completion time, in the folder the user is in.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const shell = context.args.positionals[0]!;
  if (!(shells as readonly string[]).includes(shell)) {
    throw new GreeterError('GREETER_USAGE', `greeter has no completion for the shell ${displayName(shell, 40)}.`, {
      hint: 'Name one of bash, zsh and fish: `greeter completion bash`.',
    });
  }
  const visible = commands.filter((command) => !command.hidden);
  const script = scripts[shell as Shell](visible);
  return { exitCode: 0, stdout: context.args.json ? jsonText({ schemaVersion: 1, ok: true, shell, script }) : script };
}

/** Every spelling of a command's flags (its own and the global ones), long and short. */
function flagWords(flags: Record<string, FlagSpec>): string[] {
  return Object.entries(flags).flatMap(([name, flag]) => [`--${name}`, ...(flag.negatable ? [`--no-${name}`] : []), ...(flag.short ? [`-${flag.short}`] : [])]);
}

/** Flags that take a value, whose next word is not a command. */
function valueFlags(): string[] {
  const all: Record<string, FlagSpec> = Object.assign({}, globalFlags, ...commands.map((command) => command.flags));
  return Object.entries(all).flatMap(([name, flag]) => (flag.type === 'string' ? [`--${name}`, ...(flag.short ? [`-${flag.short}`] : [])] : []));
}

function argumentWords(command: CommandSpec): ArgumentWords {
  if (command.name === 'help') return 'commands';
  if (command.name === 'completion') return 'shells';
  // Installed languages help where an installed plugin is meant; `add` wants one that is not installed.
  if (command.name === 'add' || command.args.length === 0) return 'none';
  return command.args[0]!.name.startsWith('language') ? 'languages' : 'none';
}

const languagesCommand = 'greeter __languages 2>/dev/null';

function quoted(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

const scripts: Record<Shell, (visible: CommandSpec[]) => string> = {
  bash(visible) {
    const names = visible.filter((command) => command.name !== 'greet').map((command) => command.name);
    const cases = visible
      .map(
        (command) =>
          `    ${command.name === 'greet' ? "''" : command.name}) flags=${quoted(flagWords({ ...globalFlags, ...command.flags }).join(' '))}; words=${argumentWords(command)} ;;`,
      )
      .join('\n');
    return `# greeter completion for bash. Load it with: source <(greeter completion bash)
_greeter_completion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" command="" i word flags words
  local value_flags=${quoted(` ${valueFlags().join(' ')} `)}
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$value_flags" == *" $prev "* ]]; then prev="$word"; continue; fi
    prev="$word"
    [[ "$word" == -* ]] && continue
    command="$word"
    break
  done
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ $COMP_CWORD -gt 1 && "$value_flags" == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  case "$command" in
${cases}
    *) flags=${quoted(flagWords({ ...globalFlags, ...commands[0]!.flags }).join(' '))}; words=none ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  if [[ -z "$command" ]]; then
    COMPREPLY=($(compgen -W ${quoted(names.join(' '))}" $(${languagesCommand})" -- "$cur"))
    return
  fi
  case "$words" in
    languages) COMPREPLY=($(compgen -W "$(${languagesCommand})" -- "$cur")) ;;
    commands) COMPREPLY=($(compgen -W ${quoted(names.join(' '))} -- "$cur")) ;;
    shells) COMPREPLY=($(compgen -W 'bash zsh fish' -- "$cur")) ;;
    *) COMPREPLY=() ;;
  esac
}
complete -F _greeter_completion greeter
`;
  },

  zsh(visible) {
    const names = visible.filter((command) => command.name !== 'greet').map((command) => command.name);
    const cases = visible
      .map(
        (command) =>
          `    ${command.name === 'greet' ? "''" : command.name}) flags=(${flagWords({ ...globalFlags, ...command.flags }).join(' ')}); kind=${argumentWords(command)} ;;`,
      )
      .join('\n');
    return `#compdef greeter
# greeter completion for zsh. Load it with: source <(greeter completion zsh)
_greeter() {
  local -a flags value_flags
  local command="" kind i word prev=""
  value_flags=(${valueFlags().join(' ')})
  for ((i = 2; i < CURRENT; i++)); do
    word="\${words[i]}"
    if (( \${value_flags[(Ie)$prev]} )); then prev="$word"; continue; fi
    prev="$word"
    [[ "$word" == -* ]] && continue
    command="$word"
    break
  done
  if (( CURRENT > 2 && \${value_flags[(Ie)\${words[CURRENT-1]}]} )); then
    _files
    return
  fi
  case "$command" in
${cases}
    *) flags=(${flagWords({ ...globalFlags, ...commands[0]!.flags }).join(' ')}); kind=none ;;
  esac
  if [[ "$PREFIX" == -* ]]; then
    compadd -- $flags
    return
  fi
  if [[ -z "$command" ]]; then
    compadd -- ${names.join(' ')} \${(f)"$(${languagesCommand})"}
    return
  fi
  case "$kind" in
    languages) compadd -- \${(f)"$(${languagesCommand})"} ;;
    commands) compadd -- ${names.join(' ')} ;;
    shells) compadd -- bash zsh fish ;;
  esac
}
if (( $+functions[compdef] )); then compdef _greeter greeter; fi
`;
  },

  fish(visible) {
    const names = visible.filter((command) => command.name !== 'greet').map((command) => command.name);
    const lines = [
      '# greeter completion for fish. Load it with: greeter completion fish | source',
      'complete -c greeter -f',
      ...visible
        .filter((command) => command.name !== 'greet')
        .map((command) => `complete -c greeter -n '__fish_use_subcommand' -a ${command.name} -d ${quoted(command.summary)}`),
      `complete -c greeter -n '__fish_use_subcommand' -a '(${languagesCommand})' -d 'language'`,
      ...flagLines(globalFlags, undefined),
      ...visible.flatMap((command) =>
        flagLines(
          command.flags,
          command.name === 'greet' ? `not __fish_seen_subcommand_from ${names.join(' ')}` : `__fish_seen_subcommand_from ${command.name}`,
        ),
      ),
      ...visible.flatMap((command) => {
        const kind = argumentWords(command);
        const condition = `__fish_seen_subcommand_from ${command.name}`;
        if (kind === 'languages' && command.name !== 'greet') return [`complete -c greeter -n '${condition}' -a '(${languagesCommand})'`];
        if (kind === 'commands') return [`complete -c greeter -n '${condition}' -a ${quoted(names.join(' '))}`];
        if (kind === 'shells') return [`complete -c greeter -n '${condition}' -a 'bash zsh fish'`];
        return [];
      }),
    ];
    return `${lines.join('\n')}\n`;
  },
};

function flagLines(flags: Record<string, FlagSpec>, condition: string | undefined): string[] {
  const when = condition === undefined ? '' : ` -n '${condition}'`;
  return Object.entries(flags).flatMap(([name, flag]) => {
    const short = flag.short ? ` -s ${flag.short}` : '';
    const value = flag.type === 'string' ? (['cwd', 'config', 'plugin'].includes(name) ? ' -r -F' : ' -r') : '';
    const line = `complete -c greeter${when} -l ${name}${short}${value} -d ${quoted(flag.description)}`;
    return flag.negatable ? [line, `complete -c greeter${when} -l no-${name} -d ${quoted(`not ${name}`)}`] : [line];
  });
}
