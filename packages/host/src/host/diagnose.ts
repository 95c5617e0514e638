import { isGreeterError, type GreeterError } from '@greeter/core';
import type { LoadedConfig } from '../config/find-config.js';
import type { Resolution } from '../resolve/resolve-plugin.js';
import type { Discovery } from '../types.js';
import { createHost } from './create-host.js';
import type { HostOptions, PluginHealth } from './host-types.js';

/** Everything `greeter doctor` reports. */
export interface Diagnosis {
  /** The config in force, or the error that kept it out (discovery went on without it). */
  config: { loaded: LoadedConfig | null; error?: GreeterError | undefined };
  discovery: Discovery;
  /** Every plugin, loaded and asked to greet in an isolated process. */
  plugins: PluginHealth[];
  /** How `language` resolves, step by step, when one was given. */
  language?: { input: string; resolution: Resolution } | undefined;
  healthy: boolean;
}

// Isolated checks at once: each is a Node process; more would only queue on a small machine.
const concurrency = 2;

/**
 * Checks the whole setup with a host built from the same options: the
 * config, every folder searched, every plugin loaded and greeted in an
 * isolated process (whatever one plugin does, the others are still checked),
 * broken and shadowed copies, and, for `language`, the trace of its
 * resolution. A broken config is reported, and the rest goes on without it.
 */
export async function diagnose(options: HostOptions & { language?: string | undefined } = {}): Promise<Diagnosis> {
  let host = createHost(options);
  let config: Diagnosis['config'];
  try {
    config = { loaded: await host.config() };
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    config = { loaded: null, error };
    host = createHost({ ...options, config: null });
  }
  const discovery = await host.discover();
  const plugins: PluginHealth[] = new Array(discovery.candidates.length);
  let next = 0;
  const worker = async () => {
    while (next < discovery.candidates.length) {
      const index = next++;
      plugins[index] = await host.check(discovery.candidates[index]!);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const language = options.language === undefined ? undefined : { input: options.language, resolution: await host.explain(options.language) };
  const healthy =
    config.error === undefined &&
    discovery.problems.length === 0 &&
    plugins.every((plugin) => plugin.ok) &&
    (language === undefined || language.resolution.error === undefined);
  return { config, discovery, plugins, language, healthy };
}
