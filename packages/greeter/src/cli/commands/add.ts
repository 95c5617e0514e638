import { GreeterError, coreVersion } from '@greeter/core';
import { detectPackageManager } from '@greeter/host';
import { createHost } from '../../index.js';
import { checkRegistryManifest } from '../../install/check-registry-manifest.js';
import { findProjectRoot } from '../../install/find-project.js';
import { changeCommand, runPackageManager } from '../../install/package-manager-commands.js';
import { pluginPackageName } from '../../install/plugin-package-name.js';
import { queryRegistry } from '../../install/query-registry.js';
import type { CliArgs } from '../parse-args.js';
import type { CliIO } from '../render.js';

/**
 * `greeter add <language|package>`: asks the registry whether the package is
 * a plugin this greeter can load, installs it with the project's package
 * manager (its progress on stderr), then greets with it.
 */
export async function runAdd(args: CliArgs, io: CliIO, cwd: string): Promise<number> {
  const packageName = pluginPackageName(args.target!);
  const root = findProjectRoot(cwd);
  const manager = detectPackageManager(root, io.env['npm_config_user_agent']);
  const manifest = await queryRegistry(packageName, manager, { cwd: root, env: io.env });
  checkRegistryManifest(packageName, manifest, coreVersion);
  const command = changeCommand(manager, 'add', packageName);
  const { code } = await runPackageManager(command, { cwd: root, env: io.env });
  if (code !== 0) {
    throw new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `\`${command.join(' ')}\` failed with exit code ${code}.`, {
      hint: 'Its output above says why; fix that and run `greeter add` again.',
    });
  }
  const { greeting, plugin } = await createHost({ cwd: root, env: io.env, timeoutMs: args.timeoutMs }).greet(packageName);
  const language = plugin.languages[0] ?? packageName;
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ added: { name: plugin.name, version: plugin.version, languages: plugin.languages }, greeting })}\n`);
  } else {
    io.stdout.write(`Added ${plugin.name} ${plugin.version ?? ''}`.trimEnd() + `: \`greeter ${language}\` says ${greeting}\n`);
  }
  return 0;
}
