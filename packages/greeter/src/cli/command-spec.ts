import type { ReservedWord } from '@greeter/core';

/**
 * What a word on the command line completes to, answered by `greeter
 * __complete` (see complete.ts): installed languages, installed plugin
 * packages, plugin names seen on the registry, commands, shells, or paths.
 */
export type CompletionKind = 'languages' | 'installed' | 'addable' | 'commands' | 'shells' | 'files' | 'folders';

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
  /** What its value completes to. */
  complete?: CompletionKind;
}

/** A positional argument after the command name. */
export interface ArgSpec {
  name: string;
  required: boolean;
  description: string;
  /** Takes every remaining positional (`update [plugin…]`). */
  variadic?: boolean;
  complete?: CompletionKind;
}

/** A command line help shows under Examples, with what it does. */
export interface Example {
  command: string;
  description: string;
}

/**
 * A command's name: the greeting (the default, never typed), a reserved
 * word of `@greeter/core` (so no plugin can claim it as a language), or a
 * hidden `__` query for completion scripts.
 */
export type CommandName = 'greet' | ReservedWord | `__${string}`;

/** One command: how it is typed, what it takes, how it is shown. Plain data: no command code. */
export interface CommandSpec {
  name: CommandName;
  summary: string;
  args: readonly ArgSpec[];
  flags: Readonly<Record<string, FlagSpec>>;
  examples: readonly Example[];
  /** Not listed in help or completion (internal queries). */
  hidden?: boolean;
}
