import { errorFrom } from '@greeter/core';
import { cliMessages } from '@greeter/core/messages';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';

const shells = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof shells)[number];

/**
 * `greeter completion <bash|zsh|fish>`: a script that asks `greeter
 * __complete` for every completion (see complete.ts), so commands, flags
 * and languages are always those of the greeter that answers. That is the
 * project's own greeter (the nearest `node_modules/.bin/greeter` above the
 * shell's folder) when there is one, else `greeter` on PATH.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const shell = context.args.positionals[0]!;
  if (!(shells as readonly string[]).includes(shell)) {
    throw errorFrom(cliMessages.noCompletion, { shell });
  }
  const script = scripts[shell as Shell];
  return { exitCode: 0, stdout: context.args.json ? jsonText({ schemaVersion: 1, ok: true, shell, script }) : script };
}

const scripts: Record<Shell, string> = {
  bash: `# greeter completion for bash. Load it with: source <(greeter completion bash)
_greeter_completion() {
  local dir="$PWD" cmd=greeter kind
  while [[ -n "$dir" ]]; do
    if [[ -x "$dir/node_modules/.bin/greeter" ]]; then cmd="$dir/node_modules/.bin/greeter"; break; fi
    dir="\${dir%/*}"
  done
  local IFS=$'\\n'
  local -a lines=($("$cmd" __complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null))
  (( \${#lines[@]} )) || return
  kind="\${lines[\${#lines[@]}-1]}"
  unset 'lines[\${#lines[@]}-1]'
  case "$kind" in
    :files) COMPREPLY=($(compgen -f -- "\${COMP_WORDS[COMP_CWORD]}")) ;;
    :folders) COMPREPLY=($(compgen -d -- "\${COMP_WORDS[COMP_CWORD]}")) ;;
    *) COMPREPLY=("\${lines[@]}") ;;
  esac
}
complete -F _greeter_completion greeter
`,
  zsh: `#compdef greeter
# greeter completion for zsh. Load it with: source <(greeter completion zsh)
_greeter() {
  local dir="$PWD" cmd=greeter kind
  local -a lines
  while [[ -n "$dir" ]]; do
    if [[ -x "$dir/node_modules/.bin/greeter" ]]; then cmd="$dir/node_modules/.bin/greeter"; break; fi
    dir="\${dir%/*}"
  done
  lines=("\${(@f)$("$cmd" __complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  kind="\${lines[-1]}"
  lines=("\${(@)lines[1,-2]}")
  case "$kind" in
    :files) _files ;;
    :folders) _files -/ ;;
    *) compadd -- "\${lines[@]}" ;;
  esac
}
if (( $+functions[compdef] )); then compdef _greeter greeter; fi
`,
  fish: `# greeter completion for fish. Load it with: greeter completion fish | source
function __greeter_complete
    set -l dir $PWD
    set -l cmd greeter
    while test -n "$dir"
        if test -x "$dir/node_modules/.bin/greeter"
            set cmd "$dir/node_modules/.bin/greeter"
            break
        end
        set dir (string replace -r '/[^/]*$' '' -- $dir)
    end
    set -l words (commandline -opc)
    set -e words[1]
    set -l lines ($cmd __complete -- $words (commandline -ct) 2>/dev/null)
    test (count $lines) -gt 0; or return
    switch $lines[-1]
        case :files
            __fish_complete_path (commandline -ct)
        case :folders
            __fish_complete_directories (commandline -ct)
        case '*'
            set -e lines[-1]
            printf '%s\\n' $lines
    end
end
complete -c greeter -f -a '(__greeter_complete)'
`,
};
