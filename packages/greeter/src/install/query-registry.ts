import { GreeterError } from '@greeter/core';
import type { PackageManager } from '@greeter/host';
import type { RegistryManifest } from './check-registry-manifest.js';
import { runPackageManager, viewCommand } from './package-manager-commands.js';

/**
 * Asks the registry, through the project's package manager, for the latest
 * manifest of `packageName`.
 *
 * @throws GreeterError `GREETER_PLUGIN_NOT_FOUND` when the registry has no such package or cannot be asked.
 */
export async function queryRegistry(
  packageName: string,
  manager: PackageManager,
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<RegistryManifest> {
  const command = viewCommand(manager, packageName);
  const { code, stdout } = await runPackageManager(command, { ...options, output: 'capture' });
  let parsed: unknown;
  try {
    parsed = stdout.trim() === '' ? undefined : JSON.parse(stdout);
  } catch {
    // Not JSON: reported below with the exit code.
  }
  const document = Array.isArray(parsed) ? parsed.at(-1) : parsed;
  if (code === 0 && typeof document === 'object' && document !== null && !('error' in document)) {
    return document as RegistryManifest;
  }
  const errorCode = String((document as { error?: { code?: unknown } } | undefined)?.error?.code ?? '');
  if (errorCode.includes('404')) {
    throw new GreeterError('GREETER_PLUGIN_NOT_FOUND', `${packageName} is not in the registry.`, {
      hint: 'Check the name; plugins are listed by `npm search keywords:greeter-plugin`. Nothing was installed.',
    });
  }
  throw new GreeterError('GREETER_PLUGIN_NOT_FOUND', `The registry could not be asked about ${packageName}: \`${command.join(' ')}\` failed${errorCode ? ` with ${errorCode}` : ` (exit ${code})`}.`, {
    hint: 'Check the network and the registry setting (`npm config get registry`). Nothing was installed.',
  });
}
