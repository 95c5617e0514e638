import type { GreetOptions } from '@greeter/core';
import { collectingStream } from '@greeter/fixtures';
import { greetIsolated, type IsolateOptions } from '../isolate/greet-isolated.js';
import type { PluginCandidate } from '../types.js';

/**
 * Greets with `plugin` in a process of its own (5 s, core 1.0.0, unless
 * `options` says otherwise), keeping what the process wrote.
 */
export function greetApart(plugin: PluginCandidate, options: Partial<IsolateOptions> = {}, greetOptions: GreetOptions = {}) {
  const output = collectingStream();
  const greeting = greetIsolated(plugin, greetOptions, { coreVersion: '1.0.0', timeoutMs: 5000, output: output.stream, ...options });
  return { greeting, output: output.text };
}
