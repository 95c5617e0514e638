import type { CommandContext, CommandResult } from '../context.js';

/**
 * `greeter __languages`: the installed languages and aliases, one per line,
 * for completion scripts. Discovery only (package.json files): no compatibility
 * check, no config module beyond what discovery needs, nothing imported.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const discovery = await context.createHost().discover();
  const languages = new Set(discovery.candidates.flatMap((candidate) => candidate.languages));
  return {
    exitCode: 0,
    stdout: [...languages]
      .sort()
      .map((language) => `${language}\n`)
      .join(''),
  };
}
