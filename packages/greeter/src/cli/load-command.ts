import type { TableCommandName } from './command-table.js';
import type { CommandContext, CommandResult } from './context.js';
import type { Dispatch } from './main.js';

/** What a command's module exports. */
export interface CommandModule {
  run(context: CommandContext): Promise<CommandResult>;
}

// Each command's code, imported only when it runs. The table (command-table.ts)
// holds what help, parsing and completion need, and imports none of this.
const loaders: Record<TableCommandName, () => Promise<CommandModule>> = {
  greet: () => import('./commands/greet.js'),
  list: () => import('./commands/list.js'),
  doctor: () => import('./commands/doctor.js'),
  add: () => import('./commands/add.js'),
  remove: () => import('./commands/remove.js'),
  search: () => import('./commands/search.js'),
  outdated: () => import('./commands/outdated.js'),
  update: () => import('./commands/update.js'),
  info: () => import('./commands/info.js'),
  init: () => import('./commands/init.js'),
  help: () => import('./commands/help.js'),
  completion: () => import('./commands/completion.js'),
  __complete: () => import('./commands/complete.js'),
  __languages: () => import('./commands/languages.js'),
};

/**
 * Runs what the command line asks for, importing only that command's code:
 * `--version`, else `--help` for the command, else the command.
 */
export const dispatchCommand: Dispatch = async (context) => {
  const { args } = context;
  if (args.flags['version'] === true) return (await import('./commands/version.js')).run(context);
  if (args.flags['help'] === true) return (await import('./commands/help.js')).helpFor(args.command, context);
  return (await loaders[args.command as TableCommandName]()).run(context);
};
