import { coreVersion, displayText, errorFrom, isPluginPackageName, pluginPrefix } from '@greeter/core';
import { testkitMessages } from '@greeter/core/messages';
import { checkCompatibility } from '@greeter/host/stages';
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
        throw errorFrom(testkitMessages.unconventionalName, { name });
      },
    },
    {
      id: 'keywords',
      title: `package.json keywords include "${pluginPrefix}"`,
      run: async () => {
        if (keywords.includes(pluginPrefix)) return;
        throw errorFrom(testkitMessages.keywordMissing, { name });
      },
    },
    {
      id: 'description',
      title: 'package.json has a description',
      run: async () => {
        if (typeof packageJson.description === 'string' && packageJson.description.trim() !== '') return;
        throw errorFrom(testkitMessages.descriptionMissing, { name });
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
        throw errorFrom(testkitMessages.peerRangeExcludesCore, { name, version, range, reason: result.reason, coreVersion });
      },
    },
  ];
}
