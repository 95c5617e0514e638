import { coreVersion, displayName, displayText, isPluginPackageName, pluginPrefix } from '@greeter/core';
import { checkCompatibility, incompatibleError } from '@greeter/host/stages';
import { checkFailure } from './_author-errors.js';
import type { PluginUnderTest } from './_read-plugin.js';
import type { PluginCheck } from './types.js';

/** The checks of package.json itself: name, keywords, description, peer range. */
export function packageChecks(plugin: PluginUnderTest): PluginCheck[] {
  const { name, packageJson } = plugin;
  const keywords = Array.isArray(packageJson.keywords) ? packageJson.keywords : [];
  const peers = packageJson.peerDependencies;
  const declared = typeof peers === 'object' && peers !== null ? (peers as Record<string, unknown>)['@greeter/core'] : undefined;
  const range = declared === undefined ? undefined : String(declared);
  return [
    {
      id: 'package-name',
      title: `${name} follows the naming convention`,
      run: async () => {
        if (isPluginPackageName(name)) return;
        throw checkFailure(
          'GREETER_PLUGIN_INVALID',
          `${displayName(name)} is not named ${pluginPrefix}-<language>, @scope/${pluginPrefix}-<language> or @scope/${pluginPrefix}.`,
          `Rename the package, e.g. "${pluginPrefix}-klingon": greeter discovers only conventional names.`,
        );
      },
    },
    {
      id: 'keywords',
      title: `package.json keywords include "${pluginPrefix}"`,
      run: async () => {
        if (keywords.includes(pluginPrefix)) return;
        throw checkFailure(
          'GREETER_PLUGIN_INVALID',
          `${name}'s package.json keywords lack "${pluginPrefix}".`,
          `Add "${pluginPrefix}" to "keywords" in package.json: \`greeter search\` finds plugins on the registry by it.`,
        );
      },
    },
    {
      id: 'description',
      title: 'package.json has a description',
      run: async () => {
        if (typeof packageJson.description === 'string' && packageJson.description.trim() !== '') return;
        throw checkFailure(
          'GREETER_PLUGIN_INVALID',
          `${name}'s package.json has no "description".`,
          'Add a one-line "description" to package.json, e.g. "Greets in Klingon.": a published plugin carries one, and `greeter search` shows it.',
        );
      },
    },
    {
      id: 'peer-range',
      title:
        range === undefined
          ? 'declares no @greeter/core peer range (duck-typed)'
          : `peer range ${displayText(range, 80)} on @greeter/core admits ${coreVersion}`,
      run: async () => {
        const result = checkCompatibility(range, coreVersion);
        if (result.compatible) return;
        const version = typeof packageJson.version === 'string' ? packageJson.version : undefined;
        throw incompatibleError(
          { name, version, range, reason: result.reason },
          coreVersion,
          `Make peerDependencies["@greeter/core"] in package.json a valid range that admits ${coreVersion}, e.g. "^${coreVersion}".`,
        );
      },
    },
  ];
}
