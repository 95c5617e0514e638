import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isGreeterError } from '@greeter/core';
import { forAuthor } from './_author-errors.js';
import { caseCheck } from './_case-check.js';
import { codeChecks } from './_code-checks.js';
import { languageChecks } from './_language-checks.js';
import { packageChecks } from './_package-checks.js';
import { readPluginUnderTest } from './_read-plugin.js';
import type { PluginCheck, PluginTestOptions } from './types.js';

/**
 * How long loading the entry, and each `greet`, may take in the testkit:
 * below a test runner's default per-test limit (vitest's is 5 s), so a
 * hanging plugin fails with `GREETER_GREET_TIMEOUT` in the author's output
 * instead of as the runner's own timeout.
 */
export const testkitTimeoutMs = 2000;

/**
 * The checks for one plugin, planned from its package.json alone, so a
 * framework can name each test before any runs. The plugin's code is
 * imported once, through the host's own loader, when the first check that
 * needs it runs. Each failing `run()` rejects with its own GreeterError
 * (code, message, and a hint for the plugin's author).
 */
export function planChecks(options: PluginTestOptions = {}): PluginCheck[] {
  const dir = toPath(options.dir ?? process.cwd());
  const plugin = readPluginUnderTest(dir);
  if (isGreeterError(plugin)) {
    const hint = 'Point `dir` at your plugin\'s package folder: its package.json must be a JSON object with a "name".';
    return [{ id: 'package', title: `${dir} is a readable plugin package`, run: () => Promise.reject(forAuthor(plugin, hint)) }];
  }
  const { checks, greet } = codeChecks(plugin, options.timeoutMs ?? testkitTimeoutMs);
  return [
    ...packageChecks(plugin),
    ...languageChecks(plugin),
    ...checks,
    ...(options.cases ?? []).map((pluginCase, index) => caseCheck(pluginCase, index, greet)),
  ];
}

function toPath(dir: string | URL): string {
  return path.resolve(dir instanceof URL || dir.startsWith('file:') ? fileURLToPath(dir) : dir);
}
