import { spawnSync } from 'node:child_process';
import { GreeterError, parseLanguageRequest } from '@greeter/core';
import { formatCommand, packageCommand } from '@greeter/host/stages';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText } from '../output.js';

// Interim: runs the package manager directly; the registry check, exact
// versions and the isolated post-install check replace this.
export async function changePlugins(action: 'add' | 'remove', context: CommandContext): Promise<CommandResult> {
  const packageName = parseLanguageRequest(context.args.positionals[0]!).packageName;
  if (packageName === undefined) throw new GreeterError('GREETER_INVALID_NAME', 'That language cannot be part of a package name.');
  const host = context.createHost();
  const { manager } = host.packageManager();
  const argv = packageCommand(manager, action, packageName);
  const result = spawnSync(argv[0]!, argv.slice(1), { cwd: context.cwd, env: context.env, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `\`${formatCommand(argv)}\` failed.`);
  return { exitCode: 0, stdout: context.args.json ? jsonText({ schemaVersion: 1, ok: true, [action === 'add' ? 'added' : 'removed']: { name: packageName } }, 0) : `${action === 'add' ? 'Added' : 'Removed'} ${packageName}.\n` };
}
