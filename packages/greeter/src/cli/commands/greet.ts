import { errorFrom, isGreeterError, type GreeterError } from '@greeter/core';
import { cliMessages } from '@greeter/core/messages';
import { didYouMean } from '@greeter/host/internal';
import { commands } from '../command-table.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';

/** `greeter [language] [--name <who>]`: the greeting alone on stdout. */
export async function run(context: CommandContext): Promise<CommandResult> {
  const language = context.args.positionals[0];
  const name = context.args.flags['name'];
  let result: Awaited<ReturnType<ReturnType<CommandContext['createHost']>['greet']>>;
  try {
    result = await context.createHost().greet(language, typeof name === 'string' ? { name } : {});
  } catch (error) {
    throw mistypedCommand(error, language) ?? error;
  }
  const { greeting, plugin } = result;
  if (!context.args.json) return { exitCode: 0, stdout: `${greeting}\n` };
  const { name: packageName, version, source, languages } = plugin;
  return {
    exitCode: 0,
    stdout: jsonText({ schemaVersion: 1, ok: true, greeting, plugin: { name: packageName, version: version ?? null, source, language: languages[0] ?? null } }),
  };
}

// A word no plugin speaks that is one typo away from a command (`greeter
// lsit`) meant the command: say so, instead of suggesting a plugin package.
function mistypedCommand(error: unknown, language: string | undefined): GreeterError | undefined {
  if (language === undefined || !isGreeterError(error) || error.code !== 'GREETER_PLUGIN_NOT_FOUND') return undefined;
  const command = didYouMean(
    language,
    commands.filter((spec) => !spec.hidden && spec.name !== 'greet').map((spec) => spec.name),
  );
  if (command === undefined) return undefined;
  return errorFrom(cliMessages.mistypedCommand, { word: language, command });
}
