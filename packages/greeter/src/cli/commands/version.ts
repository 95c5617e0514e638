import { createRequire } from 'node:module';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';

/** `greeter --version`: the greeter package's own version. */
export async function run(context: CommandContext): Promise<CommandResult> {
  // By name: this module is bundled into dist/bundle/, at another depth than src/.
  const { version } = createRequire(import.meta.filename)('greeter/package.json') as { version: string };
  return { exitCode: 0, stdout: context.args.json ? jsonText({ schemaVersion: 1, ok: true, version }, 0) : `${version}\n` };
}
