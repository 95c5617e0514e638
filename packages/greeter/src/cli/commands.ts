import type { CommandContext, CommandResult } from './context.js';

/** A command-line flag: its type, its value's placeholder, what it does. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Given more than once, every value is kept (`--plugin`). */
  multiple?: boolean;
  /** Accepts `--no-<flag>` (`--no-color`, `--no-isolate`). */
  negatable?: boolean;
  /** The value's placeholder in help, e.g. `<ms>`. */
  value?: string;
  description: string;
}

/** One command: how it is typed, what it takes, and where its code is. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments after the command name, e.g. `[language]`, `<shell>`. */
  args: Array<{ name: string; required: boolean; description: string }>;
  flags: Record<string, FlagSpec>;
  /** Imported only when the command runs. */
  load(): Promise<{ run(context: CommandContext): Promise<CommandResult> }>;
  /** Not listed in help or completion (internal queries). */
  hidden?: boolean;
}

/** Flags every command takes. */
export const globalFlags: Record<string, FlagSpec> = {
  json: { type: 'boolean', description: 'print exactly one JSON document on stdout, also for errors' },
  cwd: { type: 'string', value: '<dir>', description: 'work from <dir> instead of the current folder' },
  config: { type: 'string', value: '<file>', description: 'use this config file instead of searching for one' },
  plugin: { type: 'string', multiple: true, value: '<path>', description: 'load the plugin in the folder <path> (repeatable)' },
  timeout: { type: 'string', value: '<ms>', description: 'how long a plugin may take to load and greet (default 5000)' },
  isolate: {
    type: 'boolean',
    negatable: true,
    description: 'isolate every plugin, built-in ones too (--no-isolate: run every plugin in-process; default: isolated unless built in or trusted)',
  },
  color: { type: 'boolean', negatable: true, description: 'colour on or off (default: on a terminal; NO_COLOR and FORCE_COLOR are honoured)' },
  help: { type: 'boolean', short: 'h', description: 'show help (for a command: greeter <command> --help)' },
  version: { type: 'boolean', short: 'v', description: 'print the version' },
};

const languageArg = { name: 'language', required: false, description: 'a language or alias (chinese, zh, 中文) or a plugin package name' };
const targetArg = { name: 'language|package', required: true, description: 'a language (esperanto) or a plugin package name (@acme/klingon)' };
const globalFlag: FlagSpec = { type: 'boolean', short: 'g', description: 'in the global folder of the package manager that installed greeter' };

/** Every command, in the order help lists them. The first is the default. */
export const commands: CommandSpec[] = [
  {
    name: 'greet',
    summary: 'greet (language: argument, else config "default", else english)',
    args: [languageArg],
    flags: { name: { type: 'string', value: '<who>', description: 'greet <who> instead of the universe' } },
    load: () => import('./commands/greet.js'),
  },
  {
    name: 'list',
    summary: 'installed plugins, each once: languages, package, version, source, status',
    args: [],
    flags: { long: { type: 'boolean', short: 'l', description: 'add paths and shadowed copies' } },
    load: () => import('./commands/list.js'),
  },
  {
    name: 'doctor',
    summary: 'config, folders searched, each plugin loaded in isolation and checked; exit 1 unless all are healthy',
    args: [{ ...languageArg, description: 'also explain how this language resolves' }],
    flags: {},
    load: () => import('./commands/doctor.js'),
  },
  {
    name: 'add',
    summary: "install a plugin with the project's package manager, after checking the registry",
    args: [targetArg],
    flags: { global: globalFlag },
    load: () => import('./commands/add.js'),
  },
  {
    name: 'remove',
    summary: 'uninstall a plugin the same way',
    args: [targetArg],
    flags: { global: globalFlag },
    load: () => import('./commands/remove.js'),
  },
  {
    name: 'search',
    summary: 'plugins published on the registry, with compatibility and whether each is installed',
    args: [{ name: 'term', required: false, description: 'words to look for in plugin names and descriptions' }],
    flags: {},
    load: () => import('./commands/search.js'),
  },
  {
    name: 'help',
    summary: 'usage, for greeter or for one command',
    args: [{ name: 'command', required: false, description: 'the command to explain' }],
    flags: {},
    load: () => import('./commands/help.js'),
  },
  {
    name: 'completion',
    summary: 'a completion script for bash, zsh or fish: commands, flags, installed languages',
    args: [{ name: 'shell', required: true, description: 'bash, zsh or fish' }],
    flags: {},
    load: () => import('./commands/completion.js'),
  },
  {
    name: '__languages',
    summary: 'the installed languages, one per line (for completion scripts)',
    args: [],
    flags: {},
    hidden: true,
    load: () => import('./commands/languages.js'),
  },
];

/** The command of this name, if there is one. */
export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name);
}
