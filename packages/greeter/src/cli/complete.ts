import { commands, findCommand, globalFlags, type CommandSpec, type CompletionKind, type FlagSpec } from './command-table.js';

/** Where completions come from besides the command table: what is installed where greeter works, and what was searched. */
export interface CompletionSources {
  /** Installed languages and aliases, from the folder `cwd` (the command line's --cwd applied) and the config `configFile`. */
  languages(where: { cwd: string | undefined; configFile: string | undefined }): Promise<string[]>;
  /** Installed plugin package names. */
  installed(where: { cwd: string | undefined; configFile: string | undefined }): Promise<string[]>;
  /** Plugin names and languages seen on the registry by recent searches. */
  searched(): Promise<string[]>;
}

/** What to offer for the word being typed: these words, or the shell's own file or folder completion. */
export type Completion = { kind: 'words'; words: string[] } | { kind: 'files' } | { kind: 'folders' };

/**
 * The completions of a command line: `words` are the words after `greeter`,
 * the last one being typed (empty for a new word). Answered from the
 * command table (commands, flags, their values) and from `sources`
 * (languages, plugins), filtered by what has been typed. One function for
 * every shell: the scripts of `greeter completion` only pass words in and
 * print what comes out.
 */
export async function complete(words: readonly string[], sources: CompletionSources): Promise<Completion> {
  const typed = words.at(-1) ?? '';
  const line = readLine(words.slice(0, -1));
  if (line.pendingFlag) return answer(line.pendingFlag.complete, typed, line, sources);
  const command = line.command ?? findCommand('greet')!;
  if (typed.startsWith('-') && !line.afterDashes) return wordsFrom(flagWords({ ...globalFlags, ...command.flags }), typed);
  if (line.command === undefined && line.positionals.length === 0) {
    const names = commands.filter((spec) => !spec.hidden && spec.name !== 'greet').map((spec) => spec.name);
    const languages = await sources.languages(line.where).catch(() => []);
    return wordsFrom([...names, ...languages], typed);
  }
  const index = line.positionals.length;
  const arg = command.args[index] ?? (command.args.at(-1)?.variadic ? command.args.at(-1) : undefined);
  return answer(arg?.complete, typed, line, sources);
}

interface ReadLine {
  command: CommandSpec | undefined;
  positionals: string[];
  /** A flag that takes a value, when the word being typed is that value. */
  pendingFlag: FlagSpec | undefined;
  afterDashes: boolean;
  where: { cwd: string | undefined; configFile: string | undefined };
}

// The words already typed: the command, the positionals after it, and the
// values of --cwd and --config (discovery runs where the command would).
function readLine(done: readonly string[]): ReadLine {
  const everyFlag = flagsByWord();
  const line: ReadLine = { command: undefined, positionals: [], pendingFlag: undefined, afterDashes: false, where: { cwd: undefined, configFile: undefined } };
  for (let index = 0; index < done.length; index++) {
    const word = done[index]!;
    if (!line.afterDashes && word === '--') {
      line.afterDashes = true;
      continue;
    }
    if (!line.afterDashes && word.startsWith('-')) {
      const [flagWord, inline] = word.split(/=(.*)/s, 2) as [string, string | undefined];
      const flag = everyFlag.get(flagWord);
      if (flag?.spec.type !== 'string') continue;
      const value = inline ?? done[++index];
      if (value === undefined) line.pendingFlag = flag.spec;
      else if (flag.name === 'cwd') line.where.cwd = value;
      else if (flag.name === 'config') line.where.configFile = value;
      continue;
    }
    const named = line.command === undefined && line.positionals.length === 0 ? findCommand(word) : undefined;
    if (named !== undefined && !named.hidden && named.name !== 'greet') line.command = named;
    else line.positionals.push(word);
  }
  return line;
}

async function answer(kind: CompletionKind | undefined, typed: string, line: ReadLine, sources: CompletionSources): Promise<Completion> {
  switch (kind) {
    case 'files':
    case 'folders':
      return { kind };
    case 'languages':
      return wordsFrom(await sources.languages(line.where).catch(() => []), typed);
    case 'installed':
      return wordsFrom(await sources.installed(line.where).catch(() => []), typed);
    case 'addable': {
      const [installed, searched] = await Promise.all([sources.installed(line.where).catch(() => []), sources.searched().catch(() => [])]);
      return wordsFrom([...searched, ...installed], typed);
    }
    case 'commands':
      return wordsFrom(
        commands.filter((spec) => !spec.hidden && spec.name !== 'greet').map((spec) => spec.name),
        typed,
      );
    case 'shells':
      return wordsFrom(['bash', 'zsh', 'fish'], typed);
    default:
      return { kind: 'words', words: [] };
  }
}

function wordsFrom(candidates: readonly string[], typed: string): Completion {
  return { kind: 'words', words: [...new Set(candidates)].filter((word) => word.startsWith(typed)) };
}

/** Every spelling of the flags, long and short (`--[no-]color`: both). */
function flagWords(flags: Readonly<Record<string, FlagSpec>>): string[] {
  return Object.entries(flags).flatMap(([name, flag]) => [`--${name}`, ...(flag.negatable ? [`--no-${name}`] : []), ...(flag.short ? [`-${flag.short}`] : [])]);
}

// Each spelling of every flag of every command, to its name and spec.
function flagsByWord(): Map<string, { name: string; spec: FlagSpec }> {
  const all: Array<[string, FlagSpec]> = [...Object.entries(globalFlags), ...commands.flatMap((command) => Object.entries(command.flags))];
  const map = new Map<string, { name: string; spec: FlagSpec }>();
  for (const [name, spec] of all) {
    map.set(`--${name}`, { name, spec });
    if (spec.short) map.set(`-${spec.short}`, { name, spec });
  }
  return map;
}
