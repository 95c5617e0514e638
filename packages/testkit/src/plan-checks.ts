import { fileURLToPath } from 'node:url';
import { AssertionError } from 'node:assert';
import path from 'node:path';
import { GreeterError, coreVersion, isPluginPackageName } from '@greeter/core';
import {
  checkCompatibility,
  defaultTimeoutMs,
  greetWith,
  loadPlugin,
  readPluginPackage,
  resolvePlugin,
  type LoadedPlugin,
  type PluginCandidate,
} from '@greeter/host';
import type { PluginCase, PluginCheck, PluginTestOptions } from './types.js';

// A name no plugin would greet by accident.
const probeName = 'Testkit-Ada';

/**
 * The checks for one plugin, planned from its package.json alone (so a
 * framework can name each test before any runs). The plugin is loaded once,
 * through the host's own loader, when the first check needs it.
 */
export function planChecks(options: PluginTestOptions = {}): PluginCheck[] {
  const dir = toPath(options.dir ?? process.cwd());
  const entry = readPluginPackage({ path: dir, source: 'project', origin: 'testkit' });
  if ('error' in entry) {
    return [{ id: 'package', title: `${dir} is a readable plugin package`, run: () => Promise.reject(entry.error) }];
  }
  const candidate = entry;
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  let loading: Promise<LoadedPlugin> | undefined;
  const load = () => {
    // Unguarded: the guard swaps process.stdout.write, which a test runner's
    // own reporter (node:test's child-process protocol) writes through.
    loading ??= loadPlugin(candidate, { coreVersion, guard: false });
    return loading;
  };
  const greet = async (greetOptions: PluginCase['options'] = {}) =>
    greetWith(await load(), greetOptions, { timeoutMs, guard: false });
  return [
    ...packageChecks(candidate),
    { id: 'loads', title: 'loads through the greeter host', run: async () => void (await load()) },
    {
      id: 'greets',
      title: 'greet() returns a non-empty string',
      run: async () => {
        if ((await greet()).trim() === '') throw contractError(`${candidate.name}'s greet() returned an empty string.`);
      },
    },
    {
      id: 'uses-name',
      title: 'greet({ name }) greets that name',
      run: async () => {
        const greeting = await greet({ name: probeName });
        if (!greeting.includes(probeName)) {
          throw contractError(`${candidate.name}'s greet({ name: "${probeName}" }) returned "${greeting}", without the name.`);
        }
      },
    },
    ...candidate.languages.map((language) => languageCheck(candidate, language)),
    ...(options.cases ?? []).map((pluginCase, index) => caseCheck(pluginCase, index, greet)),
  ];
}

function packageChecks(candidate: PluginCandidate): PluginCheck[] {
  const keywords = Array.isArray(candidate.packageJson.keywords) ? candidate.packageJson.keywords : [];
  return [
    {
      id: 'package-name',
      title: `${candidate.name} follows the naming convention`,
      run: async () => {
        if (!isPluginPackageName(candidate.name)) {
          throw new GreeterError('GREETER_PLUGIN_INVALID', `${candidate.name} is not named greeter-plugin-<language>, @scope/greeter-plugin-<language> or @scope/greeter-plugin.`, {
            hint: 'Rename the package; the host only discovers conventional names.',
          });
        }
      },
    },
    {
      id: 'keywords',
      title: 'package.json keywords include "greeter-plugin"',
      run: async () => {
        if (!keywords.includes('greeter-plugin')) {
          throw new GreeterError('GREETER_PLUGIN_INVALID', `${candidate.name}'s package.json keywords lack "greeter-plugin".`, {
            hint: 'Add "greeter-plugin" to "keywords": `greeter add` checks it in the registry.',
          });
        }
      },
    },
    {
      id: 'peer-range',
      title:
        candidate.coreRange === undefined
          ? 'declares no @greeter/core peer range (duck-typed)'
          : `peer range ${candidate.coreRange} on @greeter/core admits ${coreVersion}`,
      run: async () => {
        const result = checkCompatibility(candidate.coreRange, coreVersion);
        if (!result.compatible) {
          throw new GreeterError('GREETER_PLUGIN_INCOMPATIBLE', `${candidate.name}'s peer range ${candidate.coreRange} on @greeter/core excludes ${coreVersion}.`);
        }
      },
    },
  ];
}

function languageCheck(candidate: PluginCandidate, language: string): PluginCheck {
  return {
    id: `language:${language}`,
    title: `\`greeter ${language}\` resolves to ${candidate.name}`,
    run: async () => {
      const resolved = resolvePlugin({ candidates: [candidate], problems: [], searched: [] }, language);
      if (resolved.name !== candidate.name) throw contractError(`"${language}" resolved to ${resolved.name}.`);
    },
  };
}

function caseCheck(pluginCase: PluginCase, index: number, greet: (options?: PluginCase['options']) => Promise<string>): PluginCheck {
  const options = pluginCase.options ?? {};
  const title = pluginCase.name ?? `greet(${JSON.stringify(options)})`;
  return {
    id: `case:${index}`,
    title: pluginCase.expectedError ? `${title} fails with ${pluginCase.expectedError.code}` : title,
    run: async () => {
      if (pluginCase.expectedError) return expectFailure(greet(options), pluginCase.expectedError.code);
      const greeting = await greet(options);
      const expected = pluginCase.expected;
      const ok = expected === undefined || (typeof expected === 'string' ? greeting === expected : expected.test(greeting));
      if (!ok) throw new AssertionError({ message: `${title} returned ${JSON.stringify(greeting)}`, actual: greeting, expected, operator: 'strictEqual' });
    },
  };
}

async function expectFailure(promise: Promise<string>, code: string): Promise<void> {
  let actual: unknown;
  try {
    actual = await promise;
  } catch (error) {
    if ((error as { code?: unknown }).code === code) return;
    throw new AssertionError({ message: `expected ${code}, got ${String((error as { code?: unknown }).code ?? error)}`, actual: (error as { code?: unknown }).code, expected: code });
  }
  throw new AssertionError({ message: `expected ${code}, but it greeted ${JSON.stringify(actual)}`, actual, expected: code });
}

function contractError(message: string): GreeterError {
  return new GreeterError('GREETER_GREET_FAILED', message, { hint: 'Each greeting must be a non-empty string, and greet({ name }) must greet that name.' });
}

function toPath(dir: string | URL): string {
  return path.resolve(dir instanceof URL || dir.startsWith('file:') ? fileURLToPath(dir) : dir);
}
