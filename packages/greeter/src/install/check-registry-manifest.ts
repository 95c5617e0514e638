import { GreeterError } from '@greeter/core';
import { checkCompatibility } from '@greeter/host';

/** The fields of a registry manifest (`npm view --json`) that `greeter add` checks. */
export interface RegistryManifest {
  name?: unknown;
  version?: unknown;
  keywords?: unknown;
  greeterPlugin?: unknown;
  peerDependencies?: unknown;
}

/**
 * Decides from the registry's manifest alone, before anything is installed,
 * whether a package is a Greeter plugin this host can load: it carries the
 * `greeter-plugin` keyword or a `greeterPlugin` manifest, and a declared
 * `@greeter/core` peer range admits `coreVersion`.
 *
 * @throws GreeterError `GREETER_PLUGIN_INVALID` or `GREETER_PLUGIN_INCOMPATIBLE`
 */
export function checkRegistryManifest(packageName: string, manifest: RegistryManifest, coreVersion: string): void {
  const version = typeof manifest.version === 'string' ? manifest.version : 'latest';
  const keywords = Array.isArray(manifest.keywords) ? manifest.keywords : [];
  if (!keywords.includes('greeter-plugin') && manifest.greeterPlugin === undefined) {
    throw new GreeterError('GREETER_PLUGIN_INVALID', `${packageName}@${version} in the registry is not a Greeter plugin: it has neither the "greeter-plugin" keyword nor a "greeterPlugin" manifest.`, {
      hint: 'Check the name; plugins are listed by `npm search keywords:greeter-plugin`. Nothing was installed.',
    });
  }
  const peers = typeof manifest.peerDependencies === 'object' && manifest.peerDependencies !== null ? (manifest.peerDependencies as Record<string, unknown>) : {};
  const range = peers['@greeter/core'];
  const result = checkCompatibility(range === undefined ? undefined : String(range), coreVersion);
  if (!result.compatible) {
    throw new GreeterError('GREETER_PLUGIN_INCOMPATIBLE', `${packageName}@${version} needs @greeter/core ${String(range)}, but this greeter has ${coreVersion}.`, {
      hint: 'Nothing was installed. Upgrade greeter, or ask the plugin author for a release made for this version.',
    });
  }
}
