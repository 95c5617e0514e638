import type { CommandContext, CommandResult } from '../context.js';
import { changePlugins } from './_change-plugins.js';

/** `greeter remove [-g] <language|package>`. */
export async function run(context: CommandContext): Promise<CommandResult> {
  return changePlugins('remove', context);
}
