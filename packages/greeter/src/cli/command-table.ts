import type { CommandSpec, FlagSpec } from './command-spec.js';

export type { ArgSpec, CommandName, CommandSpec, CompletionKind, Example, FlagSpec } from './command-spec.js';

/** Flags every command takes. */
export const globalFlags: Record<string, FlagSpec> = {
  json: { type: 'boolean', description: 'print exactly one JSON document on stdout, also for errors' },
  cwd: { type: 'string', value: '<dir>', description: 'work from <dir> instead of the current folder', complete: 'folders' },
  config: { type: 'string', value: '<file>', description: 'use this config file instead of searching for one', complete: 'files' },
  plugin: { type: 'string', multiple: true, value: '<path>', description: 'load the plugin in the folder <path> (repeatable)', complete: 'folders' },
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

const languageArg = {
  name: 'language',
  required: false,
  description: 'a language or alias (chinese, zh, 中文) or a plugin package name',
  complete: 'languages',
} as const;
const targetArg = {
  name: 'language|package',
  required: true,
  description: 'a language (esperanto) or a plugin package name (@acme/klingon)',
  complete: 'installed',
} as const;
const globalFlag: FlagSpec = { type: 'boolean', short: 'g', description: 'in the global folder of the package manager that installed greeter' };
const registryFlag: FlagSpec = { type: 'string', value: '<url>', description: "use this registry instead of the package manager's" };

const table = [
  {
    name: 'greet',
    summary: 'greet (language: argument, else config "default", else english)',
    args: [languageArg],
    flags: { name: { type: 'string', value: '<who>', description: 'greet <who> instead of the universe' } },
    examples: [
      { command: 'greeter', description: 'greet in the default language' },
      { command: 'greeter chinese --name Ada', description: 'greet Ada in Chinese' },
      { command: 'greeter @acme/klingon', description: 'greet with the plugin @acme/greeter-plugin-klingon' },
    ],
  },
  {
    name: 'list',
    summary: 'installed plugins, each once: languages, package, version, source, status',
    args: [],
    flags: { long: { type: 'boolean', short: 'l', description: 'add paths and shadowed copies' } },
    examples: [
      { command: 'greeter list', description: 'the plugins installed here' },
      { command: 'greeter list --long --json', description: 'with paths and shadowed copies, as JSON' },
    ],
  },
  {
    name: 'doctor',
    summary: 'config, folders searched, each plugin loaded in isolation and checked; exit 1 unless all are healthy',
    args: [{ ...languageArg, description: 'also explain how this language resolves' }],
    flags: {},
    examples: [
      { command: 'greeter doctor', description: 'check every installed plugin' },
      { command: 'greeter doctor zh', description: 'also show how "zh" resolves' },
    ],
  },
  {
    name: 'add',
    summary: "install a plugin with the project's package manager, after checking the registry",
    args: [{ ...targetArg, complete: 'addable' }],
    flags: {
      global: globalFlag,
      registry: registryFlag,
      yes: { type: 'boolean', short: 'y', description: 'grant what the plugin asks for (the network, variables) without asking' },
    },
    examples: [
      { command: 'greeter add esperanto', description: 'install greeter-plugin-esperanto in this project' },
      { command: 'greeter add weather --yes', description: 'install greeter-plugin-weather and grant what it asks for' },
      { command: 'greeter add -g @acme/klingon', description: 'install @acme/greeter-plugin-klingon beside a global greeter' },
    ],
  },
  {
    name: 'remove',
    summary: 'uninstall a plugin the same way',
    args: [targetArg],
    flags: { global: globalFlag },
    examples: [{ command: 'greeter remove esperanto', description: 'uninstall greeter-plugin-esperanto from this project' }],
  },
  {
    name: 'search',
    summary: 'plugins published on the registry, with compatibility and whether each is installed',
    args: [{ name: 'term', required: false, description: 'words to look for in plugin names and descriptions' }],
    flags: { registry: registryFlag },
    examples: [
      { command: 'greeter search', description: 'every plugin on the registry' },
      { command: 'greeter search klingon --json', description: 'plugins about Klingon, as JSON' },
    ],
  },
  {
    name: 'outdated',
    summary: 'installed plugins with a newer version: current, newest compatible with this greeter, newest',
    args: [],
    flags: { global: globalFlag, registry: registryFlag },
    examples: [
      { command: 'greeter outdated', description: "this project's plugins that have a newer version" },
      { command: 'greeter outdated -g --json', description: 'the global ones, as JSON' },
    ],
  },
  {
    name: 'update',
    summary: 'update plugins to the newest compatible version, checked as add checks (all outdated ones when none is named)',
    args: [
      {
        name: 'plugin',
        required: false,
        variadic: true,
        description: 'languages or plugin package names; default: every outdated plugin',
        complete: 'installed',
      },
    ],
    flags: { global: globalFlag, registry: registryFlag },
    examples: [
      { command: 'greeter update', description: 'update every outdated plugin of this project' },
      { command: 'greeter update chinese', description: 'update greeter-plugin-chinese only' },
    ],
  },
  {
    name: 'info',
    summary: 'one plugin in full: manifest, languages, versions, source, status, compatibility, permissions',
    args: [{ ...targetArg, description: 'an installed language, or a plugin package name on the registry', complete: 'languages' }],
    flags: { registry: registryFlag },
    examples: [
      { command: 'greeter info chinese', description: 'the plugin that speaks Chinese here, and its versions on the registry' },
      { command: 'greeter info @acme/klingon --json', description: 'a plugin, installed or not, as JSON' },
    ],
  },
  {
    name: 'init',
    summary: 'write a config file (.greeterrc.json), asking for the default language on a terminal',
    args: [],
    flags: { yes: { type: 'boolean', short: 'y', description: 'ask nothing: write the defaults' } },
    examples: [
      { command: 'greeter init', description: 'answer a question, then write .greeterrc.json' },
      { command: 'greeter init --yes', description: 'write the defaults' },
    ],
  },
  {
    name: 'help',
    summary: 'usage, for greeter or for one command',
    args: [{ name: 'command', required: false, description: 'the command to explain', complete: 'commands' }],
    flags: {},
    examples: [{ command: 'greeter help add', description: 'how to use greeter add' }],
  },
  {
    name: 'completion',
    summary: 'a completion script for bash, zsh or fish: commands, flags, installed languages',
    args: [{ name: 'shell', required: true, description: 'bash, zsh or fish', complete: 'shells' }],
    flags: {},
    examples: [
      { command: 'greeter completion bash >> ~/.bashrc', description: 'complete greeter in bash' },
      { command: 'greeter completion fish > ~/.config/fish/completions/greeter.fish', description: 'complete greeter in fish' },
    ],
  },
  {
    name: '__complete',
    summary: 'the completions of a command line, one per line (for completion scripts)',
    args: [{ name: 'words', required: false, variadic: true, description: 'the words after `greeter`, the last one being typed' }],
    flags: {},
    examples: [],
    hidden: true,
  },
  {
    name: '__languages',
    summary: 'the installed languages, one per line (for completion scripts of greeter 1.x)',
    args: [],
    flags: {},
    examples: [],
    hidden: true,
  },
] as const satisfies readonly CommandSpec[];

/** Every command, in the order help lists them. The first is the default. */
export const commands: readonly CommandSpec[] = table;

/** The name of a command the table holds. */
export type TableCommandName = (typeof table)[number]['name'];

/** The command of this name, if there is one. */
export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((command) => command.name === name);
}
