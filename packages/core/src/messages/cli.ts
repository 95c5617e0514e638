import { displayName, displayText } from '../display.js';
import { defineErrorMessages } from '../error-messages.js';

// The failures of the command line itself: arguments, help, completion, init and the greeting command (greeter's CLI), as greeter words them.
// `command` is the command whose usage was wrong, by its name (`greet` for
// the greeting); `flag` is a flag as written, with its dashes; what the user
// typed is shown escaped.

/** The next step after a usage error: the command's help. */
const seeUsage = (command: string | undefined) =>
  `Run \`${command === undefined || command === 'greet' ? 'greeter --help' : `greeter ${command} --help`}\` to see its usage.`;

const everyCommand = 'Run `greeter --help` for every command.';

/** A usage error of one command's arguments or flags. */
interface Usage {
  command: string;
}

const usage = ({ command }: Usage) => seeUsage(command);

export const cliMessages = defineErrorMessages({
  notNegatable: {
    code: 'GREETER_USAGE',
    message: ({ flag }: Usage & { flag: string }) => `${flag} is not a flag.`,
    hint: usage,
  },
  missingValue: {
    code: 'GREETER_USAGE',
    message: ({ flag = 'A flag' }: Usage & { flag: string | undefined }) => `${flag} needs a value.`,
    hint: usage,
  },
  valueLikeAFlag: {
    code: 'GREETER_USAGE',
    message: ({ flag = 'A flag' }: Usage & { flag: string | undefined }) => `${flag} needs a value; one starting with "-" is written ${flag}=<value>.`,
    hint: usage,
  },
  unexpectedValue: {
    code: 'GREETER_USAGE',
    message: ({ flag = 'A flag' }: Usage & { flag: string | undefined }) => `${flag} takes no value.`,
    hint: usage,
  },
  unknownFlag: {
    code: 'GREETER_USAGE',
    // `name`: the flag's name without dashes; `owner`: another command that has it.
    message: ({ flag, name, suggestion, owner }: Usage & { flag: string; name: string; suggestion: string | undefined; owner: string | undefined }) =>
      `Unknown flag ${displayName(flag, 40)}.${suggestion ? ` Did you mean --${suggestion}?` : owner ? ` --${name} belongs to \`greeter ${owner}\`.` : ''}`,
    hint: usage,
  },
  unparsable: {
    code: 'GREETER_USAGE',
    // `detail`: the first line of node:util's parseArgs error.
    message: ({ detail }: Usage & { detail: string }) => detail,
    hint: usage,
  },
  extraLanguage: {
    code: 'GREETER_USAGE',
    message: ({ extra }: { extra: string }) => `Greet in one language at a time; got an extra argument ${displayName(extra, 40)}.`,
    hint: () => seeUsage(undefined),
  },
  extraArgument: {
    code: 'GREETER_USAGE',
    message: ({ command, most, extra }: Usage & { most: number; extra: string }) =>
      `\`greeter ${command}\` takes ${most === 0 ? 'no argument' : `at most ${most}`}, got an extra ${displayName(extra, 40)}.`,
    hint: usage,
  },
  missingArguments: {
    code: 'GREETER_USAGE',
    message: ({ command, required }: Usage & { required: readonly string[] }) =>
      `\`greeter ${command}\` needs ${required.map((name) => `<${name}>`).join(' ')}.`,
    hint: usage,
  },
  timeoutOutOfRange: {
    code: 'GREETER_USAGE',
    message: ({ value, max }: { value: string; max: number }) =>
      `--timeout must be a whole number of milliseconds from 1 to ${max}, got ${displayName(value, 40)}.`,
    hint: () => seeUsage(undefined),
  },
  reservedWord: {
    code: 'GREETER_USAGE',
    // `isCommand`: the word is a command's name; `suggestion`: the command it most likely means.
    message: ({ word, isCommand }: { word: string; isCommand: boolean; suggestion: string | undefined }) =>
      `${displayName(word, 40)} is a greeter command word, not a language${isCommand ? '' : ', and greeter has no such command yet'}.`,
    hint: ({ suggestion }: { suggestion: string | undefined }) => (suggestion ? `Did you mean \`greeter ${suggestion}\`? ${everyCommand}` : everyCommand),
  },
  mistypedCommand: {
    code: 'GREETER_USAGE',
    message: ({ word, command }: { word: string; command: string }) =>
      `Unknown command ${displayName(word, 40)}, and no installed plugin speaks it. Did you mean \`greeter ${command}\`?`,
    hint: ({ command }: { command: string }) => `Run \`greeter ${command} --help\`, or \`greeter --help\` for every command.`,
  },
  cwdNotAFolder: {
    code: 'GREETER_USAGE',
    message: ({ folder }: { folder: string }) => `--cwd ${displayName(folder, 200)} is not a folder.`,
    hint: () => 'Name an existing folder with --cwd <dir>.',
  },
  noSuchCommand: {
    code: 'GREETER_USAGE',
    // `commands`: every command a user types, in help's order.
    message: ({ name, suggestion }: { name: string; suggestion: string | undefined; commands: readonly string[] }) =>
      `There is no command ${displayName(name, 40)}.${suggestion ? ` Did you mean \`greeter help ${suggestion}\`?` : ''}`,
    hint: ({ commands }: { commands: readonly string[] }) => `The commands: ${commands.join(', ')}; \`greeter help\` shows them all.`,
  },
  noCompletion: {
    code: 'GREETER_USAGE',
    message: ({ shell }: { shell: string }) => `greeter has no completion for the shell ${displayName(shell, 40)}.`,
    hint: () => 'Name one of bash, zsh and fish: `greeter completion bash`.',
  },
  configExists: {
    code: 'GREETER_USAGE',
    message: ({ file }: { file: string }) => `There is a greeter config already: ${displayText(file)}; nothing was written.`,
    hint: ({ file }: { file: string }) => `Edit ${displayText(file)}, or remove it and run \`greeter init\` again.`,
  },
});
