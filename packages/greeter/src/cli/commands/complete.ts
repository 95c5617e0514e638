import path from 'node:path';
import { isGreeterError } from '@greeter/core';
import type { Discovery } from '@greeter/host';
import { readSearched } from '../../registry/searched-names.js';
import { complete, type CompletionSources } from '../complete.js';
import type { CommandContext, CommandResult } from '../context.js';

/**
 * `greeter __complete -- <words…>`: what the completion scripts ask. One
 * completion per line, then a last line saying what the shell should do:
 * `:words` (offer the lines above), `:files` or `:folders` (its own path
 * completion).
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const answer = await complete(context.args.positionals, sourcesFor(context));
  const lines = answer.kind === 'words' ? answer.words.filter((word) => !/[\n\r]/.test(word)) : [];
  return { exitCode: 0, stdout: [...lines, `:${answer.kind}`].map((line) => `${line}\n`).join('') };
}

function sourcesFor(context: CommandContext): CompletionSources {
  const discoveries = new Map<string, Promise<Discovery>>();
  const discover = ({ cwd, configFile }: { cwd: string | undefined; configFile: string | undefined }) => {
    const options = { cwd: path.resolve(context.cwd, cwd ?? '.'), configFile: configFile === undefined ? undefined : path.resolve(context.cwd, configFile) };
    const key = JSON.stringify(options);
    let found = discoveries.get(key);
    if (found === undefined) {
      // A broken config does not keep the installed plugins from completing.
      found = context
        .createHost(options)
        .discover()
        .catch((error: unknown) => {
          if (!isGreeterError(error)) throw error;
          return context.createHost({ ...options, configFile: undefined, config: null }).discover();
        });
      discoveries.set(key, found);
    }
    return found;
  };
  return {
    languages: async (where) => (await discover(where)).candidates.flatMap((candidate) => candidate.languages).sort(),
    installed: async (where) =>
      (await discover(where)).candidates
        .filter((candidate) => candidate.source !== 'builtin')
        .map((candidate) => candidate.name)
        .sort(),
    searched: async () => readSearched(context.env).flatMap((plugin) => [plugin.name, ...plugin.languages]),
  };
}
